package io.wschat.shared;

/** Thrown when the messages table cannot be read or written. */
public final class MessageStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MessageStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
