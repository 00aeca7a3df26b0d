package io.wschat.local.testfunctions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.shared.Dependencies;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code {"action":"sendmessage","data":"...","to":["id",...]}}: posts data to each id (the sender when "to" is
 * missing) through the real management API client.
 */
public class PostFunction extends PostingFunction {

    public PostFunction(Dependencies dependencies) {
        super(dependencies);
    }

    @Override
    APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event, String sender) {
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
            RecordedEvents.note(sender, "post " + recipient + " " + post(event, recipient, data));
        }
        return Responses.of(200, null);
    }
}
