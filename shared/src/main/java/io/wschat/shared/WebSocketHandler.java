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
import java.util.Objects;

/**
 * A Lambda function for API Gateway WebSocket routes: the Lambda Java runtime calls the stream entry point, which
 * reads the event and writes the response as JSON with gson, and the route's work is in {@link #handle}.
 *
 * <p>A stream handler keeps the runtime from building aws-lambda-java-serialization's Jackson serializer for the
 * event and the response, which costs most of a plain cold start (docs/PERFORMANCE.md). The event classes are plain
 * beans whose field names are the event's JSON names, so gson reads and writes them field by field; names in the JSON
 * that the classes lack are ignored, as the runtime ignores them.
 *
 * <p>Each function class has two constructors: one taking its {@link Dependencies}, which builds the handler and
 * its SnapStart {@link Priming} (through {@link #primedBy}), and the public no-arg one the Lambda runtime calls,
 * which reads the dependencies from the environment and registers the priming with {@link #registerPriming}.
 */
public abstract class WebSocketHandler implements RequestStreamHandler {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    protected final Dependencies dependencies;
    private Priming priming;

    protected WebSocketHandler(Dependencies dependencies) {
        this.dependencies = Objects.requireNonNull(dependencies, "dependencies");
    }

    /** Sets this handler's SnapStart priming: the last step of the subclass's constructor. */
    protected final void primedBy(Priming priming) {
        this.priming = Objects.requireNonNull(priming, "priming");
    }

    /** Registers the priming with the runtime's SnapStart hooks: for the no-arg constructor only. */
    protected final void registerPriming() {
        priming().register();
    }

    /** SnapStart priming of this handler; the no-arg constructor registers it. */
    public final Priming priming() {
        if (priming == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " was constructed without its priming");
        }
        return priming;
    }

    /** The log of one invocation: every line names the route, the request id and the connection id. */
    protected final Log requestLog(APIGatewayV2WebSocketEvent.RequestContext request) {
        return dependencies.log().with("route", request.getRouteKey(), "requestId", request.getRequestId(),
                "connectionId", request.getConnectionId());
    }

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
