package io.wschat.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.wschat.dynamodb.testing.AwsCli;
import io.wschat.shared.testing.Required;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        Optional<String> version = AwsCli.version();
        Required.present(version.isPresent(),
                "the aws CLI is not on the PATH; it is required under CI, where .ci/run installs it");
        cliVersion = version.orElseThrow();
    }

    @Test
    void postToConnection_reachesTheClient() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            client.send("{\"action\":\"echo\"}");
            String id = JsonParser.parseString(client.next()).getAsJsonObject().get("connectionId").getAsString();
            List<String> arguments = new ArrayList<>(List.of("apigatewaymanagementapi", "post-to-connection",
                    "--endpoint-url", STACK.stack().callbackUri().toString(), "--connection-id", id,
                    "--data", "hello from the CLI"));
            if (cliVersion.startsWith("aws-cli/2")) {
                // CLI v2 reads blobs as base64 unless told otherwise; v1 sends the text as it is.
                arguments.addAll(List.of("--cli-binary-format", "raw-in-base64-out"));
            }

            AwsCli.Result result = AwsCli.run(arguments);

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(client.next()).isEqualTo("hello from the CLI");
        }
    }

    @Test
    void postToAnUnknownConnection_failsWithGoneException() throws Exception {
        AwsCli.Result result = AwsCli.run(List.of("apigatewaymanagementapi", "post-to-connection", "--endpoint-url",
                STACK.stack().callbackUri().toString(), "--connection-id", "AAAAAAAAAAAAAAA=", "--data", "x"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("GoneException");
    }

    @Test
    void listTables_reachesTheDynamoDbEngine() throws Exception {
        AwsCli.Result result = AwsCli.run(List.of("dynamodb", "list-tables", "--endpoint-url",
                STACK.stack().dynamoDbEndpoint().orElseThrow().toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("TableNames");
    }
}
