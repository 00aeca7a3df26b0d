package io.wschat.sns;

/** An SNS API error: the HTTP status and the {@code Code} the SDK maps to its exception types. */
final class SnsErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    SnsErrorException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static SnsErrorException invalidParameter(String message) {
        return new SnsErrorException(400, "InvalidParameter", "Invalid parameter: " + message);
    }

    static SnsErrorException invalidParameterValue(String message) {
        return new SnsErrorException(400, "ParameterValueInvalid", message);
    }

    static SnsErrorException notFound(String message) {
        return new SnsErrorException(404, "NotFound", message);
    }

    static SnsErrorException fault(SnsFault fault) {
        return new SnsErrorException(fault.status(), fault.code(), fault.message());
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** {@code Sender} for the caller's mistakes, {@code Receiver} for the service's. */
    String type() {
        return status < 500 ? "Sender" : "Receiver";
    }
}
