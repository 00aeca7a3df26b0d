package io.wschat.tools;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;

/** A command line a tool must refuse, and the usage message it must refuse it with: one case of a table. */
public record UsageRefusal(String behaviour, String message, List<String> arguments) {

    public static UsageRefusal refused(String behaviour, String message, String... arguments) {
        return new UsageRefusal(behaviour, message, List.of(arguments));
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
