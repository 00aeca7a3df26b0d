package io.wschat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.tools.WebSocketClients;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The connect ramp's bookkeeping against a real stack: members join while messages flow, and none is lost. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConnectRampIT {

    @Test
    void aRoomFillingUp_getsEveryMessageOwedToItsOpenMembers() throws Exception {
        ConnectRamp.Options options = ConnectRamp.Options.parse("--members", "30", "--in-flight", "4",
                "--send-every", "100ms");
        try (StackTarget stack = StackTarget.start(Path.of("..", "template.yaml"),
                BenchOptions.parse().functionEnvironment(), new PrintStream(OutputStream.nullOutputStream()));
                WebSocketClients clients = WebSocketClients.start("ramp-it", Duration.ofMinutes(2))) {
            ConnectRamp.Ramp ramp = new ConnectRamp.Ramp(options, clients.client(), stack.webSocketUri(), "it",
                    () -> stack.route("sendmessage").invocations());

            ramp.run();

            assertThat(ramp.failures()).as("failed handshakes").isZero();
            assertThat(ramp.owed()).as("the 4 messages after the ramp, to 26 or more members each")
                    .isGreaterThanOrEqualTo(4L * (30 - 4));
            assertThat(ramp.lost()).isZero();
            assertThat(ramp.refused()).isEmpty();
        }
    }
}
