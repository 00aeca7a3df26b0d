package io.wschat.shared;

import java.util.Objects;

/**
 * A validated client request, one record type per action. {@link ChatProtocol#parse(String)} produces them; the
 * message function dispatches on the record type.
 */
public interface ChatRequest {

    /** The {@code action} value on the wire. */
    String action();

    /** {@code {"action":"sendmessage","data":"..."}}: post text to the sender's room. */
    record SendMessage(String data) implements ChatRequest {

        public static final String ACTION = "sendmessage";

        public SendMessage {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String action() {
            return ACTION;
        }
    }
}
