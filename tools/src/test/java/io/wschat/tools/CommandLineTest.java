package io.wschat.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static CommandLine at(String... args) {
        CommandLine line = new CommandLine(args);
        line.nextFlag();
        return line;
    }

    @Test
    void duration_readsDurationText_andNamesTheFlagWhenTheTextIsNone() {
        assertThat(CommandLine.duration("--d", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> CommandLine.duration("--deadline", "soon"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--deadline must be a duration like 500ms, 45s, 10m or 1h, got soon");
    }

    @Test
    void value_takesTheInlineOrTheNextArgument() {
        CommandLine line = new CommandLine("--a=1", "--b", "2");

        assertThat(line.nextFlag()).isEqualTo("--a");
        assertThat(line.value()).isEqualTo("1");
        assertThat(line.nextFlag()).isEqualTo("--b");
        assertThat(line.value()).isEqualTo("2");
        assertThat(line.hasNext()).isFalse();
    }

    @Test
    void value_refusesAMissingOrEmptyValue() {
        assertThatThrownBy(() -> at("--duration").value()).isInstanceOf(UsageException.class)
                .hasMessage("--duration needs a value");
        assertThatThrownBy(() -> at("--duration=").value()).isInstanceOf(UsageException.class)
                .hasMessage("--duration needs a value, got an empty one");
        assertThatThrownBy(() -> at("--duration", " ").value()).isInstanceOf(UsageException.class)
                .hasMessage("--duration needs a value, got an empty one");
    }

    @Test
    void positiveDuration_refusesZeroAndNegative_nonNegativeDurationTakesZero() {
        assertThatThrownBy(() -> at("--idle-timeout", "-5s").positiveDuration()).isInstanceOf(UsageException.class)
                .hasMessage("--idle-timeout must be longer than zero, got -5s");
        assertThatThrownBy(() -> at("--idle-timeout", "0ms").positiveDuration()).isInstanceOf(UsageException.class)
                .hasMessage("--idle-timeout must be longer than zero, got 0ms");
        assertThatThrownBy(() -> at("--gap", "-1s").nonNegativeDuration()).isInstanceOf(UsageException.class)
                .hasMessage("--gap must be zero or longer, got -1s");
        assertThat(at("--gap", "0").nonNegativeDuration()).isZero();
    }

    @Test
    void numbers_areCheckedAgainstTheirRange() {
        assertThat(at("--n", "1_000").intAtLeast(2)).isEqualTo(1000);
        assertThatThrownBy(() -> at("--n", "-3").intAtLeast(0)).isInstanceOf(UsageException.class)
                .hasMessage("--n must be at least 0, got -3");
        assertThatThrownBy(() -> at("--n", "many").intAtLeast(0)).isInstanceOf(UsageException.class)
                .hasMessage("--n must be a whole number, got many");
        assertThatThrownBy(() -> at("--mb", "-1").longAtLeast(0)).isInstanceOf(UsageException.class)
                .hasMessage("--mb must be at least 0, got -1");
        assertThat(at("--rate", "0.5").positiveNumber()).isEqualTo(0.5);
        assertThatThrownBy(() -> at("--rate", "0").positiveNumber()).isInstanceOf(UsageException.class)
                .hasMessage("--rate must be positive, got 0");
        assertThatThrownBy(() -> at("--rate", "Infinity").positiveNumber()).isInstanceOf(UsageException.class)
                .hasMessage("--rate must be positive, got Infinity");
        assertThatThrownBy(() -> at("--churn", "-1").nonNegativeNumber()).isInstanceOf(UsageException.class)
                .hasMessage("--churn must be zero or more, got -1");
        assertThat(at("--churn", "0").nonNegativeNumber()).isZero();
    }

    @Test
    void nextFlag_asksForHelp_andFlagsWithoutValuesRefuseOne() {
        for (String help : new String[] {"--help", "-h", "--help=yes"}) {
            assertThatThrownBy(() -> new CommandLine(help).nextFlag()).isInstanceOf(UsageException.class)
                    .satisfies(e -> assertThat(((UsageException) e).helpRequested()).isTrue());
        }
        assertThatThrownBy(() -> at("--quick=yes").noValue()).isInstanceOf(UsageException.class)
                .hasMessage("--quick takes no value, got yes");
        assertThat(at("--bogus").unknownFlag()).hasMessage("unknown option --bogus");
    }

    @Test
    void answer_printsHelpToOut_andAnErrorWithTheUsageToErr() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int help = new UsageException(null).answer("Usage: x\n", print(out), print(err));
        int error = new UsageException("--duration needs a value").answer("Usage: x\n", print(out), print(err));

        assertThat(help).isZero();
        assertThat(error).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Usage: x\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: --duration needs a value\nUsage: x\n");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
