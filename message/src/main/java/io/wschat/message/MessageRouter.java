package io.wschat.message;

import io.wschat.shared.Admission;
import io.wschat.shared.ChatConfig;
import io.wschat.shared.ChatProtocol;
import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStore;
import io.wschat.shared.ConnectionStoreException;
import io.wschat.shared.ErrorCode;
import io.wschat.shared.MessageStoreException;
import io.wschat.shared.Metrics;
import io.wschat.shared.ProtocolException;
import io.wschat.shared.UserLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts a frame against its connection's rate limit (which also identifies the sender, in one write) and its user's
 * (across the user's connections; an anonymous connection's source address), then checks its size, parses and
 * validates it, and hands the request to the action registered for its type. Every frame counts, refused ones
 * included, so a client cannot send malformed frames for free; a frame too large for any valid request is refused
 * before it is parsed. Every rejection becomes an error frame to the sender alone; nothing else happens for a
 * rejected frame.
 */
final class MessageRouter {

    private final ChatProtocol protocol;
    private final ConnectionStore store;
    private final UserLimits limits;
    private final Metrics metrics;
    private final ChatConfig.PerUser perUser;
    private final Clock clock;
    private final int rateLimit;
    private final Duration window;
    private final int maxFrameLength;
    private final String limitedText;
    private final Map<Class<? extends ChatRequest>, Route<?>> routes;

    MessageRouter(ChatProtocol protocol, ConnectionStore store, UserLimits limits, Metrics metrics, ChatConfig config,
            Clock clock, Routes routes) {
        this.protocol = protocol;
        this.store = store;
        this.limits = limits;
        this.metrics = metrics;
        this.perUser = config.perUser();
        this.clock = clock;
        this.rateLimit = config.rateLimitMessages();
        this.window = config.rateLimitWindow();
        this.maxFrameLength = maxFrameLength(config.maxTextLength());
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

    /**
     * The longest frame a valid request can be: its text at the most code points, each written as two
     * {@code \\uXXXX} escapes (as clients that escape everything but ASCII write them), and 1,024 characters for
     * the rest of the request.
     */
    static int maxFrameLength(int maxTextLength) {
        return (int) Math.min(Integer.MAX_VALUE, 12L * maxTextLength + 1024);
    }

    void route(String body, Caller caller) {
        Admission admission;
        try {
            admission = store.admit(caller.connectionId(), clock.millis() / window.toMillis(), rateLimit);
        } catch (ConnectionStoreException e) {
            caller.log().error("sender lookup failed", e);
            caller.replyError(ErrorCode.INTERNAL_ERROR, "the request could not be processed; try again");
            return;
        }
        if (admission instanceof Admission.Limited) {
            metrics.rateLimited(Metrics.CONNECTION);
            caller.reject(ErrorCode.RATE_LIMITED, limitedText);
            return;
        }
        if (!(admission instanceof Admission.Admitted admitted)) {
            caller.reject(ErrorCode.NOT_CONNECTED, "this connection is not registered; reconnect");
            return;
        }
        Connection sender = admitted.sender();
        int userLimit = perUser.actions(sender);
        try {
            if (!limits.count(UserLimits.ACTIONS, UserLimits.keyOf(sender), window, userLimit)) {
                metrics.rateLimited(sender.anonymous() ? Metrics.ADDRESS : Metrics.USER);
                caller.reject(ErrorCode.RATE_LIMITED, "too many actions from this "
                        + (sender.anonymous() ? "address" : "user") + " across its connections: at most " + userLimit
                        + " per " + window.toSeconds() + " seconds; this one was not carried out");
                return;
            }
        } catch (ConnectionStoreException e) {
            caller.log().error("user rate limit not counted", e);
            caller.replyError(ErrorCode.INTERNAL_ERROR, "the request could not be processed; try again");
            return;
        }
        if (body != null && body.length() > maxFrameLength) {
            caller.reject(ErrorCode.TOO_LARGE, "frame too large: at most " + maxFrameLength + " characters");
            return;
        }
        ChatRequest request;
        try {
            request = protocol.parse(body);
        } catch (ProtocolException e) {
            caller.reject(e.code(), e.getMessage());
            return;
        }
        dispatch(request, sender, caller);
    }

    private void dispatch(ChatRequest request, Connection sender, Caller caller) {
        Route<?> route = routes.get(request.getClass());
        if (route == null) {
            caller.log().error("no action registered", "action", request.action());
            caller.replyError(ErrorCode.INTERNAL_ERROR, "action is not available");
            return;
        }
        try {
            route.handle(request, sender, caller);
        } catch (ConnectionStoreException | MessageStoreException e) {
            caller.log().error("action failed", e, "action", request.action());
            caller.replyError(ErrorCode.INTERNAL_ERROR, "the request could not be completed; try again");
        }
    }
}
