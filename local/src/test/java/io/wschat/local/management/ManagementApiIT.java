package io.wschat.local.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import io.wschat.local.LocalStack;
import io.wschat.local.RecordedInvocations;
import io.wschat.local.StackExtension;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import io.wschat.local.testfunctions.RecordedEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ForbiddenException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ManagementApiIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of(TestStacks.gatewayOnly());

    private static ApiGatewayManagementApiClient management;

    @BeforeAll
    static void connectManagementClient() {
        management = client(STACK.stack().callbackUri());
    }

    @AfterAll
    static void closeManagementClient() {
        management.close();
    }

    private static ApiGatewayManagementApiClient client(URI endpoint) {
        return ApiGatewayManagementApiClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalStack.CLI_ACCESS_KEY_ID, LocalStack.CLI_SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static String connectionIdOf(TestClient client) throws Exception {
        client.send("{\"action\":\"echo\"}");
        return JsonParser.parseString(client.next()).getAsJsonObject().get("connectionId").getAsString();
    }

    @Test
    void postToConnection_deliversTheDataAsATextFrame() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            String id = connectionIdOf(client);

            management.postToConnection(post -> post.connectionId(id).data(SdkBytes.fromUtf8String("héllo")));

            assertThat(client.next()).isEqualTo("héllo");
        }
    }

    @Test
    void postToConnection_of128KB_isDelivered_andOneByteMoreIsTooLarge() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            String id = connectionIdOf(client);
            String largest = "z".repeat(ManagementApiHandler.MAX_PAYLOAD_BYTES);

            management.postToConnection(post -> post.connectionId(id).data(SdkBytes.fromUtf8String(largest)));
            assertThat(client.next().length()).isEqualTo(largest.length());

            assertThatThrownBy(() -> management.postToConnection(post -> post.connectionId(id)
                    .data(SdkBytes.fromUtf8String(largest + "z"))))
                    .isInstanceOf(PayloadTooLargeException.class)
                    .satisfies(e -> assertThat(((PayloadTooLargeException) e).statusCode()).isEqualTo(413));
        }
    }

    @Test
    void unknownConnection_isGone_forPostGetAndDelete() {
        String unknown = "AAAAAAAAAAAAAAA=";

        assertThatThrownBy(() -> management.postToConnection(post -> post.connectionId(unknown)
                .data(SdkBytes.fromUtf8String("x")))).isInstanceOf(GoneException.class);
        assertThatThrownBy(() -> management.getConnection(get -> get.connectionId(unknown)))
                .isInstanceOf(GoneException.class);
        assertThatThrownBy(() -> management.deleteConnection(delete -> delete.connectionId(unknown)))
                .isInstanceOf(GoneException.class)
                .satisfies(e -> assertThat(((GoneException) e).statusCode()).isEqualTo(410));
    }

    @Test
    void getConnection_describesTheConnection() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri(), Map.of("User-Agent", "mgmt-it"),
                java.util.List.of())) {
            String id = connectionIdOf(client);

            GetConnectionResponse connection = management.getConnection(get -> get.connectionId(id));

            assertThat(connection.connectedAt()).isAfter(before).isBeforeOrEqualTo(connection.lastActiveAt());
            assertThat(connection.identity().sourceIp()).isEqualTo("127.0.0.1");
            assertThat(connection.identity().userAgent()).isEqualTo("mgmt-it");
        }
    }

    @Test
    void deleteConnection_closesTheSocket_andDisconnectReports1000() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            String id = connectionIdOf(client);

            management.deleteConnection(delete -> delete.connectionId(id));

            assertThat(client.awaitClose().statusCode()).isEqualTo(1000);
            RecordedInvocations.Invocation disconnect = STACK.invocations().await("$disconnect", id);
            assertThat(disconnect.requestContext().get("disconnectStatusCode").getAsInt()).isEqualTo(1000);
            assertThat(disconnect.requestContext().get("disconnectReason").getAsString())
                    .isEqualTo("Connection Closed Normally");
            assertThatThrownBy(() -> management.postToConnection(post -> post.connectionId(id)
                    .data(SdkBytes.fromUtf8String("late")))).isInstanceOf(GoneException.class);
        }
    }

    @Test
    void postDuringConnect_isGone_becauseTheConnectionDoesNotExistYet() throws Exception {
        try (TestClient client = TestClient.connect(URI.create(STACK.stack().webSocketUri() + "/?postSelf=1"))) {
            String id = connectionIdOf(client);

            assertThat(RecordedEvents.nextNote(id, Duration.ofSeconds(5))).isEqualTo("postSelf 410");
            // The post was answered before the handshake completed: had it delivered, that frame would come before
            // the echo of a frame sent now.
            client.send("{\"action\":\"echo\",\"marker\":true}");
            assertThat(JsonParser.parseString(client.next()).getAsJsonObject().get("body").getAsString())
                    .as("nothing before the marker's echo").contains("marker");
        }
    }

    @Test
    void functionsPostThroughTheCallbackUrl_andTheFanOutIsCounted() throws Exception {
        try (TestClient alice = TestClient.connect(STACK.stack().webSocketUri());
                TestClient bob = TestClient.connect(STACK.stack().webSocketUri())) {
            String aliceId = connectionIdOf(alice);
            String bobId = connectionIdOf(bob);

            alice.send("{\"action\":\"sendmessage\",\"data\":\"hi bob\",\"to\":[\"" + bobId + "\",\"" + aliceId
                    + "\",\"GONEGONEGONEGON=\"]}");

            assertThat(bob.next()).isEqualTo("hi bob");
            assertThat(alice.next()).isEqualTo("hi bob");
            assertThat(RecordedEvents.nextNote(aliceId, Duration.ofSeconds(5))).isEqualTo("post " + bobId + " 200");
        }
    }

    @Test
    void unsignedRequest_getsMissingAuthenticationToken() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(STACK.stack().callbackUri() + "/@connections/abc="))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    }

    @Test
    void chunkedPost_withoutLength_isLimitedTo128KBToo() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            String id = connectionIdOf(client);
            URI uri = URI.create(STACK.stack().callbackUri() + "/@connections/" + id.replace("=", "%3D"));

            HttpResponse<String> small = postChunked(uri, 1000);
            HttpResponse<String> large = postChunked(uri, ManagementApiHandler.MAX_PAYLOAD_BYTES + 1);

            assertThat(small.statusCode()).isEqualTo(200);
            assertThat(client.next()).hasSize(1000);
            assertThat(large.statusCode()).isEqualTo(413);
            assertThat(large.headers().firstValue("x-amzn-ErrorType")).hasValue("PayloadTooLargeException");
        }
    }

    private static HttpResponse<String> postChunked(URI uri, int bytes) throws Exception {
        byte[] body = "c".repeat(bytes).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var signed = SignedHttp.sign("POST", uri, body, LocalStack.CLI_ACCESS_KEY_ID,
                LocalStack.CLI_SECRET_ACCESS_KEY, java.time.Clock.systemUTC());
        return HttpClient.newHttpClient().send(SignedHttp.toJdk(signed,
                HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void wrongStage_isForbidden() {
        try (ApiGatewayManagementApiClient wrongStage = client(URI.create("http://localhost:" + STACK.stack().port()
                + "/prod"))) {
            assertThatThrownBy(() -> wrongStage.getConnection(get -> get.connectionId("abc=")))
                    .isInstanceOf(ForbiddenException.class);
        }
    }
}
