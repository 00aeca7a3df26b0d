package io.wschat.message;

import io.wschat.shared.Broadcaster;
import io.wschat.shared.ChatProtocol;
import io.wschat.shared.ErrorCode;
import io.wschat.shared.Log;

/** The connection a frame came from, with the means to answer it and a logger carrying the request's fields. */
record Caller(String connectionId, Broadcaster broadcaster, ChatProtocol protocol, Log log) {

    /** Sends a frame to this connection only. */
    void reply(String frame) {
        broadcaster.send(connectionId, frame);
    }

    /** Sends an error frame to this connection only. */
    void replyError(ErrorCode code, String message) {
        reply(protocol.error(code, message));
    }

    /**
     * Refuses the frame: logs {@code frame rejected} with the code and the given key/value {@code fields}, and
     * sends the error frame to this connection only.
     */
    void reject(ErrorCode code, String message, Object... fields) {
        Object[] keyValues = new Object[fields.length + 2];
        keyValues[0] = "code";
        keyValues[1] = code.name();
        System.arraycopy(fields, 0, keyValues, 2, fields.length);
        log.info("frame rejected", keyValues);
        replyError(code, message);
    }
}
