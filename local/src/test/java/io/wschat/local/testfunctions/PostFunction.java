package io.wschat.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.shared.Dependencies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code {"action":"sendmessage","data":"...","to":["id",...]}}: posts data to each id (the sender when "to" is
 * missing) through the real management API client.
 */
public class PostFunction implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private final Map<String, String> environment;

    public PostFunction(Dependencies dependencies) {
        this.environment = dependencies.environment();
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        RecordedEvents.record(event);
        String sender = event.getRequestContext().getConnectionId();
        JsonObject body = JsonParser.parseString(event.getBody()).getAsJsonObject();
        List<String> recipients = new ArrayList<>();
        if (body.has("to")) {
            for (JsonElement id : body.getAsJsonArray("to")) {
                recipients.add(id.getAsString());
            }
        } else {
            recipients.add(sender);
        }
        String data = body.get("data").getAsString();
        for (String recipient : recipients) {
            int status = ManagementClients.post(ManagementClients.forEvent(event, environment), recipient, data);
            RecordedEvents.note(sender, "post " + recipient + " " + status);
        }
        return Responses.of(200, null);
    }
}
