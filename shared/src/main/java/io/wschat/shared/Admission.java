package io.wschat.shared;

/** The outcome of counting one action against its connection's rate limit: see {@link ConnectionStore#admit}. */
public sealed interface Admission {

    /** The action is within the limit; {@code sender} is the connection's row after counting it. */
    record Admitted(Connection sender) implements Admission {
    }

    /** The connection has used up its window; the action must not be carried out. */
    record Limited(Connection sender) implements Admission {
    }

    /** The connection has no row (it timed out, disconnected, or was removed after a 410). */
    record NotConnected() implements Admission {
    }
}
