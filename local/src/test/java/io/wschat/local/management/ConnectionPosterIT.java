package io.wschat.local.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.wschat.local.LocalStack;
import io.wschat.local.StackExtension;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import io.wschat.shared.BufferedBodyHttpClient;
import io.wschat.shared.ConnectionPoster;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The functions' {@link ConnectionPoster} against the local management API, which checks every SigV4 signature as
 * API Gateway does: a post signed with a key the stack knows is delivered, and the answers the broadcaster acts on
 * (403, 410) come back as API Gateway gives them.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ConnectionPosterIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of(TestStacks.gatewayOnly());

    /** As {@code AwsClients} builds it: bodies sent whole, as in a JVM started with the template's options. */
    private static final SdkHttpClient HTTP = BufferedBodyHttpClient.around(UrlConnectionHttpClient.create());

    @AfterAll
    static void closeHttp() {
        HTTP.close();
    }

    private static ConnectionPoster poster(String secretAccessKey) {
        return new ConnectionPoster(STACK.stack().callbackUri(), "us-east-1", StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalStack.CLI_ACCESS_KEY_ID, secretAccessKey)), HTTP);
    }

    private static String connectionIdOf(TestClient client) throws Exception {
        client.send("{\"action\":\"echo\"}");
        return JsonParser.parseString(client.next()).getAsJsonObject().get("connectionId").getAsString();
    }

    @Test
    void aPostSignedWithAKeyTheStackKnows_isDeliveredAsATextFrame() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            String id = connectionIdOf(client);

            ConnectionPoster.Answer answer = poster(LocalStack.CLI_SECRET_ACCESS_KEY).post(id,
                    "h\u00e9llo \ud83d\udc4b".getBytes(StandardCharsets.UTF_8));

            assertThat(answer.delivered()).as(answer.describe()).isTrue();
            assertThat(client.next()).isEqualTo("h\u00e9llo \ud83d\udc4b");
        }
    }

    @Test
    void aPostSignedWithTheWrongSecret_isRefusedWithInvalidSignature_andNotDelivered() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            String id = connectionIdOf(client);

            ConnectionPoster.Answer answer = poster("not-the-secret").post(id, "forged".getBytes(StandardCharsets.UTF_8));
            poster(LocalStack.CLI_SECRET_ACCESS_KEY).post(id, "marker".getBytes(StandardCharsets.UTF_8));

            assertThat(answer.statusCode()).isEqualTo(403);
            assertThat(answer.errorType()).isEqualTo("InvalidSignatureException");
            assertThat(answer.message()).startsWith("The request signature we calculated does not match");
            assertThat(answer.retryable()).isFalse();
            assertThat(client.next()).as("the forged frame never arrived, the marker after it did").isEqualTo("marker");
        }
    }

    @Test
    void aPostToAConnectionThatIsNotOpen_isGone() throws Exception {
        ConnectionPoster.Answer answer = poster(LocalStack.CLI_SECRET_ACCESS_KEY).post("AAAAAAAAAAAAAAA=",
                new byte[] {'x'});

        assertThat(answer.gone()).isTrue();
        assertThat(answer.errorType()).isEqualTo("GoneException");
    }
}
