package io.wschat.sns;

import java.util.Objects;

/** An SNS error the stand-in answers with when {@link Faults} decides a request should fail. */
public record SnsFault(int status, String code, String message) {

    public SnsFault {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
        }
    }

    public static SnsFault throttled() {
        return new SnsFault(429, "Throttled", "Rate exceeded");
    }

    public static SnsFault internalError() {
        return new SnsFault(500, "InternalError", "Internal error");
    }
}
