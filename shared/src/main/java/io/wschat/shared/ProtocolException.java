package io.wschat.shared;

import java.util.Objects;

/** Thrown for a client frame that breaks the wire protocol; carries the error frame's code and text. */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
