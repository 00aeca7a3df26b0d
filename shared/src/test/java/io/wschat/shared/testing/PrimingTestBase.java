package io.wschat.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.wschat.shared.Connection;
import io.wschat.shared.Dependencies;
import io.wschat.shared.Priming;
import io.wschat.shared.WebSocketHandler;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SnapStart {@link Priming} tests every function runs, against {@link HandlerBackends}: a function's test class
 * says how its handler is built and which steps its priming runs; it adds the tests of its own
 * requests after a restore.
 *
 * @param <H> the function's handler
 */
@Timeout(30)
public abstract class PrimingTestBase<H extends WebSocketHandler> extends HandlerTestBase {

    private final Function<Dependencies, H> factory;
    private final String[] steps;

    /**
     * For a function whose handler {@code factory} builds, and whose priming's {@code beforeCheckpoint} runs exactly
     * {@code steps}, in order.
     */
    protected PrimingTestBase(Function<Dependencies, H> factory, String... steps) {
        this.factory = factory;
        this.steps = steps.clone();
    }

    /** A handler built on {@link #backends} with {@code overrides} in its environment. */
    protected H handler(Map<String, String> overrides) {
        return factory.apply(backends.dependencies(env -> env.putAll(overrides)));
    }

    /** The priming of a {@link #handler handler} with {@code overrides} in its environment. */
    protected final Priming priming(Map<String, String> overrides) {
        return handler(overrides).priming();
    }

    /**
     * A handler as SnapStart resumes it: built with {@code overrides} in its environment, both priming hooks run
     * (before the snapshot and after the restore), and no step failed.
     */
    protected final H restoredHandler(Map<String, String> overrides) {
        H handler = handler(overrides);
        Priming priming = handler.priming();
        priming.beforeCheckpoint(null);
        priming.afterRestore(null);
        assertThat(priming.failedSteps()).isEmpty();
        return handler;
    }

    @Test
    void beforeCheckpoint_primesEveryStep_andChangesNothing() {
        assertPrimesEveryStepAndChangesNothing(priming(Map.of()));
    }

    @Test
    void beforeCheckpoint_doesNotThrow_whenDynamoDbIsUnreachable() {
        Priming priming = priming(Map.of("DYNAMODB_ENDPOINT", TestEnvironment.closedEndpoint()));

        backends.assertChangesNothing(
                () -> assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException());

        assertThat(priming.ranSteps()).as("the other steps still run").containsExactly(steps);
        assertThat(priming.failedSteps()).containsExactly("dynamodb");
    }

    /**
     * {@code beforeCheckpoint} runs exactly the function's steps, in order, none fails, and it changes nothing the
     * backends hold, even with a row of the synthetic events' connection in the table.
     */
    protected final void assertPrimesEveryStepAndChangesNothing(Priming priming) {
        // A row of the synthetic events' connection: priming that reached the table would change or delete it.
        backends.connections().put(Connection.open(Priming.CONNECTION_ID, "priming", "priming", "priming",
                Instant.now(), Optional.empty(), Optional.empty()));

        backends.assertChangesNothing(() -> priming.beforeCheckpoint(null));

        assertThat(priming.ranSteps()).containsExactly(steps);
        assertThat(priming.failedSteps()).isEmpty();
    }
}
