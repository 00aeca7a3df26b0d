package io.wschat.bench;

import static io.wschat.tools.UsageRefusal.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.tools.UsageRefusal;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectRampOptionsTest {

    @Test
    void parse_withNothing_givesTheDefaults() {
        ConnectRamp.Options options = ConnectRamp.Options.parse();

        assertThat(options).isEqualTo(new ConnectRamp.Options(1000, 10, Duration.ofSeconds(1), 3, List.of(""),
                List.of()));
    }

    @Test
    void parse_readsEveryOption_inBothForms_andKeepsRepeatedOnesInOrder() {
        ConnectRamp.Options options = ConnectRamp.Options.parse("--members", "200", "--in-flight=4",
                "--send-every", "0", "--runs=2", "--java-opts", "-XX:+UseSerialGC", "--java-opts=-Xint",
                "--stack-arg", "--env", "--stack-arg=PRESENCE_NOTICE_MAX_MEMBERS=1");

        assertThat(options).isEqualTo(new ConnectRamp.Options(200, 4, Duration.ZERO, 2,
                List.of("-XX:+UseSerialGC", "-Xint"), List.of("--env", "PRESENCE_NOTICE_MAX_MEMBERS=1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void parse_refusesBadArguments_withAUsageMessage(UsageRefusal refusal) {
        refusal.assertRefusedBy(ConnectRamp.Options::parse);
    }

    static Stream<UsageRefusal> refusals() {
        return Stream.of(
                refused("too few members for the senders", "--members must be at least 5, got 4", "--members", "4"),
                refused("no handshakes in flight", "--in-flight must be at least 1, got 0", "--in-flight", "0"),
                refused("negative send interval", "--send-every must be zero or longer, got -1s",
                        "--send-every", "-1s"),
                refused("no runs", "--runs must be at least 1, got 0", "--runs=0"),
                refused("empty JVM options", "--java-opts needs a value, got an empty one", "--java-opts="),
                refused("unknown option", "unknown option --room", "--room", "x"));
    }
}
