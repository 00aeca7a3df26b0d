package io.wschat.shared;

/** Thrown when the function's configuration is missing a required variable or holds an unusable value. */
public final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
