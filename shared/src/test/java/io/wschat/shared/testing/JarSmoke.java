package io.wschat.shared.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.google.gson.Gson;
import io.wschat.shared.Priming;
import io.wschat.shared.WebSocketHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entry point {@link ShadedJar} runs in a child JVM whose class path is one function jar and this class alone:
 * builds the handler through its Lambda (no-arg) constructor, runs its priming hooks as SnapStart would, then
 * handles the events given as arguments through its stream entry point, printing {@code SMOKE} lines for the test to read.
 *
 * <p>Uses nothing but the JDK and classes the function jar must contain; it has no nested classes, so copying
 * this one class file is enough.
 */
public final class JarSmoke {

    static final String PREFIX = "SMOKE ";

    /** The jar's own gson: the event goes in as JSON, as the Lambda runtime hands it to the stream entry point. */
    private static final Gson GSON = new Gson();

    private JarSmoke() {
    }

    /**
     * @param args the handler class, then five arguments per event: route key, event type, connection id, body and
     *             query string ({@code k=v&k=v}), {@code -} for none
     */
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        RequestStreamHandler handler = (RequestStreamHandler) type.getConstructor().newInstance();
        System.out.println(PREFIX + "constructed " + millisSince(start));

        Priming priming = ((WebSocketHandler) handler).priming();
        long primeStart = System.nanoTime();
        priming.beforeCheckpoint(null);
        System.out.println(PREFIX + "beforeCheckpoint " + millisSince(primeStart) + " " + priming.failedSteps());
        priming.afterRestore(null);
        System.out.println(PREFIX + "afterRestore " + priming.failedSteps());

        for (int i = 1; i + 4 < args.length; i += 5) {
            APIGatewayV2WebSocketEvent event = event(args[i], args[i + 1], args[i + 2], args[i + 3], args[i + 4]);
            long requestStart = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(GSON.toJson(event).getBytes(StandardCharsets.UTF_8)), out,
                    null);
            APIGatewayV2WebSocketResponse response = GSON.fromJson(out.toString(StandardCharsets.UTF_8),
                    APIGatewayV2WebSocketResponse.class);
            System.out.println(PREFIX + "status " + response.getStatusCode() + " " + millisSince(requestStart));
        }
    }

    private static APIGatewayV2WebSocketEvent event(String routeKey, String eventType, String connectionId,
            String body, String query) {
        APIGatewayV2WebSocketEvent.RequestContext request = new APIGatewayV2WebSocketEvent.RequestContext();
        request.setRouteKey(routeKey);
        request.setEventType(eventType);
        request.setConnectionId(connectionId);
        request.setRequestId("smoke-" + connectionId);
        request.setDomainName("abcd1234ef.execute-api.us-east-1.amazonaws.com");
        request.setStage("test");
        request.setConnectedAt(System.currentTimeMillis());
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(request);
        event.setHeaders(Map.of("Host", "abcd1234ef.execute-api.us-east-1.amazonaws.com"));
        if (!"-".equals(body)) {
            event.setBody(body);
        }
        if (!"-".equals(query)) {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            event.setQueryStringParameters(parameters);
        }
        return event;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
