package io.wschat.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.wschat.shared.Connection;
import io.wschat.shared.Priming;
import java.time.Instant;
import java.util.Optional;

/** The checks every function's SnapStart {@link Priming} must pass, run against a test's {@link HandlerBackends}. */
public final class PrimingChecks {

    private PrimingChecks() {
    }

    /**
     * {@code beforeCheckpoint} runs exactly {@code steps}, in order, none fails, and it changes nothing the backends
     * hold, even with a row of the synthetic events' connection in the table.
     */
    public static void assertPrimesEveryStepAndChangesNothing(HandlerBackends backends, Priming priming,
            String... steps) {
        // A row of the synthetic events' connection: priming that reached the table would change or delete it.
        backends.connections().put(Connection.open(Priming.CONNECTION_ID, "priming", "priming", "priming",
                Instant.now(), Optional.empty(), Optional.empty()));

        backends.assertChangesNothing(() -> priming.beforeCheckpoint(null));

        assertThat(priming.ranSteps()).containsExactly(steps);
        assertThat(priming.failedSteps()).isEmpty();
    }

    /**
     * For a priming whose DynamoDB is unreachable: {@code beforeCheckpoint} does not throw, changes nothing, still
     * runs exactly {@code steps}, and reports only the {@code dynamodb} step as failed.
     */
    public static void assertSurvivesUnreachableDynamoDb(HandlerBackends backends, Priming priming,
            String... steps) {
        backends.assertChangesNothing(
                () -> assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException());

        assertThat(priming.ranSteps()).as("the other steps still run").containsExactly(steps);
        assertThat(priming.failedSteps()).containsExactly("dynamodb");
    }
}
