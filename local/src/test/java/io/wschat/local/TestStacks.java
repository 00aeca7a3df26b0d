package io.wschat.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Local stacks for the tests: free ports, the test template, quiet output unless a test fails. */
public final class TestStacks {

    private TestStacks() {
    }

    /**
     * A test template as a file: in place when these classes run from a folder, copied out to a temporary file when
     * they run from the test-jar (as in the system tests of e2e/).
     */
    public static Path template(String name) {
        URL resource = TestStacks.class.getResource("/templates/" + name);
        if (resource == null) {
            throw new IllegalArgumentException("no test template " + name);
        }
        try {
            if ("file".equals(resource.getProtocol())) {
                return Path.of(resource.toURI());
            }
            Path copy = Files.createTempFile("wschat-template-", "-" + name);
            copy.toFile().deleteOnExit();
            try (InputStream in = resource.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options for a gateway-only stack (no DynamoDB) on free ports with the gateway test template. */
    public static LocalOptions gatewayOnly() {
        return LocalOptions.defaults()
                .withTemplate(template("gateway-test.yaml"))
                .withPort(0)
                .withDynamoDbPort(0)
                .withSnsPort(0)
                .withStartDynamoDb(false)
                .withVerbose(true);
    }

    public static LocalStack start(LocalOptions options) throws Exception {
        return LocalStack.start(options, new PrintStream(System.out, true));
    }
}
