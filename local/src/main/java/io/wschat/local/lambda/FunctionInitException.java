package io.wschat.local.lambda;

/** A handler class that cannot be loaded or constructed, like Lambda's Runtime.InitError. */
public class FunctionInitException extends Exception {

    private static final long serialVersionUID = 1L;

    public FunctionInitException(String message, Throwable cause) {
        super(message, cause);
    }
}
