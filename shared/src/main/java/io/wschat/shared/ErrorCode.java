package io.wschat.shared;

/** The stable codes of error frames; clients may branch on them, so existing codes never change meaning. */
public enum ErrorCode {
    /** The frame is not a JSON object, is nested too deeply, or has a repeated key. */
    INVALID_JSON,
    /** {@code action} is missing, not a string, or not an action the server knows. */
    INVALID_ACTION,
    /** {@code data} is missing, not a string, blank, too long, or holds control characters. */
    INVALID_TEXT,
    /** The server has no record of the sending connection (it timed out or was removed). */
    NOT_CONNECTED,
    /** The server could not complete the request; the client may retry. */
    INTERNAL_ERROR
}
