package io.wschat.e2e;

import io.wschat.local.LocalOptions;
import io.wschat.local.TestStacks;
import java.nio.file.Path;

/** The one stack set-up of the system tests: the project's template.yaml, its real functions, on free ports. */
public final class ProjectStacks {

    private ProjectStacks() {
    }

    /** The project's stack on free loopback ports with DynamoDB, printing only what fails. */
    public static LocalOptions options() {
        return TestStacks.gatewayOnly()
                .withTemplate(Path.of("..", "template.yaml"))
                .withStartDynamoDb(true)
                .withVerbose(false);
    }
}
