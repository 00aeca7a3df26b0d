package io.wschat.tools;

import static io.wschat.tools.UsageRefusal.positiveDurationFlag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the option parser of every tool that runs for a {@code --duration} must do: answer {@code --help} and
 * {@code -h}, and refuse what it cannot read with a usage message. A tool's options test implements it, naming its
 * parser and the refusals of its own flags.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public interface OptionsParserContract {

    /** Parses {@code arguments} as the tool's {@code main} does. */
    void parse(String... arguments);

    /** The refusals of the tool's own flags, besides those of {@code --duration}. */
    Stream<UsageRefusal> ownRefusals();

    default Stream<UsageRefusal> refusals() {
        return Stream.concat(positiveDurationFlag("--duration"), ownRefusals());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    default void parse_refusesBadArguments_withAUsageMessage(UsageRefusal refusal) {
        refusal.assertRefusedBy(this::parse);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    default void parse_answersHelp(String flag) {
        assertThatThrownBy(() -> parse(flag)).isInstanceOf(UsageException.class)
                .satisfies(e -> assertThat(((UsageException) e).helpRequested()).isTrue());
    }
}
