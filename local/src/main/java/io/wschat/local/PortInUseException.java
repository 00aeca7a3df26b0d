package io.wschat.local;

/** A port the stack needs is taken, most likely by another running stack. */
public class PortInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PortInUseException(String what, String flag, int port, Throwable cause) {
        super(what + " cannot listen on port " + port + ": it is in use (another local stack?); choose another with "
                + flag, cause);
    }
}
