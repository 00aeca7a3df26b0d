package io.wschat.tools;

import java.io.PrintStream;

/** A command line that cannot be understood; a null message asks for the help text alone. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    /** True for {@code --help}: the usage goes to standard output and the tool exits 0. */
    public boolean helpRequested() {
        return getMessage() == null;
    }

    /**
     * Prints the usage, to {@code out} when help was asked for, else the error and the usage to {@code err}; returns
     * the exit status: 0 for help, 2 for a bad command line.
     */
    public int answer(String usage, PrintStream out, PrintStream err) {
        if (helpRequested()) {
            out.print(usage);
            return 0;
        }
        err.println("error: " + getMessage());
        err.print(usage);
        return 2;
    }

    /** For a tool's {@code main}: answers as {@link #answer} on the standard streams and exits with its status. */
    public void exit(String usage) {
        System.exit(answer(usage, System.out, System.err));
    }
}
