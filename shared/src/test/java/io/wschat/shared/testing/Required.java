package io.wschat.shared.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;

/**
 * What a test needs from its machine (a tool on the PATH, a file an earlier build step makes): without it the test
 * fails under CI (the {@code CI} environment variable set, as CI services and {@code .ci/run} do) and is skipped
 * elsewhere, so CI never passes with the test silently left out.
 */
public final class Required {

    private Required() {
    }

    /**
     * Returns when {@code present}; otherwise fails the test under CI, and skips it elsewhere, with {@code message}
     * (say what is missing and what provides it: "the aws CLI is required under CI; .ci/run installs it").
     */
    public static void present(boolean present, String message) {
        present(present, message, System.getenv());
    }

    static void present(boolean present, String message, Map<String, String> environment) {
        if (present) {
            return;
        }
        if (environment.get("CI") != null) {
            fail(message);
        }
        assumeTrue(false, message);
    }
}
