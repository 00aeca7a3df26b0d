package io.wschat.message;

import io.wschat.shared.Admission;
import io.wschat.shared.ChatProtocol;
import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStore;
import io.wschat.shared.ConnectionStoreException;
import io.wschat.shared.ErrorCode;
import io.wschat.shared.MessageStoreException;
import io.wschat.shared.ProtocolException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Validates a frame, counts it against the sender's rate limit (which also identifies the sender, in one write), and
 * hands the request to the action registered for its type. Every rejection becomes an error frame to the sender
 * alone; nothing else happens for a rejected frame.
 */
final class MessageRouter {

    private final ChatProtocol protocol;
    private final ConnectionStore store;
    private final Clock clock;
    private final int rateLimit;
    private final long windowMillis;
    private final String limitedText;
    private final Map<Class<? extends ChatRequest>, Route<?>> routes;

    MessageRouter(ChatProtocol protocol, ConnectionStore store, Clock clock, int rateLimit, Duration window,
            Routes routes) {
        this.protocol = protocol;
        this.store = store;
        this.clock = clock;
        this.rateLimit = rateLimit;
        this.windowMillis = window.toMillis();
        this.limitedText = "too many actions: at most " + rateLimit + " per " + window.toSeconds()
                + " seconds; this one was not carried out";
        this.routes = Map.copyOf(routes.routes);
    }

    /** The action for each request type. */
    static final class Routes {

        private final Map<Class<? extends ChatRequest>, Route<?>> routes = new HashMap<>();

        <R extends ChatRequest> Routes on(Class<R> type, ChatAction<R> action) {
            if (routes.putIfAbsent(type, new Route<>(type, action)) != null) {
                throw new IllegalArgumentException("two actions handle " + type.getSimpleName());
            }
            return this;
        }
    }

    private record Route<R extends ChatRequest>(Class<R> type, ChatAction<R> action) {

        void handle(ChatRequest request, Connection sender, Caller caller) {
            action.handle(type.cast(request), sender, caller);
        }
    }

    void route(String body, Caller caller) {
        ChatRequest request;
        try {
            request = protocol.parse(body);
        } catch (ProtocolException e) {
            caller.log().info("frame rejected", "code", e.code().name());
            caller.replyError(e.code(), e.getMessage());
            return;
        }
        Admission admission;
        try {
            admission = store.admit(caller.connectionId(), clock.millis() / windowMillis, rateLimit);
        } catch (ConnectionStoreException e) {
            caller.log().error("sender lookup failed", e, "action", request.action());
            caller.replyError(ErrorCode.INTERNAL_ERROR, "the request could not be processed; try again");
            return;
        }
        if (admission instanceof Admission.Admitted admitted) {
            dispatch(request, admitted, caller);
        } else if (admission instanceof Admission.Limited) {
            caller.log().info("frame rejected", "code", ErrorCode.RATE_LIMITED.name(), "action", request.action());
            caller.replyError(ErrorCode.RATE_LIMITED, limitedText);
        } else {
            caller.log().info("frame rejected", "code", ErrorCode.NOT_CONNECTED.name(), "action", request.action());
            caller.replyError(ErrorCode.NOT_CONNECTED, "this connection is not registered; reconnect");
        }
    }

    private void dispatch(ChatRequest request, Admission.Admitted admitted, Caller caller) {
        Route<?> route = routes.get(request.getClass());
        if (route == null) {
            caller.log().error("no action registered", "action", request.action());
            caller.replyError(ErrorCode.INTERNAL_ERROR, "action is not available");
            return;
        }
        try {
            route.handle(request, admitted.sender(), caller);
        } catch (ConnectionStoreException | MessageStoreException e) {
            caller.log().error("action failed", e, "action", request.action());
            caller.replyError(ErrorCode.INTERNAL_ERROR, "the request could not be completed; try again");
        }
    }
}
