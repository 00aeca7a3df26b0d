package io.wschat.shared;

import java.util.Map;

/** The configuration and collaborators a handler needs, built once per function instance. */
public final class Dependencies {

    private final Map<String, String> env;

    private Dependencies(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** For the Lambda runtime: reads the process environment. */
    public static Dependencies fromEnvironment() {
        return from(System.getenv());
    }

    /** For tests and the local runtime: reads the given variables instead of the process environment. */
    public static Dependencies from(Map<String, String> env) {
        return new Dependencies(env);
    }

    public Map<String, String> env() {
        return env;
    }
}
