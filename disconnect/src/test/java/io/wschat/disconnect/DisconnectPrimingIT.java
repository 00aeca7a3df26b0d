package io.wschat.disconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.shared.testing.FakeSns;
import io.wschat.shared.testing.Fixtures;
import io.wschat.shared.testing.PrimingTestBase;
import io.wschat.shared.testing.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DisconnectPrimingIT extends PrimingTestBase<DisconnectHandler> {

    DisconnectPrimingIT() {
        super(DisconnectHandler::new, "dynamodb", "handler");
    }

    @Test
    void handler_disconnects_afterCheckpointAndRestore() {
        DisconnectHandler handler = restoredHandler(Map.of());
        String leaving = backends.join("lobby", "alice");
        String staying = backends.join("lobby", "bob");

        int status = handler.handle(Fixtures.disconnect(leaving), new TestContext("disconnect")).getStatusCode();

        assertThat(status).isEqualTo(200);
        assertThat(store.find(leaving)).isEmpty();
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("disconnected", "left");
        assertThat(api.posts(staying)).hasSize(1);
    }
}
