package io.wschat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.tools.WebSocketClients;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The harness end to end on a 10-member room, asserting delivery only (exactly once, no echo), never timing. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BenchSmokeIT {

    private static WebSocketClients clients;
    private static StackTarget stack;
    private static BaselineServer baseline;

    @BeforeAll
    static void start() throws Exception {
        clients = WebSocketClients.start("bench-client", Duration.ofMinutes(10));
        stack = StackTarget.start(Path.of("..", "template.yaml"), BenchOptions.parse().functionEnvironment(),
                new PrintStream(OutputStream.nullOutputStream()));
        baseline = BaselineServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (baseline != null) {
            baseline.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (clients != null) {
            clients.close();
        }
    }

    @Test
    void stack_deliversEveryMessageExactlyOnce_toEveryOtherMember() throws Exception {
        assertExactlyOnce(stack.webSocketUri(), "smoke-stack");
    }

    @Test
    void baseline_deliversEveryMessageExactlyOnce_toEveryOtherMember() throws Exception {
        assertExactlyOnce(baseline.webSocketUri(), "smoke-baseline");
    }

    private static void assertExactlyOnce(URI uri, String roomName) throws Exception {
        Room room = Room.connect(clients.client(), uri, roomName, 10, 4, Duration.ofSeconds(60));
        try {
            Runs.LatencyResult latency = Runs.latency(room, 2, 5, Duration.ofSeconds(20), Duration.ofSeconds(60));
            Runs.ThroughputResult throughput = Runs.throughput(room, 10, Duration.ofMillis(500), 3,
                    Duration.ofSeconds(60));

            assertThat(latency.measured()).isEqualTo(5);
            assertThat(latency.incomplete()).isZero();
            assertThat(latency.lost()).isZero();
            assertThat(latency.duplicates()).isZero();
            assertThat(latency.echoes()).isZero();
            assertThat(throughput.messages()).isEqualTo(5);
            assertThat(throughput.expectedDeliveries()).isEqualTo(45);
            assertThat(throughput.exactlyOnce()).isTrue();
            assertThat(room.errors()).isEmpty();
        } finally {
            room.close(Duration.ofSeconds(30));
        }
    }
}
