package io.wschat.shared;

/** Thrown when the connections table cannot be read or written. */
public final class ConnectionStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConnectionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
