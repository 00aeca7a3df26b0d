package io.wschat.local.log;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that hands on what is written to it one line at a time: the UTF-8 text up to each line feed, without
 * the line feed or a carriage return before it. A line not yet ended is kept until its line feed comes.
 */
public abstract class LineStream extends OutputStream {

    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    /** Takes one whole line; called under the stream's lock, in the order the lines were written. */
    protected abstract void line(String text);

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String text = partial.toString(StandardCharsets.UTF_8);
            partial.reset();
            line(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        } else {
            partial.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }
}
