package io.wschat.message;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.wschat.shared.Broadcaster;
import io.wschat.shared.ConfigurationException;
import io.wschat.shared.Dependencies;
import io.wschat.shared.Log;
import java.util.List;
import java.util.Objects;

/**
 * Lambda handler for {@code sendmessage}, the other chat actions and {@code $default}.
 *
 * <p>Always answers 200 once the frame is handled, including rejected frames (the sender gets an error frame through
 * the management API), so API Gateway never sends a generic error of its own.
 */
public class MessageHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private final Dependencies dependencies;
    private final MessageRouter router;

    public MessageHandler() {
        this(Dependencies.fromEnvironment());
    }

    public MessageHandler(Dependencies dependencies) {
        this.dependencies = Objects.requireNonNull(dependencies, "dependencies");
        this.router = new MessageRouter(dependencies.protocol(), dependencies.store(), List.of(
                new SendMessageAction(dependencies.protocol(), dependencies.store(), dependencies.events())));
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        APIGatewayV2WebSocketEvent.RequestContext request = event.getRequestContext();
        Log log = dependencies.log().with("route", request.getRouteKey(), "requestId", request.getRequestId(),
                "connectionId", request.getConnectionId());
        Broadcaster broadcaster;
        try {
            broadcaster = dependencies.broadcaster(request, log);
        } catch (ConfigurationException e) {
            log.error("no management endpoint", e);
            return response(500);
        }
        router.route(event.getBody(), new Caller(request.getConnectionId(), broadcaster, dependencies.protocol(), log));
        return response(200);
    }

    private static APIGatewayV2WebSocketResponse response(int statusCode) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(statusCode);
        return response;
    }
}
