package io.wschat.message;

import io.wschat.shared.BroadcastResult;
import io.wschat.shared.ChatMessage;
import io.wschat.shared.ChatProtocol;
import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStore;
import io.wschat.shared.EventPublisher;
import io.wschat.shared.MessageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code sendmessage}: stores the message for {@code history} (until {@code HISTORY_TTL_HOURS} from now), delivers it
 * to every other member of the sender's room, then publishes it. A message that cannot be stored is not delivered, so
 * a client retrying after {@code INTERNAL_ERROR} does not duplicate it and history holds what was delivered.
 */
final class SendMessageAction implements ChatAction<ChatRequest.SendMessage> {

    private final ChatProtocol protocol;
    private final ConnectionStore store;
    private final MessageStore messages;
    private final EventPublisher events;
    private final Duration historyTtl;

    SendMessageAction(ChatProtocol protocol, ConnectionStore store, MessageStore messages, EventPublisher events,
            Duration historyTtl) {
        this.protocol = protocol;
        this.store = store;
        this.messages = messages;
        this.events = events;
        this.historyTtl = historyTtl;
    }

    @Override
    public Class<ChatRequest.SendMessage> requestType() {
        return ChatRequest.SendMessage.class;
    }

    @Override
    public void handle(ChatRequest.SendMessage request, Connection sender, Caller caller) {
        ChatMessage message = protocol.message(sender, request.data());
        messages.append(message, Instant.ofEpochMilli(message.ts()).plus(historyTtl));
        List<String> recipients = store.roomMembers(sender.room()).stream()
                .filter(id -> !id.equals(sender.connectionId()))
                .toList();
        BroadcastResult result = caller.broadcaster().broadcast(recipients, protocol.encode(message));
        caller.log().info("message broadcast", "room", sender.room(), "messageId", message.id(),
                "recipients", recipients.size(), "delivered", result.delivered(), "gone", result.gone(),
                "failed", result.failed());
        events.message(sender.connectionId(), message);
    }
}
