package io.wschat.local;

import io.wschat.local.log.LineStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Standard output as the stack writes it (its console and the functions' JSON log lines), still echoed, and kept line
 * by line for tests to wait on. {@link #install()} swaps it in for {@code System.out} until {@link #close()}; the
 * functions bind their logger to {@code System.out} when they start, so install it before the stack starts.
 * {@link #echoing()} captures only what is written to {@link #stream()}, such as the stack's own console.
 */
public final class ConsoleCapture extends LineStream implements AutoCloseable {

    private final PrintStream original;
    private final Arrivals<String> lines = new Arrivals<>();
    private final PrintStream stream;

    private ConsoleCapture(PrintStream original) {
        this.original = original;
        this.stream = new PrintStream(this, true, StandardCharsets.UTF_8);
    }

    public static ConsoleCapture install() {
        ConsoleCapture capture = new ConsoleCapture(System.out);
        System.setOut(capture.stream);
        return capture;
    }

    /** A capture of {@link #stream()} alone, echoed to {@code System.out}; pass it to {@code LocalStack.start}. */
    public static ConsoleCapture echoing() {
        return new ConsoleCapture(System.out);
    }

    public PrintStream stream() {
        return stream;
    }

    @Override
    public synchronized void write(int b) {
        original.write(b);
        super.write(b);
    }

    @Override
    protected void line(String text) {
        lines.add(text);
    }

    public List<String> lines() {
        return lines.all();
    }

    /** The first line so far or within {@code timeout} that matches. */
    public String await(Predicate<String> matching, Duration timeout) throws InterruptedException {
        return lines.await(matching, timeout, seen -> "no matching console line within " + timeout);
    }

    @Override
    public void close() {
        if (System.out == stream) {
            System.setOut(original);
        }
    }
}
