package io.wschat.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.local.Listeners;
import io.wschat.local.LocalStack;
import io.wschat.local.TestStacks;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway's port (WebSocket handshakes and the management API) queues a burst of new connections instead of
 * refusing it: with the JDK's backlog of 50, the joined notices of a room filling up through ./run-local lost posts
 * to "Connection reset" and "Connect timed out" (docs/PERFORMANCE.md, the connect ramp).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ListenBacklogIT {

    @Test
    void theGatewaysListener_queuesAtLeastAThousandConnections() throws Exception {
        try (LocalStack stack = TestStacks.start(TestStacks.gatewayOnly())) {
            int port = stack.webSocketUri().getPort();

            assertThat(listenBacklog(port)).as("the listen backlog of port %d", port).isGreaterThanOrEqualTo(1024);
        }
    }

    /** The most connections the listening socket queues: {@code ss}'s Send-Q of a listener. */
    private static int listenBacklog(int port) throws IOException, InterruptedException {
        List<String[]> rows = Listeners.matching("sport = :" + port);
        assertThat(rows).as("one listener on port %d", port).hasSize(1);
        return Integer.parseInt(rows.get(0)[Listeners.BACKLOG]);
    }
}
