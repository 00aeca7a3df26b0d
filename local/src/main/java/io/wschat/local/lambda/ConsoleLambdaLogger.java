package io.wschat.local.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Writes a function's {@code context.getLogger()} lines to the console, prefixed with the function's name. */
final class ConsoleLambdaLogger implements LambdaLogger {

    private final PrintStream out;
    private final String prefix;

    ConsoleLambdaLogger(PrintStream out, String functionName) {
        this.out = out;
        this.prefix = "[" + functionName + "] ";
    }

    @Override
    public void log(String message) {
        String text = message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
        synchronized (out) {
            out.println(prefix + text);
            out.flush();
        }
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
