package io.wschat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static io.wschat.tools.UsageRefusal.refused;

import io.wschat.tools.OptionsParserContract;
import io.wschat.tools.UsageRefusal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BenchOptionsTest implements OptionsParserContract {

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

    @Override
    public Stream<UsageRefusal> ownRefusals() {
        return Stream.of(
                refused("missing or empty value", "--budget needs a value, got an empty one",
                        "--budget="),
                refused("missing or empty value", "--sizes needs a value, got an empty one",
                        "--sizes", ""),
                refused("zero duration", "--budget must be longer than zero, got 0",
                        "--budget", "0"),
                refused("negative count, rate or size", "--messages must be at least 1, got 0",
                        "--messages", "0"),
                refused("not a whole number", "--messages must be a whole number, got ten",
                        "--messages", "ten"),
                refused("negative rate", "--rate must be positive, got -1",
                        "--rate", "-1"),
                refused("negative count, rate or size", "--connect-in-flight must be at least 1, got -8",
                        "--connect-in-flight", "-8"),
                refused("negative count, rate or size", "--cold-start-runs must be at least 0, got -1",
                        "--cold-start-runs", "-1"),
                refused("size below the minimum", "--sizes must be at least 2, got 1",
                        "--sizes", "10,1"),
                refused("size not a whole number", "--sizes must be a whole number, got x",
                        "--sizes", "10,x"),
                refused("unknown option", "unknown option --fast",
                        "--fast"),
                refused("bad pair", "--env expects NAME=VALUE, got NOVALUE",
                        "--env", "NOVALUE"),
                refused("value for a flag", "--quick takes no value, got no",
                        "--quick=no"));
    }

    @Override
    public void parse(String... arguments) {
        BenchOptions.parse(arguments);
    }
}
