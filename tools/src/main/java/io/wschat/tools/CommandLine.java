package io.wschat.tools;

import io.wschat.local.DurationText;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads a tool's command line one flag at a time: {@code --flag value} or {@code --flag=value}, {@code --help} and
 * {@code -h}, and values checked as they are read, so that every mistake becomes a {@link UsageException} naming
 * the flag rather than a stack trace.
 *
 * <pre>{@code
 * CommandLine line = new CommandLine(args);
 * while (line.hasNext()) {
 *     switch (line.nextFlag()) {
 *         case "--rooms" -> rooms = line.intAtLeast(1);
 *         case "--duration" -> duration = line.positiveDuration();
 *         default -> throw line.unknownFlag();
 *     }
 * }
 * }</pre>
 */
public final class CommandLine {

    private final String[] args;
    private int next;
    private String flag;
    private String inlineValue;

    public CommandLine(String... args) {
        this.args = args.clone();
    }

    public boolean hasNext() {
        return next < args.length;
    }

    /** The next flag, without an {@code =value} part; {@code --help} and {@code -h} throw the help request. */
    public String nextFlag() {
        String arg = args[next++];
        int equals = arg.indexOf('=');
        if (arg.startsWith("--") && equals > 0) {
            flag = arg.substring(0, equals);
            inlineValue = arg.substring(equals + 1);
        } else {
            flag = arg;
            inlineValue = null;
        }
        if (flag.equals("--help") || flag.equals("-h")) {
            throw new UsageException(null);
        }
        return flag;
    }

    /** The current flag's value: the {@code =value} part or the next argument; never missing or blank. */
    public String value() {
        String value = inlineValue;
        if (value == null) {
            if (next >= args.length) {
                throw new UsageException(flag + " needs a value");
            }
            value = args[next++];
        }
        inlineValue = null;
        if (value.isBlank()) {
            throw new UsageException(flag + " needs a value, got an empty one");
        }
        return value.trim();
    }

    /** For a flag that takes no value: refuses {@code --flag=value}. */
    public void noValue() {
        if (inlineValue != null) {
            throw new UsageException(flag + " takes no value, got " + inlineValue);
        }
    }

    public int intAtLeast(int min) {
        return intAtLeast(flag, value(), min);
    }

    public long longAtLeast(long min) {
        String value = value();
        long number;
        try {
            number = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a whole number, got " + value);
        }
        if (number < min) {
            throw new UsageException(flag + " must be at least " + min + ", got " + value);
        }
        return number;
    }

    public double positiveNumber() {
        return number(true);
    }

    public double nonNegativeNumber() {
        return number(false);
    }

    public Duration positiveDuration() {
        return duration(true);
    }

    public Duration nonNegativeDuration() {
        return duration(false);
    }

    public Path path() {
        return Path.of(value());
    }

    public UsageException unknownFlag() {
        return new UsageException("unknown option " + flag);
    }

    /** Reads a whole number of at least {@code min} given to {@code flag}, for lists and positional arguments. */
    public static int intAtLeast(String flag, String value, int min) {
        int number;
        try {
            number = Integer.parseInt(value.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a whole number, got " + value);
        }
        if (number < min) {
            throw new UsageException(flag + " must be at least " + min + ", got " + value);
        }
        return number;
    }

    /**
     * Reads a duration as {@link DurationText} does.
     *
     * @throws UsageException naming {@code flag} when the text is none
     */
    public static Duration duration(String flag, String value) {
        try {
            return DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + " must be a duration like " + DurationText.EXAMPLES + ", got " + value);
        }
    }

    private double number(boolean positive) {
        String value = value();
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a number, got " + value);
        }
        if (!Double.isFinite(number) || (positive ? number <= 0 : number < 0)) {
            throw new UsageException(flag + " must be " + (positive ? "positive" : "zero or more") + ", got "
                    + value);
        }
        return number;
    }

    private Duration duration(boolean positive) {
        String value = value();
        Duration duration = duration(flag, value);
        if (positive ? duration.isNegative() || duration.isZero() : duration.isNegative()) {
            throw new UsageException(flag + " must be " + (positive ? "longer than zero" : "zero or longer")
                    + ", got " + value);
        }
        return duration;
    }
}
