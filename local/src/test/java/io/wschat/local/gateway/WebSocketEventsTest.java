package io.wschat.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.local.lambda.LambdaSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The events the gateway builds have the shape of real API Gateway events (the shared fixtures under
 * shared/src/test/resources/events: same keys, nesting and types; ids, times and header sets are free), and
 * reach handlers intact through the Lambda runtime's serialization.
 */
class WebSocketEventsTest {

    private static final Pattern REQUEST_TIME = Pattern.compile("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
    /** Keys whose values are free-form maps of strings (header names vary by client). */
    private static final Set<String> STRING_MAPS = Set.of("headers", "queryStringParameters");
    private static final Set<String> LIST_MAPS = Set.of("multiValueHeaders", "multiValueQueryStringParameters");

    private final WebSocketEvents events = new WebSocketEvents("local", "prod", "localhost:3001");
    private final Instant now = Instant.parse("2025-11-29T16:20:48.120Z");
    private final Connection connection = new Connection("CfQz7fT4IAMCJ0A=", now.toEpochMilli() - 7, "127.0.0.1",
            "Mozilla/5.0", GatewayLimits.FRAME_BYTES);

    private String connectEvent() {
        ConnectRequest request = new ConnectRequest(
                List.of(Map.entry("Host", "localhost:3001"), Map.entry("User-Agent", "Mozilla/5.0"),
                        Map.entry("Sec-WebSocket-Key", "q1YtJbB0C7cV4mvWq0FQ2g=="),
                        Map.entry("Sec-WebSocket-Version", "13"), Map.entry("X-Forwarded-For", "127.0.0.1")),
                Map.of("room", List.of("lobby")), "127.0.0.1", "Mozilla/5.0", 3001);
        return events.connect(request, connection.id(), "CfQz7HqWoAMEbXw=", connection.connectedAt(), now);
    }

    @Test
    void connectEvent_hasTheShapeOfARealOne() {
        assertThat(shape(connectEvent())).isEqualTo(shape(fixture("events/connect.json")));
    }

    @ParameterizedTest
    @CsvSource({"sendmessage, events/sendmessage.json", "$default, events/default.json"})
    void messageEvent_hasTheShapeOfARealOne(String routeKey, String fixture) {
        String event = events.message(connection, routeKey, "{\"action\":\"sendmessage\",\"data\":\"hi\"}",
                "CfQ0UGm7oAMFq1g=", "CfQ0UeN2IAMCJ0A=", now);

        assertThat(shape(event)).isEqualTo(shape(fixture(fixture)));
    }

    @Test
    void disconnectEvent_hasTheShapeOfARealOne() {
        String event = events.disconnect(connection, 1005, "Client-side close frame status not set",
                "CfQ1kF0JIAMF2vA=", now);

        assertThat(shape(event)).isEqualTo(shape(fixture("events/disconnect.json")));
    }

    @Test
    void eventsKeepApiGatewaysFieldOrder_andTimeFormats() {
        JsonObject context = JsonParser.parseString(connectEvent()).getAsJsonObject().getAsJsonObject("requestContext");
        JsonObject real = JsonParser.parseString(fixture("events/connect.json")).getAsJsonObject()
                .getAsJsonObject("requestContext");

        assertThat(new ArrayList<>(context.keySet())).isEqualTo(new ArrayList<>(real.keySet()));
        assertThat(context.get("requestTime").getAsString()).matches(REQUEST_TIME).isEqualTo("29/Nov/2025:16:20:48 +0000");
        assertThat(context.get("requestTimeEpoch").getAsLong()).isEqualTo(now.toEpochMilli());
    }

    @Test
    void handlersReceiveTheEventsThroughTheRuntimesSerialization() {
        LambdaSerialization serialization = new LambdaSerialization(getClass().getClassLoader());

        APIGatewayV2WebSocketEvent connect = serialization.fromJson(connectEvent(), APIGatewayV2WebSocketEvent.class);
        APIGatewayV2WebSocketEvent message = serialization.fromJson(events.message(connection, "sendmessage", "{}",
                "r", "m", now), APIGatewayV2WebSocketEvent.class);

        assertThat(connect.getRequestContext().getConnectionId()).isEqualTo("CfQz7fT4IAMCJ0A=");
        assertThat(connect.getRequestContext().getEventType()).isEqualTo("CONNECT");
        assertThat(connect.getRequestContext().getConnectedAt()).isEqualTo(connection.connectedAt());
        assertThat(connect.getRequestContext().getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(connect.getHeaders()).containsEntry("Sec-WebSocket-Version", "13");
        assertThat(connect.getMultiValueHeaders().get("Host")).containsExactly("localhost:3001");
        assertThat(connect.getQueryStringParameters()).containsEntry("room", "lobby");
        assertThat(connect.isIsBase64Encoded()).isFalse();
        assertThat(message.getBody()).isEqualTo("{}");
        assertThat(message.getRequestContext().getMessageId()).isEqualTo("m");
        assertThat(message.getRequestContext().getRouteKey()).isEqualTo("sendmessage");
        assertThat(message.getHeaders()).isNull();
    }

    @Test
    void realFixtures_deserialiseLikeOurs() {
        LambdaSerialization serialization = new LambdaSerialization(getClass().getClassLoader());

        APIGatewayV2WebSocketEvent real = serialization.fromJson(fixture("events/disconnect.json"),
                APIGatewayV2WebSocketEvent.class);

        assertThat(real.getRequestContext().getEventType()).isEqualTo("DISCONNECT");
        assertThat(real.getRequestContext().getRequestTimeEpoch()).isPositive();
    }

    @Test
    void errorFrames_matchApiGatewaysText() {
        assertThat(WebSocketEvents.errorFrame("Forbidden", "abc=", "def="))
                .isEqualTo("{\"message\": \"Forbidden\", \"connectionId\":\"abc=\", \"requestId\":\"def=\"}");
    }

    /** The structure of a JSON document with every value replaced by its type. */
    private static Object shape(String json) {
        return shape(null, JsonParser.parseString(json));
    }

    private static Object shape(String key, JsonElement element) {
        if (element.isJsonObject()) {
            if (key != null && STRING_MAPS.contains(key)) {
                element.getAsJsonObject().entrySet().forEach(entry ->
                        assertThat(entry.getValue().getAsJsonPrimitive().isString()).as(key + "." + entry.getKey())
                                .isTrue());
                return "map<string,string>";
            }
            if (key != null && LIST_MAPS.contains(key)) {
                element.getAsJsonObject().entrySet().forEach(entry ->
                        assertThat(entry.getValue().isJsonArray()).as(key + "." + entry.getKey()).isTrue());
                return "map<string,list<string>>";
            }
            Map<String, Object> fields = new TreeMap<>();
            element.getAsJsonObject().entrySet().forEach(entry -> fields.put(entry.getKey(),
                    shape(entry.getKey(), entry.getValue())));
            return fields;
        }
        if (element.isJsonArray()) {
            return "array";
        }
        if (element.isJsonNull()) {
            return "null";
        }
        if (element.getAsJsonPrimitive().isBoolean()) {
            return "boolean";
        }
        return element.getAsJsonPrimitive().isNumber() ? "number" : "string";
    }

    private static String fixture(String name) {
        try (InputStream in = WebSocketEventsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
