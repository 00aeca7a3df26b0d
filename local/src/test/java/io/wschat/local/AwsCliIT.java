package io.wschat.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.wschat.shared.testing.Required;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AWS CLI reaches the local management API and the DynamoDB engine with nothing but --endpoint-url. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AwsCliIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of(TestStacks.gatewayOnly().withStartDynamoDb(true));

    private static String cliVersion;

    @BeforeAll
    static void requireTheCli() throws Exception {
        cliVersion = cliVersion();
        Required.present(cliVersion != null,
                "the aws CLI is not on the PATH; it is required under CI, where .ci/run installs it");
    }

    @Test
    void postToConnection_reachesTheClient() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            client.send("{\"action\":\"echo\"}");
            String id = JsonParser.parseString(client.next()).getAsJsonObject().get("connectionId").getAsString();
            List<String> command = new ArrayList<>(List.of("aws", "apigatewaymanagementapi", "post-to-connection",
                    "--endpoint-url", STACK.stack().callbackUri().toString(), "--connection-id", id,
                    "--data", "hello from the CLI"));
            if (cliVersion.startsWith("aws-cli/2")) {
                // CLI v2 reads blobs as base64 unless told otherwise; v1 sends the text as it is.
                command.addAll(List.of("--cli-binary-format", "raw-in-base64-out"));
            }

            Result result = run(command);

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(client.next()).isEqualTo("hello from the CLI");
        }
    }

    @Test
    void postToAnUnknownConnection_failsWithGoneException() throws Exception {
        Result result = run(List.of("aws", "apigatewaymanagementapi", "post-to-connection", "--endpoint-url",
                STACK.stack().callbackUri().toString(), "--connection-id", "AAAAAAAAAAAAAAA=", "--data", "x"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("GoneException");
    }

    @Test
    void listTables_reachesTheDynamoDbEngine() throws Exception {
        Result result = run(List.of("aws", "dynamodb", "list-tables", "--endpoint-url",
                STACK.stack().dynamoDbEndpoint().orElseThrow().toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("TableNames");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", "/nonexistent/aws-config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials");
        env.put("AWS_PAGER", "");
        env.remove("AWS_PROFILE");
        env.remove("AWS_SESSION_TOKEN");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws did not finish: " + command);
        }
        return new Result(process.exitValue(), output);
    }

    private static String cliVersion() {
        try {
            Process process = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
