package io.wschat.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.wschat.shared.ConnectionStore;
import io.wschat.shared.Dependencies;
import io.wschat.shared.Priming;
import io.wschat.shared.testing.DynamoDbLocalExtension;
import io.wschat.shared.testing.FakeManagementApi;
import io.wschat.shared.testing.FakeSns;
import io.wschat.shared.testing.Fixtures;
import io.wschat.shared.testing.TestContext;
import io.wschat.shared.testing.TestEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class ConnectPrimingIT {

    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMO = new DynamoDbLocalExtension();

    private static final String SECRET = "priming-test-secret-of-at-least-32-bytes";

    private final FakeSns sns = FakeSns.start();
    private final FakeManagementApi api = FakeManagementApi.start();
    private Dependencies dependencies;

    @AfterEach
    void close() {
        if (dependencies != null) {
            dependencies.close();
        }
        sns.close();
        api.close();
    }

    private ConnectHandler handler(Map<String, String> overrides) {
        Map<String, String> env = TestEnvironment.forHandlers(DYNAMO, sns, api);
        env.putAll(overrides);
        dependencies = Dependencies.from(env);
        return new ConnectHandler(dependencies);
    }

    private long rows(String table) {
        return DynamoDbLocalExtension.client().scan(b -> b.tableName(table)).count();
    }

    /** Rows in both tables; other tests of this class share them. */
    private long allRows() {
        return rows(DYNAMO.connectionsTable()) + rows(DYNAMO.messagesTable());
    }

    private void assertNothingChanged(long rowsBefore) {
        assertThat(allRows()).isEqualTo(rowsBefore);
        assertThat(sns.publishes()).isEmpty();
        assertThat(api.recipients()).isEmpty();
    }

    @Test
    void beforeCheckpoint_primesEveryStep_andChangesNothing() {
        Priming priming = handler(Map.of("AUTH_MODE", "none")).priming();

        long rowsBefore = allRows();

        priming.beforeCheckpoint(null);

        assertThat(priming.failedSteps()).isEmpty();
        assertNothingChanged(rowsBefore);
    }

    @Test
    void beforeCheckpoint_primesEveryStep_andChangesNothing_withHs256() {
        Priming priming = handler(Map.of("AUTH_MODE", "hs256", "JWT_SECRET", SECRET)).priming();

        long rowsBefore = allRows();

        priming.beforeCheckpoint(null);

        assertThat(priming.failedSteps()).isEmpty();
        assertNothingChanged(rowsBefore);
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
        assertThat(new ConnectionStore(DynamoDbLocalExtension.client(), DYNAMO.connectionsTable()).find(connectionId))
                .hasValueSatisfying(connection -> assertThat(connection.name()).isEqualTo("alice"));
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("connected", "joined");
    }

    @Test
    void beforeCheckpoint_doesNotThrow_whenDynamoDbIsUnreachable() throws IOException {
        Priming priming = handler(Map.of("AUTH_MODE", "none", "DYNAMODB_ENDPOINT",
                "http://127.0.0.1:" + closedPort())).priming();

        long rowsBefore = allRows();

        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();

        assertThat(priming.failedSteps()).containsExactly("dynamodb");
        assertNothingChanged(rowsBefore);
    }

    @Test
    void primingToken_isRefused_byHs256() {
        ConnectHandler handler = handler(Map.of("AUTH_MODE", "hs256", "JWT_SECRET", SECRET));

        int status = handler.handleRequest(Fixtures.connect("refused=", Map.of("token", ConnectHandler.PRIMING_TOKEN)),
                new TestContext("connect")).getStatusCode();

        assertThat(status).isEqualTo(401);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
