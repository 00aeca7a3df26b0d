package io.wschat.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.google.gson.JsonObject;
import io.wschat.shared.Dependencies;

/** Answers with what it saw: connection id, route key, body, function name and remaining time. */
public class EchoFunction implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    public EchoFunction(Dependencies dependencies) {
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        RecordedEvents.record(event);
        JsonObject echo = new JsonObject();
        echo.addProperty("connectionId", event.getRequestContext().getConnectionId());
        echo.addProperty("routeKey", event.getRequestContext().getRouteKey());
        echo.addProperty("body", event.getBody());
        echo.addProperty("remainingMillis", context.getRemainingTimeInMillis());
        echo.addProperty("functionName", context.getFunctionName());
        return Responses.of(200, echo.toString());
    }
}
