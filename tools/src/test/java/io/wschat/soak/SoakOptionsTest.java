package io.wschat.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static io.wschat.tools.UsageRefusal.refused;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.tools.OptionsParserContract;
import io.wschat.tools.UsageException;
import io.wschat.tools.UsageRefusal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SoakOptionsTest implements OptionsParserContract {

    @Test
    void parse_withoutArguments_givesTheFullSoak() {
        SoakOptions options = SoakOptions.parse();

        assertThat(options).isEqualTo(SoakOptions.defaults());
        assertThat(options.connections()).isEqualTo(1000);
        assertThat(options.rooms()).isEqualTo(10);
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(options.rate()).isEqualTo(2);
        assertThat(options.churn()).isEqualTo(1);
        assertThat(options.deadline()).isEqualTo(Duration.ofSeconds(15));
        assertThat(options.senderGap()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.inFlight()).isEqualTo(1);
        assertThat(options.connectConcurrency()).isEqualTo(8);
        assertThat(options.sampleEvery()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.maxHeapGrowthMb()).isEqualTo(64);
        assertThat(options.template()).isEqualTo(Path.of("template.yaml"));
        assertThat(options.stackLog()).isNull();
    }

    @Test
    void parse_readsEveryOption_inBothForms() {
        SoakOptions options = SoakOptions.parse("--connections", "100", "--rooms=4", "--duration", "45s",
                "--rate=5", "--churn", "0", "--deadline", "20s", "--sender-gap=0", "--in-flight", "2",
                "--connect-concurrency", "4", "--sample-every", "10s", "--max-heap-growth-mb", "32",
                "--template", "t.yaml", "--stack-log=stack.log");

        assertThat(options).isEqualTo(SoakOptions.builder().connections(100).rooms(4)
                .duration(Duration.ofSeconds(45)).rate(5).churn(0).deadline(Duration.ofSeconds(20))
                .senderGap(Duration.ZERO).inFlight(2).connectConcurrency(4).sampleEvery(Duration.ofSeconds(10))
                .maxHeapGrowthMb(32).template(Path.of("t.yaml")).stackLog(Path.of("stack.log")).build());
    }

    @Override
    public Stream<UsageRefusal> ownRefusals() {
        return Stream.of(
                refused("zero duration", "--deadline must be longer than zero, got 0s",
                        "--deadline=0s"),
                refused("negative duration", "--sample-every must be longer than zero, got -1m",
                        "--sample-every", "-1m"),
                refused("negative gap", "--sender-gap must be zero or longer, got -1s",
                        "--sender-gap", "-1s"),
                refused("negative count or rate", "--connections must be at least 2, got -10",
                        "--connections", "-10"),
                refused("negative count or rate", "--rooms must be at least 1, got 0",
                        "--rooms", "0"),
                refused("negative rate", "--rate must be positive, got -2",
                        "--rate", "-2"),
                refused("negative churn", "--churn must be zero or more, got -1",
                        "--churn", "-1"),
                refused("negative count or rate", "--in-flight must be at least 1, got 0",
                        "--in-flight", "0"),
                refused("negative count or rate", "--connect-concurrency must be at least 1, got -1",
                        "--connect-concurrency", "-1"),
                refused("negative count or rate", "--max-heap-growth-mb must be at least 0, got -1",
                        "--max-heap-growth-mb", "-1"),
                refused("not a whole number", "--connections must be a whole number, got lots",
                        "--connections", "lots"),
                refused("unknown option", "unknown option --idle-timeout",
                        "--idle-timeout", "-5s"));
    }

    @Override
    public void parse(String... arguments) {
        SoakOptions.parse(arguments);
    }

    @Test
    void parse_refusesMoreRoomsThanConnections_whateverTheOrderOfTheFlags() {
        assertThatThrownBy(() -> SoakOptions.parse("--rooms", "20", "--connections", "10"))
                .isInstanceOf(UsageException.class)
                .hasMessage("need at least 2 connections and 1 to connections rooms, got 10 connections in 20 rooms");
        assertThat(SoakOptions.parse("--connections", "10", "--rooms", "10").rooms()).isEqualTo(10);
        assertThat(SoakOptions.parse("--rooms", "20", "--connections", "100").connections()).isEqualTo(100);
    }

    @Test
    void with_changesOneFieldAndKeepsTheOthers() {
        SoakOptions options = SoakOptions.defaults().withLoad(100, 4, 5, 2).withDuration(Duration.ofSeconds(40));

        assertThat(options).isEqualTo(SoakOptions.builder().connections(100).rooms(4).rate(5).churn(2)
                .duration(Duration.ofSeconds(40)).build());
        assertThatThrownBy(() -> options.withDuration(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
