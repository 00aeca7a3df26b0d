package io.wschat.disconnect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStoreException;
import io.wschat.shared.Dependencies;
import io.wschat.shared.Log;
import java.util.Objects;
import java.util.Optional;

/**
 * Lambda handler for {@code $disconnect}: removes the connection's row and announces the departure.
 *
 * <p>Idempotent: a connection already removed (by a 410 during a broadcast, by TTL, or by an earlier delivery of the
 * same event) is not an error. API Gateway ignores the response; 500 only marks a store failure in the metrics.
 */
public class DisconnectHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private final Dependencies dependencies;

    public DisconnectHandler() {
        this(Dependencies.fromEnvironment());
    }

    public DisconnectHandler(Dependencies dependencies) {
        this.dependencies = Objects.requireNonNull(dependencies, "dependencies");
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        APIGatewayV2WebSocketEvent.RequestContext request = event.getRequestContext();
        String connectionId = request.getConnectionId();
        Log log = dependencies.log().with("route", "$disconnect", "requestId", request.getRequestId(),
                "connectionId", connectionId);

        Optional<Connection> removed;
        try {
            removed = dependencies.store().delete(connectionId);
        } catch (ConnectionStoreException e) {
            log.error("connection not removed", e);
            return response(500);
        }
        log.info("connection removed", "rowExisted", removed.isPresent(),
                "room", removed.map(Connection::room).orElse(null));
        dependencies.events().disconnected(connectionId, removed);
        return response(200);
    }

    private static APIGatewayV2WebSocketResponse response(int statusCode) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(statusCode);
        return response;
    }
}
