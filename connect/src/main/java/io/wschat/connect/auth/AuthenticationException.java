package io.wschat.connect.auth;

/**
 * A {@code $connect} request could not be authenticated; carries the HTTP status for the handshake.
 *
 * <p>The message is always the fixed text of a {@link Reason}: it never contains the token, its claims or
 * the underlying library's message, so it is safe to log and to return.
 */
public final class AuthenticationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why authentication failed, and the status each failure maps to. */
    public enum Reason {
        MISSING_TOKEN(401, "no token"),
        MALFORMED_TOKEN(401, "token is not a well-formed signed JWT"),
        ALGORITHM_NOT_ACCEPTED(401, "token algorithm not accepted"),
        INVALID_SIGNATURE(401, "token signature invalid or signing key unknown"),
        EXPIRED(401, "token expired"),
        INVALID_CLAIMS(401, "token claims invalid (missing exp or sub, missing a required iat, "
                + "or not yet valid or issued in the future)"),
        TOO_OLD(401, "token issued too long ago"),
        WRONG_ISSUER(403, "token issuer not accepted"),
        WRONG_TOKEN_USE(403, "token kind (token_use) not accepted: an ID token where access tokens are expected, "
                + "or the reverse"),
        WRONG_AUDIENCE(403, "token audience not accepted"),
        KEYS_UNAVAILABLE(503, "token signing keys unavailable");

        private final int status;
        private final String text;

        Reason(int status, String text) {
            this.status = status;
            this.text = text;
        }

        public int status() {
            return status;
        }

        public String text() {
            return text;
        }
    }

    private final Reason reason;

    public AuthenticationException(Reason reason) {
        // No cause: library messages can quote decoded token parts. No stack trace either: these are
        // expected, attacker-triggerable outcomes, not bugs.
        super(reason.text(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** HTTP status for the rejected handshake: 401, 403 or 503. */
    public int status() {
        return reason.status();
    }
}
