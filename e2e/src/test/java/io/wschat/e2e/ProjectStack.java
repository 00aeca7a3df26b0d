package io.wschat.e2e;

import io.wschat.local.ConsoleCapture;
import io.wschat.local.LocalOptions;
import io.wschat.local.LocalStack;
import io.wschat.local.RecordedInvocations;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import io.wschat.local.faults.FaultInjector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One stack for a test class, as {@code @RegisterExtension static final ProjectStack STACK}: started before the
 * class's own {@code @BeforeAll}, every invocation recorded, its faults cleared after each test, closed after the
 * class's own {@code @AfterAll}. {@link #capturingConsole()} installs a {@link ConsoleCapture} before the stack starts,
 * for tests that wait on the console and the functions' log lines.
 */
public final class ProjectStack implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final LocalOptions options;
    private final boolean captureConsole;
    private final RecordedInvocations invocations = new RecordedInvocations();
    private ConsoleCapture console;
    private LocalStack stack;

    private ProjectStack(LocalOptions options, boolean captureConsole) {
        this.options = options;
        this.captureConsole = captureConsole;
    }

    /** The stack of these options (usually {@link ProjectStacks#options()} with changes). */
    public static ProjectStack of(LocalOptions options) {
        return new ProjectStack(options, false);
    }

    public ProjectStack capturingConsole() {
        return new ProjectStack(options, true);
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

    /** A client connected to {@code room} as {@code name}. */
    public TestClient join(String room, String name) throws Exception {
        return ProjectStacks.join(stack, room, name);
    }

    public RecordedInvocations invocations() {
        return invocations;
    }

    public FaultInjector faults() {
        return stack.faults();
    }

    public ConsoleCapture console() {
        if (console == null) {
            throw new IllegalStateException("this stack does not capture the console; use capturingConsole()");
        }
        return console;
    }
}
