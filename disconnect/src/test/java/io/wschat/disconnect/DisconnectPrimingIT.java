package io.wschat.disconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.wschat.shared.Connection;
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
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class DisconnectPrimingIT {

    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMO = new DynamoDbLocalExtension();

    private final FakeSns sns = FakeSns.start();
    private final FakeManagementApi api = FakeManagementApi.start();
    private final ConnectionStore store = new ConnectionStore(DynamoDbLocalExtension.client(), DYNAMO.connectionsTable());
    private Dependencies dependencies;

    @AfterEach
    void close() {
        if (dependencies != null) {
            dependencies.close();
        }
        sns.close();
        api.close();
    }

    private DisconnectHandler handler(Map<String, String> overrides) {
        Map<String, String> env = TestEnvironment.forHandlers(DYNAMO, sns, api);
        env.putAll(overrides);
        dependencies = Dependencies.from(env);
        return new DisconnectHandler(dependencies);
    }

    private long rows(String table) {
        return DynamoDbLocalExtension.client().scan(b -> b.tableName(table)).count();
    }

    /** Rows in both tables; other tests of this class share them. */
    private long allRows() {
        return rows(DYNAMO.connectionsTable()) + rows(DYNAMO.messagesTable());
    }

    @Test
    void beforeCheckpoint_primesEveryStep_andChangesNothing() {
        Priming priming = handler(Map.of()).priming();

        long rowsBefore = allRows();

        priming.beforeCheckpoint(null);

        assertThat(priming.failedSteps()).isEmpty();
        assertThat(allRows()).isEqualTo(rowsBefore);
        assertThat(sns.publishes()).isEmpty();
        assertThat(api.recipients()).isEmpty();
    }

    @Test
    void handler_disconnects_afterCheckpointAndRestore() {
        DisconnectHandler handler = handler(Map.of());
        handler.priming().beforeCheckpoint(null);
        handler.priming().afterRestore(null);
        String leaving = UUID.randomUUID().toString().substring(0, 14) + "=";
        String staying = UUID.randomUUID().toString().substring(0, 14) + "=";
        store.put(Connection.open(leaving, "lobby", "alice", "alice", Instant.now(), Optional.empty(), Optional.empty()));
        store.put(Connection.open(staying, "lobby", "bob", "bob", Instant.now(), Optional.empty(), Optional.empty()));

        int status = handler.handleRequest(Fixtures.disconnect(leaving), new TestContext("disconnect")).getStatusCode();

        assertThat(handler.priming().failedSteps()).isEmpty();
        assertThat(status).isEqualTo(200);
        assertThat(store.find(leaving)).isEmpty();
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("disconnected", "left");
        assertThat(api.posts(staying)).hasSize(1);
    }

    @Test
    void beforeCheckpoint_doesNotThrow_whenDynamoDbIsUnreachable() throws IOException {
        Priming priming = handler(Map.of("DYNAMODB_ENDPOINT", "http://127.0.0.1:" + closedPort())).priming();

        long rowsBefore = allRows();

        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();

        assertThat(priming.failedSteps()).containsExactly("dynamodb");
        assertThat(allRows()).isEqualTo(rowsBefore);
        assertThat(sns.publishes()).isEmpty();
        assertThat(api.recipients()).isEmpty();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
