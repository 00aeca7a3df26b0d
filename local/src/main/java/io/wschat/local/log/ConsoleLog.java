package io.wschat.local.log;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The local stack's live console: one line per connect, route invocation, fan-out and disconnect. */
public final class ConsoleLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;
    private final boolean verbose;

    public ConsoleLog(PrintStream out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    public boolean isVerbose() {
        return verbose;
    }

    /** A line without timestamp, for the startup banner. */
    public void plain(String line) {
        synchronized (out) {
            out.println(line);
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

    public void warn(String message) {
        line("WARN  ", message);
    }

    public void error(String message) {
        line("ERROR ", message);
    }

    public void error(String message, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        line("ERROR ", message + System.lineSeparator() + trace.toString().stripTrailing());
    }

    private void line(String level, String message) {
        String text = TIME.format(LocalTime.now()) + " " + level + message;
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
