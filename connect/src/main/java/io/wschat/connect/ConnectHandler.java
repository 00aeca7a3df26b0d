package io.wschat.connect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.wschat.connect.auth.AuthenticationException;
import io.wschat.connect.auth.Authenticator;
import io.wschat.connect.auth.Identity;
import io.wschat.connect.auth.SecretsManagerSecrets;
import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStoreException;
import io.wschat.shared.Dependencies;
import io.wschat.shared.Log;
import io.wschat.shared.Names;
import io.wschat.shared.Priming;
import io.wschat.shared.RoomMember;
import io.wschat.shared.UserLimits;
import io.wschat.shared.WebSocketHandler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Lambda handler for {@code $connect}: authenticates the client, admits it to the room given in the query string
 * ({@code ?room=lobby&name=alice} or {@code ?room=lobby&token=...}), stores the connection and announces it.
 *
 * <p>Responses decide the handshake: the authenticator's 401, 403 or 503 for a token it refuses, 400 for an invalid
 * room or (anonymous) name, 429 when the user (anonymous: the source address) already has as many connections open
 * as {@code MAX_CONNECTIONS_PER_USER} ({@code MAX_CONNECTIONS_PER_ADDRESS}) allows, 500 when the connection cannot
 * be stored, 200 otherwise. With a token, the user id and
 * display name come from its claims (the name made to fit the name rules) and the {@code name} parameter is
 * ignored. A failed announcement does not reject the connection. The new connection itself cannot be posted to
 * before this returns (API Gateway answers 410), so only the room's other members get the {@code joined} notice.
 */
public class ConnectHandler extends WebSocketHandler {

    /** Parses as a JWT, but its signature is no one's: every authenticator refuses it, none fetches keys for it. */
    static final String PRIMING_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJzdWIiOiJwcmltaW5nIiwiZXhwIjo0MTAyNDQ0ODAwfQ.cHJpbWluZy1zaWduYXR1cmUtbm90LXZhbGlkLWZvci1hbnkta2V5";

    private final Authenticator authenticator;
    private final RandomGenerator random;

    /** For the Lambda runtime: configuration from the process environment, and SnapStart priming registered. */
    public ConnectHandler() {
        this(Dependencies.fromEnvironment());
        registerPriming();
    }

    /**
     * Reads the HS256 key from Secrets Manager here, once, when {@code JWT_SECRET_ARN} names it (and
     * {@code JWT_SECRET} is not set), so that a SnapStart snapshot already holds it.
     *
     * @throws IllegalArgumentException when the authentication settings in the dependencies' environment are invalid
     * @throws io.wschat.connect.auth.SecretReadException when the HS256 key cannot be read
     */
    public ConnectHandler(Dependencies dependencies) {
        super(dependencies);
        this.authenticator = Authenticator.fromConfig(dependencies.environment(),
                SecretsManagerSecrets.from(dependencies.config(), dependencies.environment()));
        this.random = dependencies.random();
        // The offline copy connects anonymously, so that the store, events and notices are primed in every auth mode.
        primedBy(Priming.builder(dependencies)
                .handler(ConnectHandler::new, Map.of("AUTH_MODE", "none"), List.of(Priming.event("$connect", "CONNECT",
                        null, Map.of("room", "priming", "name", "priming"))))
                .step("authenticator", this::primeAuthenticator)
                .build());
    }

    private void primeAuthenticator() {
        try {
            authenticator.authenticate(Map.of("token", PRIMING_TOKEN), Map.of());
        } catch (AuthenticationException expected) {
            // the usual outcome: the token is refused
        }
    }

    @Override
    public APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event, Context context) {
        APIGatewayV2WebSocketEvent.RequestContext request = event.getRequestContext();
        String connectionId = request.getConnectionId();
        Log log = requestLog(request);
        Map<String, String> query = event.getQueryStringParameters() == null
                ? Map.of() : event.getQueryStringParameters();

        Identity identity;
        try {
            identity = authenticator.authenticate(query, event.getHeaders());
        } catch (AuthenticationException e) {
            // The reason's fixed text is safe to log and return; the token never is.
            if (e.status() >= 500) {
                log.warn("connection rejected", "reason", e.reason().name(), "status", e.status());
            } else {
                log.info("connection rejected", "reason", e.reason().name(), "status", e.status());
            }
            dependencies.metrics().connectionRejected(e.reason().name());
            return response(e.status(), "Authentication failed: " + e.getMessage() + ".");
        }

        String room = orDefault(query.get("room"), Names.DEFAULT_ROOM);
        if (!Names.isValidRoom(room)) {
            log.info("connection rejected", "reason", "invalid room");
            dependencies.metrics().connectionRejected("invalid room");
            return response(400, "Invalid room: use 1 to 64 letters, digits, '_' or '-'.");
        }
        String name;
        String userId;
        if (identity.anonymous()) {
            name = orDefault(identity.name(), Names.guestName(random));
            if (!Names.isValidName(name)) {
                log.info("connection rejected", "reason", "invalid name");
                dependencies.metrics().connectionRejected("invalid name");
                return response(400,
                        "Invalid name: use 1 to 32 letters of one script, digits, spaces, '_', '-' or '.'.");
            }
            userId = name;
        } else {
            userId = identity.userId();
            name = Names.displayName(identity.name(), userId);
        }

        Connection connection = Connection.open(connectionId, room, name, userId, connectedAt(request),
                identity(request, APIGatewayV2WebSocketEvent.RequestIdentity::getSourceIp),
                identity(request, APIGatewayV2WebSocketEvent.RequestIdentity::getUserAgent),
                identity.anonymous());
        String limitKey = UserLimits.keyOf(connection);
        int allowed = dependencies.config().perUser().connections(connection);
        try {
            if (!dependencies.limits().claimConnection(limitKey, connectionId, connection.expiresAt(), allowed)) {
                log.info("connection rejected", "reason", "too many connections", "limit", allowed,
                        "anonymous", identity.anonymous());
                dependencies.metrics().connectionRejected("too many connections");
                return response(429, "Too many connections: at most " + allowed + " open at once "
                        + (identity.anonymous() ? "from one address without a token" : "per user")
                        + "; close one and try again.");
            }
        } catch (ConnectionStoreException e) {
            log.error("connection place not claimed", e, "room", room);
            dependencies.metrics().connectionRejected("not stored");
            return response(500, "Connection could not be registered.");
        }
        try {
            dependencies.store().put(connection);
        } catch (ConnectionStoreException e) {
            log.error("connection not stored", e, "room", room);
            releasePlace(limitKey, connectionId, log);
            dependencies.metrics().connectionRejected("not stored");
            return response(500, "Connection could not be registered.");
        }
        log.info("connection stored", "room", room, "name", name, "userId", userId,
                "anonymous", identity.anonymous());
        RoomMember member = connection.asMember();
        // The events go out beside the joined notice (one batch: connected, then joined); the connection opens
        // once both are done, so a slow SNS delays the join by the longer of the two, not by their sum.
        CompletableFuture<Void> published = CompletableFuture.runAsync(
                () -> dependencies.events().connectedAndJoined(connection), dependencies.sideWork());
        dependencies.notices().announce("joined", room, dependencies.protocol().joined(room, member), member,
                () -> dependencies.broadcaster(request, log, context), log);
        published.join();
        dependencies.metrics().connectionAccepted();
        return response(200, null);
    }

    private void releasePlace(String limitKey, String connectionId, Log log) {
        try {
            dependencies.limits().releaseConnection(limitKey, connectionId);
        } catch (ConnectionStoreException e) {
            // The place frees itself when the claim expires, or when a full row is checked at the next connect.
            log.warn("connection place not released", "reason", e.getMessage());
        }
    }

    private Instant connectedAt(APIGatewayV2WebSocketEvent.RequestContext request) {
        return request.getConnectedAt() > 0
                ? Instant.ofEpochMilli(request.getConnectedAt())
                : dependencies.clock().instant();
    }

    private static Optional<String> identity(APIGatewayV2WebSocketEvent.RequestContext request,
            Function<APIGatewayV2WebSocketEvent.RequestIdentity, String> field) {
        return Optional.ofNullable(request.getIdentity()).map(field).filter(value -> !value.isBlank());
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static APIGatewayV2WebSocketResponse response(int statusCode, String body) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(statusCode);
        if (body != null) {
            response.setHeaders(Map.of("Content-Type", "text/plain; charset=utf-8"));
            response.setBody(body);
        }
        return response;
    }
}
