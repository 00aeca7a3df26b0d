package io.wschat.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Local stacks for the tests: free ports, the test template, quiet output unless a test fails. */
public final class TestStacks {

    private TestStacks() {
    }

    public static Path template(String name) {
        try {
            return Path.of(TestStacks.class.getResource("/templates/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Options for a gateway-only stack (no DynamoDB) on free ports with the gateway test template. */
    public static LocalOptions gatewayOnly() {
        return LocalOptions.defaults()
                .withTemplate(template("gateway-test.yaml"))
                .withPort(freePort())
                .withDynamoDbPort(freePort())
                .withSnsPort(freePort())
                .withStartDynamoDb(false)
                .withVerbose(true);
    }

    public static LocalStack start(LocalOptions options) throws Exception {
        return LocalStack.start(options, new PrintStream(System.out, true));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
