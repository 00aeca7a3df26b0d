package io.wschat.connect.auth;

/** The HS256 key could not be read from Secrets Manager; the function cannot start. Never carries the value. */
public final class SecretReadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecretReadException(String message, Throwable cause) {
        super(message, cause);
    }

    public SecretReadException(String message) {
        super(message);
    }
}
