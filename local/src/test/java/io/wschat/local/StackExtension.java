package io.wschat.local;

import io.wschat.local.faults.FaultInjector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One stack for a test class, as {@code @RegisterExtension static final StackExtension STACK}: started before the
 * class's own {@code @BeforeAll}, every invocation recorded, its faults cleared after each test, closed after the
 * class's own {@code @AfterAll}. {@link #capturingConsole()} installs a {@link ConsoleCapture} before the stack starts,
 * for tests that wait on the console and the functions' log lines.
 */
public class StackExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final LocalOptions options;
    private final boolean captureConsole;
    private final RecordedInvocations invocations = new RecordedInvocations();
    private ConsoleCapture console;
    private LocalStack stack;

    protected StackExtension(LocalOptions options, boolean captureConsole) {
        this.options = options;
        this.captureConsole = captureConsole;
    }

    /** The stack of these options (usually {@link TestStacks#gatewayOnly()} with changes). */
    public static StackExtension of(LocalOptions options) {
        return new StackExtension(options, false);
    }

    public StackExtension capturingConsole() {
        return new StackExtension(options, true);
    }

    protected LocalOptions options() {
        return options;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (captureConsole) {
            console = ConsoleCapture.install();
            stack = LocalStack.start(options, console.stream());
        } else {
            stack = TestStacks.start(options);
        }
        stack.addInvocationListener(invocations);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (stack != null) {
            stack.faults().clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            if (console != null) {
                console.close();
            }
        }
    }

    public LocalStack stack() {
        return stack;
    }

    public ConsoleCapture console() {
        if (console == null) {
            throw new IllegalStateException("this stack does not capture the console; use capturingConsole()");
        }
        return console;
    }

    public RecordedInvocations invocations() {
        return invocations;
    }

    public FaultInjector faults() {
        return stack.faults();
    }
}
