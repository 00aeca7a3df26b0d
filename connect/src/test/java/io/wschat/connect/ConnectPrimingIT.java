package io.wschat.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStore;
import io.wschat.shared.Priming;
import io.wschat.shared.testing.DynamoDbExtension;
import io.wschat.shared.testing.FakeManagementApi;
import io.wschat.shared.testing.FakeSns;
import io.wschat.shared.testing.Fixtures;
import io.wschat.shared.testing.HandlerBackends;
import io.wschat.shared.testing.TestContext;
import io.wschat.shared.testing.TestEnvironment;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class ConnectPrimingIT {

    @RegisterExtension
    static final DynamoDbExtension DYNAMO = new DynamoDbExtension();

    private static final String SECRET = "priming-test-secret-of-at-least-32-bytes";

    @RegisterExtension
    final HandlerBackends backends = new HandlerBackends(DYNAMO);
    private final FakeSns sns = backends.sns();
    private final FakeManagementApi api = backends.api();

    private ConnectHandler handler(Map<String, String> overrides) {
        return new ConnectHandler(backends.dependencies(env -> env.putAll(overrides)));
    }

    @Test
    void beforeCheckpoint_primesEveryStep_andChangesNothing() {
        Priming priming = handler(Map.of("AUTH_MODE", "none")).priming();
        // A row of the synthetic events' connection: priming that reached the table would change or delete it.
        backends.connections().put(Connection.open(Priming.CONNECTION_ID, "priming", "priming", "priming",
                Instant.now(), Optional.empty(), Optional.empty()));

        backends.assertChangesNothing(() -> priming.beforeCheckpoint(null));

        assertThat(priming.ranSteps()).containsExactly("dynamodb", "handler", "authenticator");
        assertThat(priming.failedSteps()).isEmpty();
    }

    @Test
    void beforeCheckpoint_primesEveryStep_andChangesNothing_withHs256() {
        Priming priming = handler(Map.of("AUTH_MODE", "hs256", "JWT_SECRET", SECRET)).priming();
        // A row of the synthetic events' connection: priming that reached the table would change or delete it.
        backends.connections().put(Connection.open(Priming.CONNECTION_ID, "priming", "priming", "priming",
                Instant.now(), Optional.empty(), Optional.empty()));

        backends.assertChangesNothing(() -> priming.beforeCheckpoint(null));

        assertThat(priming.ranSteps()).containsExactly("dynamodb", "handler", "authenticator");
        assertThat(priming.failedSteps()).isEmpty();
    }

    @Test
    void handler_connects_afterCheckpointAndRestore() {
        ConnectHandler handler = handler(Map.of("AUTH_MODE", "none"));
        handler.priming().beforeCheckpoint(null);
        handler.priming().afterRestore(null);
        String connectionId = UUID.randomUUID().toString().substring(0, 14) + "=";

        int status = handler.handleRequest(Fixtures.connect(connectionId, Map.of("room", "lobby", "name", "alice")),
                new TestContext("connect")).getStatusCode();

        assertThat(handler.priming().failedSteps()).isEmpty();
        assertThat(status).isEqualTo(200);
        assertThat(new ConnectionStore(DynamoDbExtension.client(), DYNAMO.connectionsTable()).find(connectionId))
                .hasValueSatisfying(connection -> assertThat(connection.name()).isEqualTo("alice"));
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("connected", "joined");
    }

    @Test
    void beforeCheckpoint_doesNotThrow_whenDynamoDbIsUnreachable() {
        Priming priming = handler(Map.of("AUTH_MODE", "none", "DYNAMODB_ENDPOINT",
                TestEnvironment.closedEndpoint())).priming();

        backends.assertChangesNothing(
                () -> assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException());

        assertThat(priming.ranSteps()).as("the other steps still run").containsExactly("dynamodb", "handler", "authenticator");
        assertThat(priming.failedSteps()).containsExactly("dynamodb");
    }

    @Test
    void primingToken_isRefused_byHs256() {
        ConnectHandler handler = handler(Map.of("AUTH_MODE", "hs256", "JWT_SECRET", SECRET));

        int status = handler.handleRequest(Fixtures.connect("refused=", Map.of("token", ConnectHandler.PRIMING_TOKEN)),
                new TestContext("connect")).getStatusCode();

        assertThat(status).isEqualTo(401);
    }
}
