package io.wschat.message;

import io.wschat.shared.ChatProtocol;
import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStore;
import io.wschat.shared.ConnectionStoreException;
import io.wschat.shared.ErrorCode;
import io.wschat.shared.ProtocolException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates a frame, identifies its sender, and hands the request to the action registered for its type. Every
 * rejection becomes an error frame to the sender alone; nothing else happens for a rejected frame.
 */
final class MessageRouter {

    private final ChatProtocol protocol;
    private final ConnectionStore store;
    private final Map<Class<? extends ChatRequest>, ChatAction<?>> actions = new HashMap<>();

    MessageRouter(ChatProtocol protocol, ConnectionStore store, List<ChatAction<?>> actions) {
        this.protocol = protocol;
        this.store = store;
        for (ChatAction<?> action : actions) {
            if (this.actions.putIfAbsent(action.requestType(), action) != null) {
                throw new IllegalArgumentException("two actions handle " + action.requestType().getSimpleName());
            }
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
        Optional<Connection> sender;
        try {
            sender = store.find(caller.connectionId());
        } catch (ConnectionStoreException e) {
            caller.log().error("sender lookup failed", e, "action", request.action());
            caller.replyError(ErrorCode.INTERNAL_ERROR, "the message could not be processed; try again");
            return;
        }
        if (sender.isEmpty()) {
            caller.log().info("frame rejected", "code", ErrorCode.NOT_CONNECTED.name(), "action", request.action());
            caller.replyError(ErrorCode.NOT_CONNECTED, "this connection is not registered; reconnect");
            return;
        }
        dispatch(request, sender.get(), caller);
    }

    private <R extends ChatRequest> void dispatch(ChatRequest request, Connection sender, Caller caller) {
        @SuppressWarnings("unchecked")
        ChatAction<R> action = (ChatAction<R>) actions.get(request.getClass());
        if (action == null) {
            caller.log().error("no action registered", "action", request.action());
            caller.replyError(ErrorCode.INTERNAL_ERROR, "action is not available");
            return;
        }
        action.handle(action.requestType().cast(request), sender, caller);
    }
}
