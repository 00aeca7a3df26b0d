package io.wschat.local.gateway;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the JSON events API Gateway sends to Lambda proxy integrations of a WebSocket API: CONNECT (with
 * headers and query string), MESSAGE (with messageId and the raw body) and DISCONNECT (with the close code), for
 * the API, stage and domain name that their request context names.
 */
public record WebSocketEvents(String apiId, String stage, String domainName) {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    String connect(ConnectRequest request, String connectionId, String requestId, long connectedAt, Instant now) {
        JsonObject event = new JsonObject();
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, JsonArray> multiValueHeaders = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.put(header.getKey(), header.getValue());
            multiValueHeaders.computeIfAbsent(header.getKey(), key -> new JsonArray()).add(header.getValue());
        }
        event.add("headers", stringMap(headers));
        JsonObject multi = new JsonObject();
        multiValueHeaders.forEach(multi::add);
        event.add("multiValueHeaders", multi);
        if (!request.query().isEmpty()) {
            JsonObject single = new JsonObject();
            JsonObject multiQuery = new JsonObject();
            request.query().forEach((name, values) -> {
                single.addProperty(name, values.get(values.size() - 1));
                JsonArray array = new JsonArray();
                values.forEach(array::add);
                multiQuery.add(name, array);
            });
            event.add("queryStringParameters", single);
            event.add("multiValueQueryStringParameters", multiQuery);
        }
        JsonObject context = context("$connect", "CONNECT", requestId, connectedAt, now, request.sourceIp(),
                request.userAgent(), connectionId);
        event.add("requestContext", context);
        event.addProperty("isBase64Encoded", false);
        return GSON.toJson(event);
    }

    String message(Connection connection, String routeKey, String body, String requestId, String messageId,
            Instant now) {
        JsonObject event = new JsonObject();
        JsonObject context = new JsonObject();
        context.addProperty("routeKey", routeKey);
        context.addProperty("messageId", messageId);
        copyContext(context("", "MESSAGE", requestId, connection.connectedAt(), now, connection.sourceIp(),
                connection.userAgent(), connection.id()), context);
        event.add("requestContext", context);
        event.addProperty("body", body);
        event.addProperty("isBase64Encoded", false);
        return GSON.toJson(event);
    }

    String disconnect(Connection connection, int statusCode, String reason, String requestId, Instant now) {
        JsonObject event = new JsonObject();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", domainName);
        headers.put("x-api-key", "");
        headers.put("X-Forwarded-For", "");
        headers.put("x-restapi", "");
        event.add("headers", stringMap(headers));
        JsonObject multi = new JsonObject();
        headers.forEach((name, value) -> {
            JsonArray array = new JsonArray();
            array.add(value);
            multi.add(name, array);
        });
        event.add("multiValueHeaders", multi);
        JsonObject context = new JsonObject();
        context.addProperty("routeKey", "$disconnect");
        context.addProperty("disconnectStatusCode", statusCode);
        JsonObject common = context("", "DISCONNECT", requestId, connection.connectedAt(), now, connection.sourceIp(),
                connection.userAgent(), connection.id());
        context.add("eventType", common.remove("eventType"));
        context.add("extendedRequestId", common.remove("extendedRequestId"));
        context.add("requestTime", common.remove("requestTime"));
        context.add("messageDirection", common.remove("messageDirection"));
        context.addProperty("disconnectReason", reason);
        copyContext(common, context);
        event.add("requestContext", context);
        event.addProperty("isBase64Encoded", false);
        return GSON.toJson(event);
    }

    /** The frame API Gateway sends the client when no route matches or the integration fails. */
    static String errorFrame(String message, String connectionId, String requestId) {
        return "{\"message\": " + GSON.toJson(message) + ", \"connectionId\":" + GSON.toJson(connectionId)
                + ", \"requestId\":" + GSON.toJson(requestId) + "}";
    }

    private JsonObject context(String routeKey, String eventType, String requestId, long connectedAt, Instant now,
            String sourceIp, String userAgent, String connectionId) {
        JsonObject context = new JsonObject();
        context.addProperty("routeKey", routeKey);
        context.addProperty("eventType", eventType);
        context.addProperty("extendedRequestId", requestId);
        context.addProperty("requestTime", GatewayIds.requestTime(now));
        context.addProperty("messageDirection", "IN");
        context.addProperty("stage", stage);
        context.addProperty("connectedAt", connectedAt);
        context.addProperty("requestTimeEpoch", now.toEpochMilli());
        JsonObject identity = new JsonObject();
        identity.addProperty("sourceIp", sourceIp);
        if (userAgent != null) {
            identity.addProperty("userAgent", userAgent);
        }
        context.add("identity", identity);
        context.addProperty("requestId", requestId);
        context.addProperty("domainName", domainName);
        context.addProperty("connectionId", connectionId);
        context.addProperty("apiId", apiId);
        return context;
    }

    /** Appends the common fields after the ones already placed, keeping API Gateway's field order. */
    private static void copyContext(JsonObject from, JsonObject to) {
        from.entrySet().forEach(entry -> {
            if (!to.has(entry.getKey())) {
                to.add(entry.getKey(), entry.getValue());
            }
        });
    }

    private static JsonObject stringMap(Map<String, String> values) {
        JsonObject object = new JsonObject();
        values.forEach(object::addProperty);
        return object;
    }
}
