package io.wschat.local.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.wschat.local.LocalStack;
import io.wschat.local.StackExtension;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * Which management API calls the console shows: a call from outside the stack always, a function's own only with
 * {@code --verbose} (a broadcast makes one per member).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ManagementCallLogIT {

    /** A post from a function to bob, then one from outside the stack; returns the console's lines up to the second. */
    private static List<String> postTwice(StackExtension stack) throws Exception {
        try (TestClient alice = TestClient.connect(stack.stack().webSocketUri());
                TestClient bob = TestClient.connect(stack.stack().webSocketUri());
                ApiGatewayManagementApiClient outside = ApiGatewayManagementApiClient.builder()
                        .endpointOverride(stack.stack().callbackUri())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                                LocalStack.CLI_ACCESS_KEY_ID, LocalStack.CLI_SECRET_ACCESS_KEY)))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            bob.send("{\"action\":\"echo\"}");
            String bobId = JsonParser.parseString(bob.next()).getAsJsonObject().get("connectionId").getAsString();
            alice.send("{\"action\":\"sendmessage\",\"data\":\"from a function\",\"to\":[\"" + bobId + "\"]}");
            assertThat(bob.next()).isEqualTo("from a function");

            outside.postToConnection(b -> b.connectionId(bobId).data(SdkBytes.fromUtf8String("from outside")));
            assertThat(bob.next()).isEqualTo("from outside");

            // The stack logs a call before it answers it, so the outside call's line is there once it is answered.
            stack.console().await(line -> line.contains(bobId) && line.contains("from outside the stack"),
                    Duration.ofSeconds(5));
            return stack.console().lines().stream().filter(line -> line.contains("POST") && line.contains(bobId))
                    .toList();
        }
    }

    @Nested
    class Quiet {

        @RegisterExtension
        static final StackExtension STACK = StackExtension.of(TestStacks.gatewayOnly().withVerbose(false))
                .capturingConsole();

        @Test
        void aFunctionsPost_isNotLogged_andAPostFromOutsideTheStackIs() throws Exception {
            List<String> posts = postTwice(STACK);

            assertThat(posts).hasSize(1);
            assertThat(posts.get(0)).contains("200", "from outside the stack");
        }
    }

    @Nested
    class Verbose {

        @RegisterExtension
        static final StackExtension STACK = StackExtension.of(TestStacks.gatewayOnly().withVerbose(true))
                .capturingConsole();

        @Test
        void bothPosts_areLogged_theFunctionsUnderItsName() throws Exception {
            List<String> posts = postTwice(STACK);

            assertThat(posts).hasSize(2);
            assertThat(posts.get(0)).contains("200").doesNotContain("outside the stack").containsPattern("from \\w+");
            assertThat(posts.get(1)).contains("200", "from outside the stack");
        }
    }
}
