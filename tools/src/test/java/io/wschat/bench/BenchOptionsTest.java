package io.wschat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.tools.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void parse_withoutArguments_givesTheFullRun() {
        BenchOptions options = BenchOptions.parse();

        assertThat(options.sizes()).containsExactly(10, 100, 1000, 5000);
        assertThat(options.latencyMessages()).isEqualTo(Map.of(10, 50, 100, 30, 1000, 20, 5000, 10));
        assertThat(options.rates()).isEqualTo(Map.of(10, 100.0, 100, 100.0, 1000, 2.0, 5000, 0.5));
        assertThat(options.throughputTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.connectInFlight()).isEqualTo(8);
        assertThat(options.coldStartRuns()).isEqualTo(3);
        assertThat(options.budget()).isEqualTo(Duration.ofSeconds(210));
        assertThat(options.baseline()).isTrue();
        assertThat(options.results()).isEqualTo(Path.of("tools/target/results.md"));
    }

    @Test
    void parse_readsTheOptions_inBothForms() {
        BenchOptions options = BenchOptions.parse("--sizes", "10,1_000", "--messages=5", "--rate", "2.5",
                "--duration", "1.5s", "--connect-in-flight", "4", "--cold-start-runs=0", "--budget", "2m",
                "--no-baseline", "--results", "r.md", "--env", "A=1", "--env=B=x=y");

        assertThat(options.sizes()).containsExactly(10, 1000);
        assertThat(options.latencyMessages()).isEqualTo(Map.of(10, 5, 1000, 5));
        assertThat(options.rates()).isEqualTo(Map.of(10, 2.5, 1000, 2.5));
        assertThat(options.throughputTime()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.connectInFlight()).isEqualTo(4);
        assertThat(options.coldStartRuns()).isZero();
        assertThat(options.budget()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.baseline()).isFalse();
        assertThat(options.results()).isEqualTo(Path.of("r.md"));
        assertThat(options.functionEnvironment()).containsEntry("A", "1").containsEntry("B", "x=y");
    }

    @Test
    void parse_quick_shrinksTheRun() {
        BenchOptions options = BenchOptions.parse("--quick");

        assertThat(options.sizes()).isEqualTo(List.of(10, 100));
        assertThat(options.latencyMessages()).isEqualTo(Map.of(10, 30, 100, 30));
        assertThat(options.coldStartRuns()).isEqualTo(2);
    }

    @Test
    void parse_refusesMissingAndEmptyValues() {
        assertThatThrownBy(() -> BenchOptions.parse("--duration")).isInstanceOf(UsageException.class)
                .hasMessage("--duration needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--budget=")).isInstanceOf(UsageException.class)
                .hasMessage("--budget needs a value, got an empty one");
        assertThatThrownBy(() -> BenchOptions.parse("--sizes", "")).isInstanceOf(UsageException.class)
                .hasMessage("--sizes needs a value, got an empty one");
    }

    @Test
    void parse_refusesZeroOrNegativeDurations() {
        assertThatThrownBy(() -> BenchOptions.parse("--duration", "-5s")).isInstanceOf(UsageException.class)
                .hasMessage("--duration must be longer than zero, got -5s");
        assertThatThrownBy(() -> BenchOptions.parse("--budget", "0")).isInstanceOf(UsageException.class)
                .hasMessage("--budget must be longer than zero, got 0");
        assertThatThrownBy(() -> BenchOptions.parse("--duration", "1x")).isInstanceOf(UsageException.class)
                .hasMessage("--duration must be a duration like 500ms, 45s, 10m or 1h, got 1x");
    }

    @Test
    void parse_refusesNegativeCountsRatesAndSizes() {
        assertThatThrownBy(() -> BenchOptions.parse("--messages", "0")).isInstanceOf(UsageException.class)
                .hasMessage("--messages must be at least 1, got 0");
        assertThatThrownBy(() -> BenchOptions.parse("--messages", "ten")).isInstanceOf(UsageException.class)
                .hasMessage("--messages must be a whole number, got ten");
        assertThatThrownBy(() -> BenchOptions.parse("--rate", "-1")).isInstanceOf(UsageException.class)
                .hasMessage("--rate must be positive, got -1");
        assertThatThrownBy(() -> BenchOptions.parse("--connect-in-flight", "-8")).isInstanceOf(UsageException.class)
                .hasMessage("--connect-in-flight must be at least 1, got -8");
        assertThatThrownBy(() -> BenchOptions.parse("--cold-start-runs", "-1")).isInstanceOf(UsageException.class)
                .hasMessage("--cold-start-runs must be at least 0, got -1");
        assertThatThrownBy(() -> BenchOptions.parse("--sizes", "10,1")).isInstanceOf(UsageException.class)
                .hasMessage("--sizes must be at least 2, got 1");
        assertThatThrownBy(() -> BenchOptions.parse("--sizes", "10,x")).isInstanceOf(UsageException.class)
                .hasMessage("--sizes must be a whole number, got x");
    }

    @Test
    void parse_answersHelpUnknownOptionsAndBadPairs() {
        assertThatThrownBy(() -> BenchOptions.parse("-h")).isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(((UsageException) e).helpRequested()).isTrue());
        assertThatThrownBy(() -> BenchOptions.parse("--fast")).isInstanceOf(UsageException.class)
                .hasMessage("unknown option --fast");
        assertThatThrownBy(() -> BenchOptions.parse("--env", "NOVALUE")).isInstanceOf(UsageException.class)
                .hasMessage("--env expects NAME=VALUE, got NOVALUE");
        assertThatThrownBy(() -> BenchOptions.parse("--quick=no")).isInstanceOf(UsageException.class)
                .hasMessage("--quick takes no value, got no");
    }
}
