package io.wschat.connect;

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
class ConnectPrimingIT extends HandlerTestBase {

    private static final String SECRET = "priming-test-secret-of-at-least-32-bytes";


    private ConnectHandler handler(Map<String, String> overrides) {
        return new ConnectHandler(backends.dependencies(env -> env.putAll(overrides)));
    }

    @Test
    void beforeCheckpoint_primesEveryStep_andChangesNothing() {
        Priming priming = handler(Map.of("AUTH_MODE", "none")).priming();

        PrimingChecks.assertPrimesEveryStepAndChangesNothing(backends, priming, "dynamodb", "handler", "authenticator");
    }

    @Test
    void beforeCheckpoint_primesEveryStep_andChangesNothing_withHs256() {
        Priming priming = handler(Map.of("AUTH_MODE", "hs256", "JWT_SECRET", SECRET)).priming();

        PrimingChecks.assertPrimesEveryStepAndChangesNothing(backends, priming, "dynamodb", "handler", "authenticator");
    }

    @Test
    void handler_connects_afterCheckpointAndRestore() {
        ConnectHandler handler = handler(Map.of("AUTH_MODE", "none"));
        handler.priming().beforeCheckpoint(null);
        handler.priming().afterRestore(null);
        String connectionId = Fixtures.connectionId();

        int status = handler.handle(Fixtures.connect(connectionId, Map.of("room", "lobby", "name", "alice")),
                new TestContext("connect")).getStatusCode();

        assertThat(handler.priming().failedSteps()).isEmpty();
        assertThat(status).isEqualTo(200);
        assertThat(backends.connections().find(connectionId))
                .hasValueSatisfying(connection -> assertThat(connection.name()).isEqualTo("alice"));
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("connected", "joined");
    }

    @Test
    void beforeCheckpoint_doesNotThrow_whenDynamoDbIsUnreachable() {
        Priming priming = handler(Map.of("AUTH_MODE", "none", "DYNAMODB_ENDPOINT",
                TestEnvironment.closedEndpoint())).priming();

        PrimingChecks.assertSurvivesUnreachableDynamoDb(backends, priming, "dynamodb", "handler", "authenticator");
    }

    @Test
    void primingToken_isRefused_byHs256() {
        ConnectHandler handler = handler(Map.of("AUTH_MODE", "hs256", "JWT_SECRET", SECRET));

        int status = handler.handle(Fixtures.connect("refused=", Map.of("token", ConnectHandler.PRIMING_TOKEN)),
                new TestContext("connect")).getStatusCode();

        assertThat(status).isEqualTo(401);
    }
}
