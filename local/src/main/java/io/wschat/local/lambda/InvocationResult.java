package io.wschat.local.lambda;

import java.time.Duration;
import java.util.Map;

/**
 * What one invocation produced: the integration response API Gateway reads (status, headers, body), or the
 * error or timeout that replaced it, with its duration and the management API calls it made.
 */
public record InvocationResult(Outcome outcome, int statusCode, Map<String, String> headers, String body,
        String error, Duration duration, FanOut fanOut) {

    /** How an invocation ended. */
    public enum Outcome {
        /** The handler returned a response. */
        RESPONSE,
        /** The handler threw, failed to initialise, or returned something that is not a response. */
        ERROR,
        /** The handler ran past the function's Timeout. */
        TIMEOUT
    }

    public InvocationResult {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public boolean isResponse() {
        return outcome == Outcome.RESPONSE;
    }

    public boolean isSuccess() {
        return isResponse() && statusCode >= 200 && statusCode < 300;
    }

    public String header(String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    public long millis() {
        return duration.toMillis();
    }

    /** A short description for the console: "200", "ERROR IllegalStateException: boom", "TIMEOUT after 3 s". */
    public String summary() {
        return switch (outcome) {
            case RESPONSE -> String.valueOf(statusCode);
            case ERROR -> "ERROR " + error;
            case TIMEOUT -> "TIMEOUT " + error;
        };
    }
}
