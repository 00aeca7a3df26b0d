package io.wschat.tools;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A command line a tool must refuse, and the usage message it must refuse it with: one case of a table. */
public record UsageRefusal(String behaviour, String message, List<String> arguments) {

    public static UsageRefusal refused(String behaviour, String message, String... arguments) {
        return new UsageRefusal(behaviour, message, List.of(arguments));
    }

    /**
     * What every flag read as a positive duration refuses: no value, an empty one, a negative one and one that is no
     * duration.
     */
    public static Stream<UsageRefusal> positiveDurationFlag(String flag) {
        return Stream.of(
                refused("missing value", flag + " needs a value", flag),
                refused("empty value", flag + " needs a value, got an empty one", flag + "="),
                refused("negative duration", flag + " must be longer than zero, got -5s", flag, "-5s"),
                refused("not a duration", flag + " must be a duration like 500ms, 45s, 10m or 1h, got soon",
                        flag, "soon"));
    }

    /** Asserts that reading the arguments throws a {@link UsageException} with exactly the message. */
    public void assertRefusedBy(Consumer<String[]> read) {
        assertThatThrownBy(() -> read.accept(arguments.toArray(String[]::new))).isInstanceOf(UsageException.class)
                .hasMessage(message);
    }

    @Override
    public String toString() {
        return behaviour + ": " + String.join(" ", arguments) + " -> " + message;
    }
}
