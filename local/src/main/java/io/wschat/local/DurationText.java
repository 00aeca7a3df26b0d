package io.wschat.local;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A duration as the project's command lines write it (the local stack's and the tools'): {@code 500ms}, {@code 45s},
 * {@code 1.5s}, {@code 10m}, {@code 2h}, a number of seconds, or ISO-8601 ({@code PT10M}); any case.
 */
public final class DurationText {

    /** The forms, for an error message: "must be a duration like ...". */
    public static final String EXAMPLES = "500ms, 45s, 10m or 1h";

    // Double.parseDouble takes "1e3", "NaN" and a trailing "d"; seconds are digits with at most one point.
    private static final Pattern SECONDS = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private DurationText() {
    }

    /**
     * The duration {@code text} writes.
     *
     * @throws IllegalArgumentException when it is none of the forms, or too long for a {@link Duration}
     */
    public static Duration parse(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("pt")) {
                return Duration.parse(lower.toUpperCase(Locale.ROOT));
            }
            if (lower.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(withoutUnit(lower, 2)));
            }
            if (lower.endsWith("s")) {
                String seconds = withoutUnit(lower, 1);
                if (!SECONDS.matcher(seconds).matches()) {
                    throw new NumberFormatException(text);
                }
                return Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000));
            }
            if (lower.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(withoutUnit(lower, 1)));
            }
            if (lower.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(withoutUnit(lower, 1)));
            }
            return Duration.ofSeconds(Long.parseLong(lower));
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration like " + EXAMPLES + ": " + text, e);
        }
    }

    private static String withoutUnit(String text, int unitLength) {
        return text.substring(0, text.length() - unitLength);
    }
}
