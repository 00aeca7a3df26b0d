package io.wschat.tools;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The markdown the tools' reports are written in. */
public final class Markdown {

    private Markdown() {
    }

    /**
     * A table's header row and the separator row under it. A column named with a trailing {@code :} is right-aligned,
     * as markdown's {@code ---:} marks it (for numbers); the colon is not shown.
     *
     * <pre>{@code tableHeader("N:", "p50 / p99", "msg/s:")}</pre> gives {@code | N | p50 / p99 | msg/s |} over
     * {@code |---:|---|---:|}.
     */
    public static String tableHeader(String... columns) {
        String names = Arrays.stream(columns).map(c -> c.endsWith(":") ? c.substring(0, c.length() - 1) : c)
                .collect(Collectors.joining(" | ", "| ", " |\n"));
        String separators = Arrays.stream(columns).map(c -> c.endsWith(":") ? "---:" : "---")
                .collect(Collectors.joining("|", "|", "|\n"));
        return names + separators;
    }
}
