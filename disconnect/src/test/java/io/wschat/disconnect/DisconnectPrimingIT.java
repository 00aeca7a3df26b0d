package io.wschat.disconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.shared.Priming;
import io.wschat.shared.testing.FakeSns;
import io.wschat.shared.testing.Fixtures;
import io.wschat.shared.testing.HandlerTestBase;
import io.wschat.shared.testing.PrimingChecks;
import io.wschat.shared.testing.TestContext;
import io.wschat.shared.testing.TestEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DisconnectPrimingIT extends HandlerTestBase {

    private DisconnectHandler handler(Map<String, String> overrides) {
        return new DisconnectHandler(backends.dependencies(env -> env.putAll(overrides)));
    }

    @Test
    void beforeCheckpoint_primesEveryStep_andChangesNothing() {
        Priming priming = handler(Map.of()).priming();

        PrimingChecks.assertPrimesEveryStepAndChangesNothing(backends, priming, "dynamodb", "handler");
    }

    @Test
    void handler_disconnects_afterCheckpointAndRestore() {
        DisconnectHandler handler = handler(Map.of());
        handler.priming().beforeCheckpoint(null);
        handler.priming().afterRestore(null);
        String leaving = backends.join("lobby", "alice");
        String staying = backends.join("lobby", "bob");

        int status = handler.handle(Fixtures.disconnect(leaving), new TestContext("disconnect")).getStatusCode();

        assertThat(handler.priming().failedSteps()).isEmpty();
        assertThat(status).isEqualTo(200);
        assertThat(store.find(leaving)).isEmpty();
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("disconnected", "left");
        assertThat(api.posts(staying)).hasSize(1);
    }

    @Test
    void beforeCheckpoint_doesNotThrow_whenDynamoDbIsUnreachable() {
        Priming priming = handler(Map.of("DYNAMODB_ENDPOINT", TestEnvironment.closedEndpoint())).priming();

        PrimingChecks.assertSurvivesUnreachableDynamoDb(backends, priming, "dynamodb", "handler");
    }
}
