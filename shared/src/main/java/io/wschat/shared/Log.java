package io.wschat.shared;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Structured JSON log lines, one object per line on standard output (CloudWatch in Lambda).
 *
 * <p>Fields are given as alternating key/value arguments and are written as JSON fields, never concatenated into
 * the message: {@code log.info("connection stored", "room", room)}. {@link #with(Object...)} returns a logger that
 * adds the same fields (request id, connection id, route) to every line. Callers must never pass tokens, and pass
 * chat text only at {@link Level#DEBUG}.
 */
public final class Log {

    /** Severity, lowest first. */
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final Level threshold;
    private final PrintStream out;
    private final Clock clock;
    private final Map<String, Object> context;

    /** Writes lines at {@code threshold} and above to {@code out}, time-stamped by {@code clock}. */
    public Log(Level threshold, PrintStream out, Clock clock) {
        this(threshold, out, clock, Map.of());
    }

    private Log(Level threshold, PrintStream out, Clock clock, Map<String, Object> context) {
        this.threshold = Objects.requireNonNull(threshold, "threshold");
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.context = context;
    }

    /** A logger that adds these key/value fields to every line, after the ones this logger already adds. */
    public Log with(Object... keyValues) {
        Map<String, Object> merged = new LinkedHashMap<>(context);
        putPairs(merged, keyValues);
        return new Log(threshold, out, clock, Collections.unmodifiableMap(merged));
    }

    public boolean isEnabled(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    public void debug(String message, Object... keyValues) {
        write(Level.DEBUG, message, null, keyValues);
    }

    public void info(String message, Object... keyValues) {
        write(Level.INFO, message, null, keyValues);
    }

    public void warn(String message, Object... keyValues) {
        write(Level.WARN, message, null, keyValues);
    }

    /**
     * A warning with the error's type and message as the {@code error} field and its root cause as {@code cause}
     * (no stack trace).
     */
    public void warn(String message, Throwable error, Object... keyValues) {
        write(Level.WARN, message, error, keyValues);
    }

    public void error(String message, Object... keyValues) {
        write(Level.ERROR, message, null, keyValues);
    }

    /** An error with {@code error} and {@code cause} fields as for {@link #warn(String, Throwable, Object...)}. */
    public void error(String message, Throwable error, Object... keyValues) {
        write(Level.ERROR, message, error, keyValues);
    }

    private void write(Level level, String message, Throwable error, Object... keyValues) {
        if (!isEnabled(level)) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>(context);
        putPairs(fields, keyValues);
        JsonObject line = new JsonObject();
        line.addProperty("timestamp", clock.instant().toString());
        line.addProperty("level", level.name());
        line.addProperty("message", message);
        fields.forEach((key, value) -> {
            if (value instanceof Number number) {
                line.addProperty(key, number);
            } else if (value instanceof Boolean bool) {
                line.addProperty(key, bool);
            } else if (value != null) {
                line.addProperty(key, value.toString());
            }
        });
        if (error != null) {
            line.addProperty("error", describe(error));
            Throwable root = error;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root != error) {
                line.addProperty("cause", describe(root));
            }
        }
        out.println(GSON.toJson(line));
    }

    private static String describe(Throwable error) {
        return error.getClass().getName() + ": " + error.getMessage();
    }

    private static void putPairs(Map<String, Object> target, Object[] keyValues) {
        // A dangling key is kept visible rather than thrown: a logging slip must not fail a request.
        for (int i = 0; i < keyValues.length; i += 2) {
            if (i + 1 < keyValues.length) {
                target.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
            } else {
                target.put("unpairedField", String.valueOf(keyValues[i]));
            }
        }
    }
}
