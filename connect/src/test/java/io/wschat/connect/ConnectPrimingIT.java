package io.wschat.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.shared.testing.FakeSns;
import io.wschat.shared.testing.Fixtures;
import io.wschat.shared.testing.PrimingTestBase;
import io.wschat.shared.testing.TestContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ConnectPrimingIT extends PrimingTestBase<ConnectHandler> {

    private static final String SECRET = "priming-test-secret-of-at-least-32-bytes";

    ConnectPrimingIT() {
        super(ConnectHandler::new, "dynamodb", "handler", "authenticator");
    }

    /** Anonymous ({@code AUTH_MODE=none}) unless {@code overrides} says otherwise. */
    @Override
    protected ConnectHandler handler(Map<String, String> overrides) {
        Map<String, String> changes = new HashMap<>(Map.of("AUTH_MODE", "none"));
        changes.putAll(overrides);
        return super.handler(changes);
    }

    @Test
    void beforeCheckpoint_primesEveryStep_andChangesNothing_withHs256() {
        assertPrimesEveryStepAndChangesNothing(priming(Map.of("AUTH_MODE", "hs256", "JWT_SECRET", SECRET)));
    }

    @Test
    void handler_connects_afterCheckpointAndRestore() {
        ConnectHandler handler = restoredHandler(Map.of());
        String connectionId = Fixtures.connectionId();

        int status = handler.handle(Fixtures.connect(connectionId, Map.of("room", "lobby", "name", "alice")),
                new TestContext("connect")).getStatusCode();

        assertThat(status).isEqualTo(200);
        assertThat(backends.connections().find(connectionId))
                .hasValueSatisfying(connection -> assertThat(connection.name()).isEqualTo("alice"));
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("connected", "joined");
    }

    @Test
    void primingToken_isRefused_byHs256() {
        ConnectHandler handler = handler(Map.of("AUTH_MODE", "hs256", "JWT_SECRET", SECRET));

        int status = handler.handle(Fixtures.connect("refused=", Map.of("token", ConnectHandler.PRIMING_TOKEN)),
                new TestContext("connect")).getStatusCode();

        assertThat(status).isEqualTo(401);
    }
}
