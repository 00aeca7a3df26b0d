package io.wschat.local.testfunctions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.wschat.shared.Dependencies;
import java.util.Map;

/**
 * $connect for the gateway tests: records the event; {@code ?reject=403} rejects with that status,
 * {@code ?postSelf=1} posts to its own connection (which does not exist yet), and an offered subprotocol is
 * accepted through the response's Sec-WebSocket-Protocol header.
 */
public class ConnectFunction extends PostingFunction {

    public ConnectFunction(Dependencies dependencies) {
        super(dependencies);
    }

    @Override
    APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event, String connectionId) {
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of()
                : event.getQueryStringParameters();
        if (query.containsKey("reject")) {
            return Responses.of(Integer.parseInt(query.get("reject")), "{\"message\":\"rejected\"}");
        }
        if (query.containsKey("postSelf")) {
            RecordedEvents.note(connectionId, "postSelf " + post(event, connectionId, "too early"));
        }
        APIGatewayV2WebSocketResponse response = Responses.of(200, null);
        event.getHeaders().forEach((name, value) -> {
            if (name.equalsIgnoreCase("Sec-WebSocket-Protocol")) {
                response.setHeaders(Map.of("Sec-WebSocket-Protocol", value.split(",")[0].trim()));
            }
        });
        return response;
    }
}
