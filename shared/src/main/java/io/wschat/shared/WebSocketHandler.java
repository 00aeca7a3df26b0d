package io.wschat.shared;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
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
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A Lambda function for API Gateway WebSocket routes: the Lambda Java runtime calls the stream entry point, which
 * reads the event and writes the response as JSON with gson, and the route's work is in {@link #handle}.
 *
 * <p>A stream handler keeps the runtime from building aws-lambda-java-serialization's Jackson serializer for the
 * event and the response, which costs most of a plain cold start (docs/PERFORMANCE.md). The event classes are plain
 * beans whose field names are the event's JSON names, so gson reads and writes them field by field; names in the JSON
 * that the classes lack are ignored, as the runtime ignores them.
 */
public abstract class WebSocketHandler implements RequestStreamHandler {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** The runtime's entry point: the template's {@code Handler} names it ({@code Class::handleRequest}). */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        APIGatewayV2WebSocketResponse response = handle(readEvent(input), context);
        Writer writer = new OutputStreamWriter(output, StandardCharsets.UTF_8);
        GSON.toJson(response, APIGatewayV2WebSocketResponse.class, writer);
        writer.flush();
    }

    /** Handles one route event; the response's status decides a {@code $connect} handshake. */
    public abstract APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event, Context context);

    /**
     * Reads an event as the runtime hands it over.
     *
     * @throws IOException when the input is not an event's JSON: the runtime reports it as the invocation's error
     */
    static APIGatewayV2WebSocketEvent readEvent(InputStream input) throws IOException {
        APIGatewayV2WebSocketEvent event;
        try {
            event = GSON.fromJson(new InputStreamReader(input, StandardCharsets.UTF_8),
                    APIGatewayV2WebSocketEvent.class);
        } catch (JsonParseException e) {
            throw new IOException("the invocation's input is not an API Gateway WebSocket event: " + e.getMessage(), e);
        }
        if (event == null || event.getRequestContext() == null) {
            throw new IOException("the invocation's input is not an API Gateway WebSocket event: no requestContext");
        }
        return event;
    }

    /** The event as JSON, as API Gateway would send it: for priming the entry point with a synthetic event. */
    static String toJson(APIGatewayV2WebSocketEvent event) {
        return GSON.toJson(event, APIGatewayV2WebSocketEvent.class);
    }

    /** A response as the entry point wrote it. */
    static APIGatewayV2WebSocketResponse readResponse(byte[] json) {
        return GSON.fromJson(new String(json, StandardCharsets.UTF_8), APIGatewayV2WebSocketResponse.class);
    }

    /** A response with this status and no body. */
    protected static APIGatewayV2WebSocketResponse response(int statusCode) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(statusCode);
        return response;
    }
}
