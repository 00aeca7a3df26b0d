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
import java.util.List;
import java.util.stream.Collectors;

/** {@code sendmessage}: delivers the text to every other member of the sender's room, then publishes it. */
final class SendMessageAction implements ChatAction<ChatRequest.SendMessage> {

    private final ChatProtocol protocol;
    private final ConnectionStore store;
    private final EventPublisher events;

    SendMessageAction(ChatProtocol protocol, ConnectionStore store, EventPublisher events) {
        this.protocol = protocol;
        this.store = store;
        this.events = events;
    }

    @Override
    public Class<ChatRequest.SendMessage> requestType() {
        return ChatRequest.SendMessage.class;
    }

    @Override
    public void handle(ChatRequest.SendMessage request, Connection sender, Caller caller) {
        ChatMessage message = protocol.message(sender.room(), sender.name(), request.data());
        List<String> recipients;
        try {
            recipients = store.roomMembers(sender.room()).stream()
                    .filter(id -> !id.equals(sender.connectionId()))
                    .collect(Collectors.toList());
        } catch (ConnectionStoreException e) {
            caller.log().error("room lookup failed", e, "room", sender.room());
            caller.replyError(ErrorCode.INTERNAL_ERROR, "the message could not be delivered; try again");
            return;
        }
        BroadcastResult result = caller.broadcaster().broadcast(recipients, protocol.encode(message));
        caller.log().info("message broadcast", "room", sender.room(), "messageId", message.id(),
                "recipients", recipients.size(), "delivered", result.delivered(), "gone", result.gone(),
                "failed", result.failed());
        events.message(sender.connectionId(), message);
    }
}
