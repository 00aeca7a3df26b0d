package io.wschat.message;

import io.wschat.shared.BroadcastResult;
import io.wschat.shared.ChatMessage;
import io.wschat.shared.ChatProtocol;
import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStore;
import io.wschat.shared.ConnectionStoreException;
import io.wschat.shared.ErrorCode;
import io.wschat.shared.EventPublisher;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code whisper}: delivers text to every connection of the user {@code to} names, and a copy to every connection of
 * the sender's user, whatever rooms they are in. {@code to} is only ever looked up as a user id in the
 * {@code user-index}, so naming a connection id reaches nobody. Whispers are not stored for history.
 */
record WhisperAction(ChatProtocol protocol, ConnectionStore store, EventPublisher events)
        implements ChatAction<ChatRequest.Whisper> {

    @Override
    public void handle(ChatRequest.Whisper request, Connection sender, Caller caller) {
        List<String> targets = store.userConnections(request.to());
        if (targets.isEmpty()) {
            caller.reject(ErrorCode.UNKNOWN_USER, "no connected user has this id; see who", "action", request.action());
            return;
        }
        Set<String> recipients = new LinkedHashSet<>(targets);
        recipients.add(sender.connectionId());
        try {
            recipients.addAll(store.userConnections(sender.userId()));
        } catch (ConnectionStoreException e) {
            caller.log().warn("sender's other connections not found; copy goes to this one only", e);
        }
        ChatMessage whisper = protocol.message(sender, request.data());
        BroadcastResult result = caller.broadcaster().broadcast(recipients, protocol.whisper(whisper, request.to()));
        caller.log().info("whisper delivered", "messageId", whisper.id(), "targetConnections", targets.size(),
                "recipients", recipients.size(), "delivered", result.delivered(), "gone", result.gone(),
                "failed", result.failed());
        events.whisper(sender.connectionId(), whisper, request.to());
    }
}
