package io.wschat.connect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStoreException;
import io.wschat.shared.Dependencies;
import io.wschat.shared.Log;
import io.wschat.shared.Names;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Lambda handler for {@code $connect}: admits a connection to the room and name given in the query string
 * ({@code ?room=lobby&name=alice}), stores it and announces it.
 *
 * <p>Responses decide the handshake: 400 for an invalid room or name, 500 when the connection cannot be stored,
 * 200 otherwise. A failed announcement does not reject the connection.
 */
public class ConnectHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private final Dependencies dependencies;
    private final RandomGenerator random = new SecureRandom();

    public ConnectHandler() {
        this(Dependencies.fromEnvironment());
    }

    public ConnectHandler(Dependencies dependencies) {
        this.dependencies = Objects.requireNonNull(dependencies, "dependencies");
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        APIGatewayV2WebSocketEvent.RequestContext request = event.getRequestContext();
        String connectionId = request.getConnectionId();
        Log log = dependencies.log().with("route", "$connect", "requestId", request.getRequestId(),
                "connectionId", connectionId);
        Map<String, String> query = event.getQueryStringParameters() == null
                ? Map.of() : event.getQueryStringParameters();

        String room = orDefault(query.get("room"), Names.DEFAULT_ROOM);
        if (!Names.isValidRoom(room)) {
            log.info("connection rejected", "reason", "invalid room");
            return response(400, "Invalid room: use 1 to 64 letters, digits, '_' or '-'.");
        }
        String name = orDefault(query.get("name"), Names.guestName(random));
        if (!Names.isValidName(name)) {
            log.info("connection rejected", "reason", "invalid name");
            return response(400, "Invalid name: use 1 to 32 letters, digits, spaces, '_', '-' or '.'.");
        }

        Connection connection = Connection.open(connectionId, room, name, name, connectedAt(request),
                identity(request, APIGatewayV2WebSocketEvent.RequestIdentity::getSourceIp),
                identity(request, APIGatewayV2WebSocketEvent.RequestIdentity::getUserAgent));
        try {
            dependencies.store().put(connection);
        } catch (ConnectionStoreException e) {
            log.error("connection not stored", e, "room", room);
            return response(500, "Connection could not be registered.");
        }
        log.info("connection stored", "room", room, "name", name);
        dependencies.events().connected(connection);
        return response(200, null);
    }

    private Instant connectedAt(APIGatewayV2WebSocketEvent.RequestContext request) {
        return request.getConnectedAt() > 0
                ? Instant.ofEpochMilli(request.getConnectedAt())
                : dependencies.clock().instant();
    }

    private static Optional<String> identity(APIGatewayV2WebSocketEvent.RequestContext request,
            java.util.function.Function<APIGatewayV2WebSocketEvent.RequestIdentity, String> field) {
        return Optional.ofNullable(request.getIdentity()).map(field).filter(value -> !value.isBlank());
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static APIGatewayV2WebSocketResponse response(int statusCode, String body) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(statusCode);
        if (body != null) {
            response.setHeaders(Map.of("Content-Type", "text/plain; charset=utf-8"));
            response.setBody(body);
        }
        return response;
    }
}
