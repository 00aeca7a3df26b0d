package io.wschat.local.gateway;

import io.wschat.local.lambda.InvocationResult;
import io.wschat.local.lambda.LocalFunction;
import io.wschat.local.lambda.LocalLambda;
import io.wschat.local.log.ConsoleLog;
import io.wschat.local.template.RouteDefinition;
import io.wschat.local.template.WebSocketApiDefinition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Plays API Gateway for one WebSocket API: runs {@code $connect} before the handshake completes, selects a
 * route for every text frame, invokes the route's function, sends two-way responses and error frames back,
 * enforces the connection limits and reports every close to {@code $disconnect}.
 */
public final class WebSocketGateway {

    static final String GOING_AWAY = "Going away";
    static final String CLOSED_NORMALLY = "Connection Closed Normally";
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "upgrade");
    private static final Set<String> LIFE_CYCLE_ROUTES = Set.of("$connect", "$disconnect");

    private final WebSocketApiDefinition api;
    private final LocalLambda lambda;
    private final WebSocketEvents events;
    private final GatewayLimits limits;
    private final RouteSelector selector;
    private final ScheduledExecutorService scheduler;
    private final ConsoleLog log;
    private final boolean dropDisconnects;
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final List<InvocationListener> listeners = new CopyOnWriteArrayList<>();

    public WebSocketGateway(WebSocketApiDefinition api, LocalLambda lambda, WebSocketEvents events,
            GatewayLimits limits, ScheduledExecutorService scheduler, ConsoleLog log, boolean dropDisconnects) {
        this.api = api;
        this.lambda = lambda;
        this.events = events;
        this.limits = limits;
        this.selector = new RouteSelector(api.routeSelectionExpression());
        this.scheduler = scheduler;
        this.log = log;
        this.dropDisconnects = dropDisconnects;
    }

    public ConnectionRegistry connections() {
        return connections;
    }

    public String stage() {
        return api.stage();
    }

    public void addInvocationListener(InvocationListener listener) {
        listeners.add(listener);
    }

    /** Applies the frame and message limits; idle and duration limits are the gateway's own timers. */
    public void configure(ServerWebSocketContainer container) {
        container.setMaxFrameSize(limits.maxFrameBytes());
        // Without this Jetty would split an oversized incoming frame instead of refusing it.
        container.setAutoFragment(false);
        container.setMaxTextMessageSize(limits.maxMessageBytes());
        container.setMaxBinaryMessageSize(limits.maxMessageBytes());
        container.setMaxOutgoingFrames(256);
        container.setIdleTimeout(limits.idleTimeout().plusSeconds(30));
    }

    /** Whether a request is a WebSocket handshake for this API: at {@code /} or {@code /{stage}}. */
    public boolean accepts(Request request) {
        String path = Request.getPathInContext(request);
        boolean upgrade = request.getHeaders().contains(HttpHeader.UPGRADE, "websocket");
        return upgrade && (path.equals("/") || path.equals("/" + api.stage()) || path.equals("/" + api.stage() + "/"));
    }

    /** Logs a handshake refused for its {@code Origin} (before any {@code $connect}). */
    void refusedOrigin(Request request, String origin) {
        log.info(String.format("REFUSE     handshake from origin %s  %s  (not this stack's page; see --allow-origin)",
                origin, Request.getRemoteAddr(request)));
    }

    /** Runs {@code $connect} on the worker pool, then completes or rejects the handshake with its status. */
    public void connect(Request request, Response response, Callback callback, ServerWebSocketContainer container) {
        Instant now = Instant.now();
        ConnectRequest connectRequest = connectRequest(request, now);
        Connection connection = new Connection(GatewayIds.newId(), now.toEpochMilli(), connectRequest.sourceIp(),
                connectRequest.userAgent(), limits.maxFrameBytes());
        Optional<RouteDefinition> route = api.route("$connect");
        if (route.isEmpty()) {
            upgrade(connection, Map.of(), request, response, callback, container);
            log.info(String.format("CONNECT    %s  (no $connect route)  %s", connection.id(), connection.sourceIp()));
            return;
        }
        String requestId = GatewayIds.newId();
        String event = events.connect(connectRequest, connection.id(), requestId, connection.connectedAt(), now);
        LocalFunction function = lambda.function(route.get().functionLogicalId());
        function.invoke(event).thenAccept(result -> {
            notifyListeners("$connect", function, event, result);
            finishHandshake(connection, result, function, request, response, callback, container);
        }).exceptionally(failure -> {
            // Whatever failed, the client is still waiting for its handshake: answer it rather than let it hang.
            log.error("handshake of " + connection.id() + " failed; answered 500", unwrap(failure));
            Response.writeError(request, response, callback, 500);
            return null;
        });
    }

    private void finishHandshake(Connection connection, InvocationResult result, LocalFunction function,
            Request request, Response response, Callback callback, ServerWebSocketContainer container) {
        if (result.isSuccess()) {
            upgrade(connection, result.headers(), request, response, callback, container);
            log.info(String.format("CONNECT    %s  $connect → %s  %s  %d ms  %s%s", connection.id(),
                    function.definition().logicalId(), result.summary(), result.millis(), connection.sourceIp(),
                    fanOut(result)));
        } else {
            int status = result.isResponse() ? result.statusCode() : 502;
            reject(status, result, response, callback);
            log.info(String.format("REJECT     %s  $connect → %s  %s  %d ms  handshake answered %d%s",
                    connection.id(), function.definition().logicalId(), result.summary(), result.millis(),
                    status, fanOut(result)));
        }
    }

    private void upgrade(Connection connection, Map<String, String> headers, Request request, Response response,
            Callback callback, ServerWebSocketContainer container) {
        boolean upgraded = container.upgrade((upgradeRequest, upgradeResponse, upgradeCallback) -> {
            headers.forEach((name, value) -> {
                if (name.equalsIgnoreCase(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL.asString())) {
                    upgradeResponse.setAcceptedSubProtocol(value);
                } else if (!name.equalsIgnoreCase("content-type") && !name.equalsIgnoreCase("content-length")) {
                    upgradeResponse.getHeaders().put(name, value);
                }
            });
            return new GatewayEndpoint(this, connection);
        }, request, response, callback);
        if (!upgraded) {
            Response.writeError(request, response, callback, 400);
        }
    }

    private static void reject(int status, InvocationResult result, Response response, Callback callback) {
        response.setStatus(status);
        String body = result.isResponse() ? result.body() : "{\"message\": \"Internal server error\"}";
        if (result.isResponse()) {
            result.headers().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("content-length")) {
                    response.getHeaders().put(name, value);
                }
            });
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        }
        if (body == null) {
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }

    void opened(Connection connection, Session session) {
        connection.attach(session);
        connections.add(connection);
        long idle = limits.idleTimeout().toMillis();
        connection.timers(
                scheduler.schedule(() -> checkIdle(connection), idle, TimeUnit.MILLISECONDS),
                scheduler.schedule(() -> connection.close(StatusCode.SHUTDOWN, GOING_AWAY),
                        limits.maxConnectionDuration().toMillis(), TimeUnit.MILLISECONDS));
    }

    private void checkIdle(Connection connection) {
        long idleFor = Instant.now().toEpochMilli() - connection.lastActiveAt();
        long idle = limits.idleTimeout().toMillis();
        if (idleFor >= idle) {
            connection.close(StatusCode.SHUTDOWN, GOING_AWAY);
        } else {
            connection.idleTimer(scheduler.schedule(() -> checkIdle(connection), idle - idleFor,
                    TimeUnit.MILLISECONDS));
        }
    }

    void received(Connection connection, String body) {
        connection.touch();
        Instant now = Instant.now();
        String requestId = GatewayIds.newId();
        // $connect and $disconnect belong to the connection's life cycle: a frame naming them goes to $default.
        Optional<String> selected = selector.select(body).filter(key -> !LIFE_CYCLE_ROUTES.contains(key));
        Optional<RouteDefinition> route = selected.flatMap(api::route).or(() -> api.route("$default"));
        if (route.isEmpty()) {
            connection.send(WebSocketEvents.errorFrame("Forbidden", connection.id(), requestId));
            log.info(String.format("FORBIDDEN  %s  no route %s and no $default", connection.id(),
                    selected.map(key -> "\"" + key + "\"").orElse("selected")));
            return;
        }
        RouteDefinition definition = route.get();
        String event = events.message(connection, definition.routeKey(), body, requestId, GatewayIds.newId(), now);
        LocalFunction function = lambda.function(definition.functionLogicalId());
        function.invoke(event).thenAccept(result -> {
            if (!result.isResponse()) {
                connection.send(WebSocketEvents.errorFrame("Internal server error", connection.id(), requestId));
            } else if (definition.twoWay() && result.body() != null) {
                connection.send(result.body());
            }
            // Listeners hear of an invocation only once the frame it answers with is queued, so a test that has seen
            // the invocation knows any frame sent to the connection afterwards arrives behind it.
            notifyListeners(definition.routeKey(), function, event, result);
            log.info(String.format("MESSAGE    %s  %s → %s  %s  %d ms%s", connection.id(), definition.routeKey(),
                    function.definition().logicalId(), result.summary(), result.millis(), fanOut(result)));
        }).exceptionally(failure -> logFailure(definition.routeKey() + " of " + connection.id(), failure));
    }

    void binaryReceived(Connection connection) {
        connection.touch();
        connection.close(StatusCode.BAD_DATA, "Binary frames are not supported");
    }

    void failed(Connection connection, Throwable cause) {
        log.debug(String.format("SOCKET     %s  %s", connection.id(), cause));
    }

    void closed(Connection connection, int clientStatus, String clientReason) {
        connection.cancelTimers();
        if (!connections.remove(connection)) {
            return;
        }
        Connection.CloseCause cause = connection.serverClose();
        int status = cause != null ? cause.statusCode() : clientStatus;
        String reason = cause != null ? cause.reason() : disconnectReason(clientStatus, clientReason);
        Optional<RouteDefinition> route = api.route("$disconnect");
        if (route.isEmpty() || dropDisconnects) {
            log.info(String.format("DISCONNECT %s  %d %s  %s", connection.id(), status, reason,
                    route.isEmpty() ? "(no $disconnect route)" : "($disconnect dropped)"));
            return;
        }
        String event = events.disconnect(connection, status, reason, GatewayIds.newId(), Instant.now());
        LocalFunction function = lambda.function(route.get().functionLogicalId());
        function.invoke(event).thenAccept(result -> {
            notifyListeners("$disconnect", function, event, result);
            log.info(String.format("DISCONNECT %s  %d %s  $disconnect → %s  %s  %d ms%s", connection.id(), status,
                    reason, function.definition().logicalId(), result.summary(), result.millis(), fanOut(result)));
        }).exceptionally(failure -> logFailure("$disconnect of " + connection.id(), failure));
    }

    /** API Gateway's wording for a close the client started. */
    static String disconnectReason(int status, String reason) {
        if (status == StatusCode.NO_CODE) {
            return "Client-side close frame status not set";
        }
        if (reason != null && !reason.isBlank()) {
            return reason;
        }
        return switch (status) {
            case StatusCode.NORMAL -> CLOSED_NORMALLY;
            case StatusCode.SHUTDOWN -> GOING_AWAY;
            case StatusCode.ABNORMAL -> "Connection Closed Abnormally";
            default -> "";
        };
    }

    private ConnectRequest connectRequest(Request request, Instant now) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String userAgent = null;
        boolean hasTrace = false;
        boolean hasForwardedFor = false;
        String sourceIp = Request.getRemoteAddr(request);
        for (HttpField field : request.getHeaders()) {
            String name = field.getName();
            String lower = name.toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(lower)) {
                continue;
            }
            String value = field.getValue();
            if (lower.equals("user-agent")) {
                userAgent = value;
            } else if (lower.equals("x-amzn-trace-id")) {
                hasTrace = true;
            } else if (lower.equals("x-forwarded-for")) {
                hasForwardedFor = true;
                value = value + ", " + sourceIp;
            }
            headers.add(Map.entry(name, value));
        }
        if (!hasTrace) {
            headers.add(Map.entry("X-Amzn-Trace-Id", GatewayIds.traceId(now)));
        }
        if (!hasForwardedFor) {
            headers.add(Map.entry("X-Forwarded-For", sourceIp));
        }
        headers.add(Map.entry("X-Forwarded-Port", String.valueOf(Request.getLocalPort(request))));
        headers.add(Map.entry("X-Forwarded-Proto", request.isSecure() ? "https" : "http"));
        Map<String, List<String>> query = new LinkedHashMap<>();
        Fields parameters = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        for (Fields.Field field : parameters) {
            query.put(field.getName(), List.copyOf(field.getValues()));
        }
        return new ConnectRequest(headers, query, sourceIp, userAgent, Request.getLocalPort(request));
    }

    private void notifyListeners(String routeKey, LocalFunction function, String event, InvocationResult result) {
        for (InvocationListener listener : listeners) {
            listener.invoked(routeKey, function.definition().logicalId(), event, result);
        }
    }

    private Void logFailure(String what, Throwable failure) {
        log.error(what + " failed after the invocation", unwrap(failure));
        return null;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String fanOut(InvocationResult result) {
        String summary = result.fanOut().summary();
        return summary.isEmpty() ? "" : "  fan-out " + summary;
    }
}
