package io.wschat.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.local.RawWebSocket;
import io.wschat.local.RecordedInvocations;
import io.wschat.local.StackExtension;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import io.wschat.local.testfunctions.RecordedEvents;
import io.wschat.local.testfunctions.SlowFunction;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class GatewayIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of(TestStacks.gatewayOnly());

    private static String connectionIdOf(TestClient client) throws Exception {
        client.send("{\"action\":\"echo\"}");
        return JsonParser.parseString(client.next()).getAsJsonObject().get("connectionId").getAsString();
    }

    private static final String MARKER = "{\"action\":\"echo\",\"marker\":true}";

    /**
     * Sends {@link #MARKER} to the echo route and returns the next frame: the marker's echo (its {@code body}) unless
     * something came first. Called once the invocations under test are recorded: the gateway queues an invocation's
     * response frame before it tells the listeners, and frames on one connection arrive in order, so anything those
     * invocations sent back is ahead of the echo.
     */
    private static String nextAfterMarker(TestClient client) throws Exception {
        client.send(MARKER);
        String frame = client.next();
        JsonObject echo = JsonParser.parseString(frame).getAsJsonObject();
        return echo.has("routeKey") && echo.has("body") ? echo.get("body").getAsString() : frame;
    }

    @Test
    void twoWayRoute_sendsTheHandlerBodyBack_withTheLambdaContext() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            client.send("{\"action\":\"echo\",\"n\":1}");

            JsonObject echo = JsonParser.parseString(client.next()).getAsJsonObject();
            assertThat(echo.get("routeKey").getAsString()).isEqualTo("echo");
            assertThat(echo.get("body").getAsString()).isEqualTo("{\"action\":\"echo\",\"n\":1}");
            assertThat(echo.get("functionName").getAsString()).isEqualTo("EchoFunction");
            assertThat(echo.get("remainingMillis").getAsInt()).isBetween(1, 5000);
        }
    }

    @Test
    void stagePath_acceptsConnectionsToo() throws Exception {
        try (TestClient client = TestClient.connect(URI.create(STACK.stack().webSocketUri() + "/test"))) {
            assertThat(connectionIdOf(client)).endsWith("=");
        }
    }

    @Test
    void oneWayRoute_invokesTheFunction_butSendsNothingBack() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            String id = connectionIdOf(client);

            client.send("{\"action\":\"oneway\"}");

            STACK.invocations().await("oneway", id);
            assertThat(nextAfterMarker(client)).as("nothing came back before the marker").isEqualTo(MARKER);
        }
    }

    @Test
    void unknownAction_nonJson_andNonScalarAction_goToDefault() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            String id = connectionIdOf(client);

            client.send("{\"action\":\"nosuchroute\"}");
            client.send("not json at all");
            client.send("{\"action\":{\"nested\":true}}");

            for (String body : new String[] {"{\"action\":\"nosuchroute\"}", "not json at all",
                    "{\"action\":{\"nested\":true}}"}) {
                RecordedInvocations.Invocation invocation = STACK.invocations().await(i -> i.connectionId().equals(id)
                        && i.event().has("body") && i.event().get("body").getAsString().equals(body));
                assertThat(invocation.routeKey()).isEqualTo("$default");
                assertThat(invocation.function()).isEqualTo("DefaultFunction");
            }
            assertThat(nextAfterMarker(client)).as("$default has no route response").isEqualTo(MARKER);
        }
    }

    @Test
    void connectEvent_carriesHeadersQueryAndIdentity_toTheHandler() throws Exception {
        URI uri = URI.create(STACK.stack().webSocketUri() + "/?room=lobby&tag=a&tag=b");
        try (TestClient client = TestClient.connect(uri, Map.of("X-Test", "yes", "User-Agent", "gateway-it"),
                List.of())) {
            String id = connectionIdOf(client);

            APIGatewayV2WebSocketEvent connect = RecordedEvents.next(id, Duration.ofSeconds(5));
            assertThat(connect.getRequestContext().getEventType()).isEqualTo("CONNECT");
            assertThat(connect.getRequestContext().getRouteKey()).isEqualTo("$connect");
            assertThat(connect.getQueryStringParameters()).containsEntry("room", "lobby").containsEntry("tag", "b");
            assertThat(connect.getMultiValueQueryStringParameters().get("tag")).containsExactly("a", "b");
            assertThat(connect.getHeaders()).containsEntry("X-Test", "yes")
                    .containsKeys("Sec-WebSocket-Key", "X-Forwarded-For", "X-Amzn-Trace-Id")
                    .doesNotContainKeys("Connection", "Upgrade");
            assertThat(connect.getRequestContext().getIdentity().getUserAgent()).isEqualTo("gateway-it");
            assertThat(connect.getRequestContext().getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
            assertThat(connect.getRequestContext().getStage()).isEqualTo("test");
            assertThat(connect.getRequestContext().getDomainName()).isEqualTo("localhost:" + STACK.stack().port());
        }
    }

    @Test
    void connectRejection_failsTheHandshake_withTheHandlersStatus() {
        URI uri = URI.create(STACK.stack().webSocketUri() + "/?reject=403");

        assertThatThrownBy(() -> TestClient.connect(uri))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(403));
    }

    @Test
    void subprotocol_isAcceptedThroughTheConnectResponseHeader() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri(), Map.of(),
                List.of("chat.v1", "chat.v0"))) {
            assertThat(client.socket().getSubprotocol()).isEqualTo("chat.v1");
        }
    }

    @Test
    void frameOver32KB_closesWith1009_andDisconnectReportsIt() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(STACK.stack().port(), "/")) {
            raw.sendFrame(0x1, true, "x".repeat(GatewayLimits.FRAME_BYTES + 1).getBytes(StandardCharsets.UTF_8));

            assertThat(raw.awaitCloseCode()).isEqualTo(1009);
        }
        STACK.invocations().await(i -> i.routeKey().equals("$disconnect")
                && i.requestContext().get("disconnectStatusCode").getAsInt() == 1009
                && i.requestContext().getAsJsonObject("identity").get("userAgent").getAsString()
                        .equals("raw-test-client"));
    }

    @Test
    void frameOf32KB_isAccepted() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(STACK.stack().port(), "/")) {
            String body = "{\"action\":\"oneway\",\"pad\":\"" + "p".repeat(GatewayLimits.FRAME_BYTES - 28) + "\"}";
            assertThat(body.length()).isEqualTo(GatewayLimits.FRAME_BYTES);

            raw.sendFrame(0x1, true, body.getBytes(StandardCharsets.UTF_8));

            STACK.invocations().await(i -> i.routeKey().equals("oneway")
                    && i.event().get("body").getAsString().equals(body));
        }
    }

    @Test
    void fragmentedMessageUpTo128KB_isAssembled_andBeyondClosesWith1009() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            String chunk = "y".repeat(30 * 1024);
            client.socket().sendText("{\"action\":\"echo\",\"data\":\"", false).join();
            for (int i = 0; i < 3; i++) {
                client.socket().sendText(chunk, false).join();
            }
            client.socket().sendText("\"}", true).join();

            JsonObject echo = JsonParser.parseString(client.next()).getAsJsonObject();
            int expected = "{\"action\":\"echo\",\"data\":\"".length() + 3 * chunk.length() + 2;
            assertThat(echo.get("body").getAsString().length()).isEqualTo(expected);

            for (int i = 0; i < 5; i++) {
                client.socket().sendText(chunk, false).join();
            }
            assertThat(client.awaitClose().statusCode()).isEqualTo(1009);
        }
    }

    @Test
    void binaryFrame_closesWith1003() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            String id = connectionIdOf(client);

            client.socket().sendBinary(ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)), true);

            assertThat(client.awaitClose().statusCode()).isEqualTo(1003);
            assertThat(STACK.invocations().await("$disconnect", id).requestContext()
                    .get("disconnectStatusCode").getAsInt())
                    .isEqualTo(1003);
        }
    }

    @Test
    void slowHandler_doesNotBlockOtherConnections() throws Exception {
        SlowFunction.reset();
        try (TestClient slow = TestClient.connect(STACK.stack().webSocketUri());
                TestClient fast = TestClient.connect(STACK.stack().webSocketUri())) {
            slow.send("{\"action\":\"slow\"}");
            assertThat(SlowFunction.awaitEntered(5000)).isTrue();

            fast.send("{\"action\":\"echo\"}");
            assertThat(fast.next()).contains("\"routeKey\":\"echo\"");
            assertThat(slow.poll(Duration.ZERO)).isNull();

            SlowFunction.release();
            assertThat(slow.next()).isEqualTo("slow done");
        }
    }

    @Test
    void handlerTimeout_sendsInternalServerError_andInterruptsTheHandler() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            String id = connectionIdOf(client);

            client.send("{\"action\":\"hang\"}");

            JsonObject error = JsonParser.parseString(client.next()).getAsJsonObject();
            assertThat(error.get("message").getAsString()).isEqualTo("Internal server error");
            assertThat(error.get("connectionId").getAsString()).isEqualTo(id);
            assertThat(error.get("requestId").getAsString()).isNotBlank();
            assertThat(RecordedEvents.nextNote(id, Duration.ofSeconds(5))).isEqualTo("interrupted");
        }
    }

    @Test
    void handlerException_sendsInternalServerError() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            String id = connectionIdOf(client);

            client.send("{\"action\":\"fail\"}");

            assertThat(client.next()).startsWith("{\"message\": \"Internal server error\", \"connectionId\":\"" + id
                    + "\", \"requestId\":\"");
        }
    }

    @Test
    void clientClose_firesDisconnectOnce_withTheClientsCode() throws Exception {
        TestClient client = TestClient.connect(STACK.stack().webSocketUri());
        String id = connectionIdOf(client);

        client.closeNormally();

        RecordedInvocations.Invocation disconnect = STACK.invocations().await("$disconnect", id);
        assertThat(disconnect.requestContext().get("disconnectStatusCode").getAsInt()).isEqualTo(1000);
        assertThat(disconnect.requestContext().get("eventType").getAsString()).isEqualTo("DISCONNECT");
        assertThat(STACK.stack().gateway().connections().find(id)).isEmpty();
        client.awaitClose();
        assertThat(STACK.invocations().count(i -> i.routeKey().equals("$disconnect") && i.connectionId().equals(id)))
                .isEqualTo(1);
    }

    @Test
    void closeWithoutStatus_firesDisconnectWith1005() throws Exception {
        // A marker of this test's own connection, so another test's raw client cannot answer for it.
        String marker = java.util.UUID.randomUUID().toString();
        try (RawWebSocket raw = RawWebSocket.connect(STACK.stack().port(), "/?marker=" + marker)) {
            raw.sendEmptyClose();
            assertThat(raw.awaitCloseCode()).isIn(1000, 1005);
        }
        String id = STACK.invocations().await(i -> i.routeKey().equals("$connect")
                && i.event().has("queryStringParameters")
                && i.event().getAsJsonObject("queryStringParameters").has("marker")
                && marker.equals(i.event().getAsJsonObject("queryStringParameters").get("marker").getAsString()))
                .connectionId();
        RecordedInvocations.Invocation disconnect = STACK.invocations().await("$disconnect", id);
        assertThat(disconnect.requestContext().get("disconnectStatusCode").getAsInt()).isEqualTo(1005);
        assertThat(disconnect.requestContext().get("disconnectReason").getAsString())
                .isEqualTo("Client-side close frame status not set");
    }

    @Test
    void vanishedClient_firesDisconnectAsAbnormalClose() throws Exception {
        TestClient client = TestClient.connect(STACK.stack().webSocketUri());
        String id = connectionIdOf(client);

        client.socket().abort();

        RecordedInvocations.Invocation disconnect = STACK.invocations().await("$disconnect", id);
        assertThat(disconnect.requestContext().get("disconnectStatusCode").getAsInt()).isEqualTo(1006);
    }
}
