package io.wschat.shared;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The API Gateway WebSocket event and the integration response as the JSON the Lambda runtime passes to a
 * {@code RequestStreamHandler}, read and written with Gson.
 *
 * <p>The handlers take their event as a stream instead of letting the runtime deserialize it: the runtime's
 * deserializer (aws-lambda-java-serialization, Jackson) costs about a second the first time in a fresh JVM, and
 * SnapStart priming cannot reach it, while this parser is a fraction of that and {@link Priming} runs it before the
 * snapshot. The event classes' field names are the JSON keys API Gateway sends; unknown keys are ignored.
 */
public final class WebSocketJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private WebSocketJson() {
    }

    /**
     * Reads one event.
     *
     * @throws IOException when the stream fails or does not hold a JSON object
     */
    public static APIGatewayV2WebSocketEvent readEvent(InputStream input) throws IOException {
        try (Reader reader = new InputStreamReader(input, StandardCharsets.UTF_8)) {
            APIGatewayV2WebSocketEvent event = GSON.fromJson(reader, APIGatewayV2WebSocketEvent.class);
            if (event == null) {
                throw new IOException("the event is empty");
            }
            return event;
        } catch (JsonParseException e) {
            throw new IOException("the event is not an API Gateway WebSocket event: " + e.getMessage(), e);
        }
    }

    /** Writes the integration response ({@code statusCode}, {@code headers}, {@code body}; nulls left out). */
    public static void writeResponse(APIGatewayV2WebSocketResponse response, OutputStream output) throws IOException {
        Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
        GSON.toJson(response, APIGatewayV2WebSocketResponse.class, writer);
        writer.flush();
    }

    /** An event as API Gateway would send it (used to prime the stream path with synthetic events). */
    public static String toJson(APIGatewayV2WebSocketEvent event) {
        return GSON.toJson(event, APIGatewayV2WebSocketEvent.class);
    }

    /** The response written by {@link #writeResponse}, read back. */
    public static APIGatewayV2WebSocketResponse readResponse(String json) {
        return GSON.fromJson(json, APIGatewayV2WebSocketResponse.class);
    }
}
