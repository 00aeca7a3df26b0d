package io.wschat.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static io.wschat.tools.UsageRefusal.refused;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void readers_refuseBadValues_withAUsageMessage(UsageRefusal refusal, Consumer<CommandLine> read) {
        refusal.assertRefusedBy(args -> read.accept(at(args)));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                reading(CommandLine::value,
                        refused("value: missing", "--duration needs a value", "--duration"),
                        refused("value: empty", "--duration needs a value, got an empty one", "--duration="),
                        refused("value: blank", "--duration needs a value, got an empty one", "--duration", " ")),
                reading(CommandLine::positiveDuration,
                        refused("positiveDuration: negative", "--idle-timeout must be longer than zero, got -5s",
                                "--idle-timeout", "-5s"),
                        refused("positiveDuration: zero", "--idle-timeout must be longer than zero, got 0ms",
                                "--idle-timeout", "0ms")),
                reading(CommandLine::nonNegativeDuration,
                        refused("nonNegativeDuration: negative", "--gap must be zero or longer, got -1s",
                                "--gap", "-1s")),
                reading(line -> line.intAtLeast(0),
                        refused("intAtLeast: below", "--n must be at least 0, got -3", "--n", "-3"),
                        refused("intAtLeast: not a number", "--n must be a whole number, got many", "--n", "many")),
                reading(line -> line.longAtLeast(0),
                        refused("longAtLeast: below", "--mb must be at least 0, got -1", "--mb", "-1")),
                reading(CommandLine::positiveNumber,
                        refused("positiveNumber: zero", "--rate must be positive, got 0", "--rate", "0"),
                        refused("positiveNumber: infinite", "--rate must be positive, got Infinity",
                                "--rate", "Infinity")),
                reading(CommandLine::nonNegativeNumber,
                        refused("nonNegativeNumber: negative", "--churn must be zero or more, got -1",
                                "--churn", "-1")),
                reading(CommandLine::noValue,
                        refused("noValue: given one", "--quick takes no value, got yes", "--quick=yes")))
                .flatMap(cases -> cases);
    }

    /** One case for each refusal, each reading its arguments with {@code read}. */
    private static Stream<Arguments> reading(Consumer<CommandLine> read, UsageRefusal... refusals) {
        return Stream.of(refusals).map(refusal -> arguments(refusal, read));
    }

    @Test
    void durations_andNumbers_readValuesInTheirRange() {
        assertThat(at("--gap", "0").nonNegativeDuration()).isZero();
        assertThat(at("--n", "1_000").intAtLeast(2)).isEqualTo(1000);
        assertThat(at("--rate", "0.5").positiveNumber()).isEqualTo(0.5);
        assertThat(at("--churn", "0").nonNegativeNumber()).isZero();
    }

    @Test
    void nextFlag_asksForHelp_andAnUnknownFlagIsNamed() {
        for (String help : new String[] {"--help", "-h", "--help=yes"}) {
            assertThatThrownBy(() -> new CommandLine(help).nextFlag()).isInstanceOf(UsageException.class)
                    .satisfies(e -> assertThat(((UsageException) e).helpRequested()).isTrue());
        }
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
