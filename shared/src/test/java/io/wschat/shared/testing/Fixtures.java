package io.wschat.shared.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Loads the API Gateway WebSocket event fixtures under {@code /events/} and deserialises them the way the Lambda
 * Java runtime does. Every call returns a fresh event, so tests may change it.
 */
public final class Fixtures {

    public static final String CONNECT = "connect.json";
    public static final String DISCONNECT = "disconnect.json";
    public static final String SEND_MESSAGE = "sendmessage.json";
    public static final String DEFAULT = "default.json";

    private static final PojoSerializer<APIGatewayV2WebSocketEvent> SERIALIZER = LambdaEventSerializers
            .serializerFor(APIGatewayV2WebSocketEvent.class, Fixtures.class.getClassLoader());

    private Fixtures() {
    }

    /** A fresh connection id, unique to the call, shaped like the ones API Gateway issues (ending in {@code =}). */
    public static String connectionId() {
        return UUID.randomUUID().toString().substring(0, 14) + "=";
    }

    /** The fixture's raw JSON text. */
    public static String json(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /events/" + name + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static APIGatewayV2WebSocketEvent event(String name) {
        return SERIALIZER.fromJson(json(name));
    }

    /**
     * {@code $connect} for this connection id with exactly these query parameters (none when empty), connecting now:
     * the stored row's TTL counts from {@code connectedAt}, and the store skips rows whose TTL has passed.
     */
    public static APIGatewayV2WebSocketEvent connect(String connectionId, Map<String, String> query) {
        APIGatewayV2WebSocketEvent event = event(CONNECT);
        long now = System.currentTimeMillis();
        event.getRequestContext().setConnectionId(connectionId);
        event.getRequestContext().setConnectedAt(now);
        event.getRequestContext().setRequestTimeEpoch(now);
        event.setQueryStringParameters(query.isEmpty() ? null : new LinkedHashMap<>(query));
        event.setMultiValueQueryStringParameters(null);
        return event;
    }

    /** {@code $disconnect} for this connection id. */
    public static APIGatewayV2WebSocketEvent disconnect(String connectionId) {
        return from(DISCONNECT, connectionId);
    }

    /** A {@code sendmessage} route event from this connection with this body. */
    public static APIGatewayV2WebSocketEvent sendMessage(String connectionId, String body) {
        return withBody(from(SEND_MESSAGE, connectionId), body);
    }

    /**
     * A route event of any chat action ({@code join}, {@code whisper}, ...) from this connection with this body:
     * the {@code sendmessage} fixture with its route key changed, as API Gateway sends every custom route alike.
     */
    public static APIGatewayV2WebSocketEvent action(String routeKey, String connectionId, String body) {
        APIGatewayV2WebSocketEvent event = sendMessage(connectionId, body);
        event.getRequestContext().setRouteKey(routeKey);
        return event;
    }

    /** A {@code $default} route event from this connection with this body. */
    public static APIGatewayV2WebSocketEvent defaultRoute(String connectionId, String body) {
        return withBody(from(DEFAULT, connectionId), body);
    }

    private static APIGatewayV2WebSocketEvent from(String fixture, String connectionId) {
        APIGatewayV2WebSocketEvent event = event(fixture);
        event.getRequestContext().setConnectionId(connectionId);
        return event;
    }

    private static APIGatewayV2WebSocketEvent withBody(APIGatewayV2WebSocketEvent event, String body) {
        event.setBody(body);
        return event;
    }
}
