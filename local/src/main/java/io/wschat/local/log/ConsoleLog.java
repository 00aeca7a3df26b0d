package io.wschat.local.log;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/**
 * The local stack's live console: one line per connect, route invocation, fan-out and disconnect. Control
 * characters are shown escaped (ESC as <code>&#92;u001b</code>), so text a client chose (a close reason, a route
 * key, a name) cannot move the cursor, recolour or clear the developer's terminal.
 */
public final class ConsoleLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;
    private final boolean verbose;

    public ConsoleLog(PrintStream out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }


    /** A line without timestamp, for the startup banner. */
    public void plain(String line) {
        synchronized (out) {
            out.println(escape(line));
            out.flush();
        }
    }

    public void info(String message) {
        line("", message);
    }

    public void debug(String message) {
        if (verbose) {
            line("", message);
        }
    }

    /** Whether {@link #debug} lines are written: a caller can skip building one that would not be. */
    public boolean isVerbose() {
        return verbose;
    }

    public void warn(String message) {
        line("WARN  ", message);
    }

    public void error(String message) {
        line("ERROR ", message);
    }

    public void error(String message, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        String lines = trace.toString().stripTrailing().lines().map(ConsoleLog::escape)
                .collect(Collectors.joining(System.lineSeparator()));
        write(TIME.format(LocalTime.now()) + " ERROR " + escape(message) + System.lineSeparator() + lines);
    }

    /**
     * The text with every control character (C0 but tab, DEL, C1) and bidirectional override written as
     * <code>&#92;uXXXX</code>, so it prints as one inert line.
     */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                if (escaped == null) {
                    escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                escaped.append(String.format("\\u%04x", (int) c));
            } else if (escaped != null) {
                escaped.append(c);
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069);
    }

    private void line(String level, String message) {
        write(TIME.format(LocalTime.now()) + " " + level + escape(message));
    }

    private void write(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
