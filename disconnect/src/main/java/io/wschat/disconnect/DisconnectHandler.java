package io.wschat.disconnect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.wschat.shared.ChatConfig;
import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStoreException;
import io.wschat.shared.Dependencies;
import io.wschat.shared.Log;
import io.wschat.shared.Priming;
import io.wschat.shared.UserLimits;
import io.wschat.shared.WebSocketHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Lambda handler for {@code $disconnect}: removes the connection's row and announces the departure: {@code disconnected}
 * and {@code left} events, and a {@code left} notice to the room's remaining members (in rooms small enough for
 * presence notices). Nothing is announced when the row was already gone.
 *
 * <p>Idempotent: a connection already removed (by a 410 during a broadcast, by TTL, or by an earlier delivery of the
 * same event) is not an error. API Gateway ignores the response; 500 only marks a store failure in the metrics.
 */
public class DisconnectHandler extends WebSocketHandler {

    /** For the Lambda runtime: configuration from the process environment, and SnapStart priming registered. */
    public DisconnectHandler() {
        this(Dependencies.fromEnvironment());
        registerPriming();
    }

    public DisconnectHandler(Dependencies dependencies) {
        super(dependencies);
        primedBy(Priming.builder(dependencies)
                .handler(DisconnectHandler::new, Map.of(),
                        List.of(Priming.event("$disconnect", "DISCONNECT", null, null)))
                .build());
    }

    @Override
    public APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event, Context context) {
        APIGatewayV2WebSocketEvent.RequestContext request = event.getRequestContext();
        String connectionId = request.getConnectionId();
        Log log = requestLog(request);

        Optional<Connection> removed;
        try {
            removed = dependencies.store().delete(connectionId);
        } catch (ConnectionStoreException e) {
            log.error("connection not removed", e);
            return response(500);
        }
        log.info("connection removed", "rowExisted", removed.isPresent(),
                "room", removed.map(Connection::room).orElse(null));
        // The events go out beside the left notice (one batch: disconnected, then left), and are done before the
        // handler returns.
        CompletableFuture<Void> published = CompletableFuture.runAsync(
                () -> dependencies.events().disconnectedAndLeft(connectionId, removed), dependencies.sideWork());
        CompletableFuture<Void> released = removed
                .filter(connection -> dependencies.config().perUser().connections(connection) != ChatConfig.PerUser.OFF)
                .map(connection -> CompletableFuture.runAsync(() -> release(connection, log), dependencies.sideWork()))
                .orElse(CompletableFuture.completedFuture(null));
        removed.ifPresent(connection -> dependencies.notices().announce("left", connection.room(),
                dependencies.protocol().left(connection.room(), connection.asMember()), connection.asMember(),
                () -> dependencies.broadcaster(request, log, context), log));
        published.join();
        released.join();
        return response(200);
    }

    /** Gives the connection's place among its user's open connections back. */
    private void release(Connection connection, Log log) {
        try {
            dependencies.limits().releaseConnection(UserLimits.keyOf(connection), connection.connectionId());
        } catch (ConnectionStoreException e) {
            // The place frees itself when the claim expires, or when a full row is checked at the next connect.
            log.warn("connection place not released", "reason", e.getMessage());
        }
    }

}
