package io.wschat.e2e;

import io.wschat.local.LocalOptions;
import io.wschat.local.StackExtension;
import io.wschat.local.TestClient;

/**
 * One stack of the project for a test class, as {@code @RegisterExtension static final ProjectStack STACK}: the
 * lifecycle of a {@link StackExtension}, with chat clients joining its rooms.
 */
public final class ProjectStack extends StackExtension {

    private ProjectStack(LocalOptions options, boolean captureConsole) {
        super(options, captureConsole);
    }

    /** The stack of these options (usually {@link ProjectStacks#options()} with changes). */
    public static ProjectStack of(LocalOptions options) {
        return new ProjectStack(options, false);
    }

    @Override
    public ProjectStack capturingConsole() {
        return new ProjectStack(options(), true);
    }

    /** A client connected to {@code room} as {@code name}. */
    public TestClient join(String room, String name) throws Exception {
        return ProjectStacks.join(stack(), room, name);
    }
}
