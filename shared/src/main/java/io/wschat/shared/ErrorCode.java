package io.wschat.shared;

/** The stable codes of error frames; clients may branch on them, so existing codes never change meaning. */
public enum ErrorCode {
    /** The frame is not a JSON object, is nested too deeply, or has a repeated key. */
    INVALID_JSON,
    /** The frame is longer than any valid request can be; it was not parsed. */
    TOO_LARGE,
    /** {@code action} is missing, not a string, or not an action the server knows. */
    INVALID_ACTION,
    /** A field other than {@code data}, {@code room} and {@code name} is missing, of the wrong type or out of range. */
    INVALID_FIELD,
    /** {@code data} is missing, not a string, blank, too long, or holds control or hidden characters. */
    INVALID_TEXT,
    /** {@code room} does not match the room pattern. */
    INVALID_ROOM,
    /** {@code name} does not match the display name pattern. */
    INVALID_NAME,
    /** A whisper's {@code to} names no connected user. */
    UNKNOWN_USER,
    /**
     * The connection, or its user across connections, sent more actions (or room changes) than the rate limits allow;
     * the action was not carried out.
     */
    RATE_LIMITED,
    /** The action is not allowed for this connection (for example {@code rename} with authentication on). */
    NOT_ALLOWED,
    /** {@code edit} or {@code delete} names no message of the sender's room (never sent, expired or deleted). */
    NOT_FOUND,
    /** The server has no record of the sending connection (it timed out or was removed). */
    NOT_CONNECTED,
    /** The server could not complete the request; the client may retry. */
    INTERNAL_ERROR
}
