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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code sendmessage}: stores the message for {@code history} (until {@code HISTORY_TTL_HOURS} from now) under the
 * room's next sequence number, delivers it to every other member of the sender's room, acknowledges it to the sender
 * with {@code sent} (that number) when the frame carried a {@code ref}, and publishes it. A message that cannot be
 * stored is not delivered, so a client retrying after {@code INTERNAL_ERROR} does not duplicate it and history holds
 * what was delivered.
 *
 * <p>The room's members are read only once the message is stored: a member who joins meanwhile is either in that
 * list, or joined after the message was stored, so its {@code resume} (which it sends once connected) finds it.
 * Reading them while storing would save a round trip but lose the message for a member who joins in between. The
 * SNS publish runs beside the broadcast, so it does not add its round trip to the time until the last member has
 * the message; the action returns only when both are done.
 */
record SendMessageAction(ChatProtocol protocol, ConnectionStore store, MessageStore messages, EventPublisher events,
        Duration historyTtl, Executor sideWork) implements ChatAction<ChatRequest.SendMessage> {

    @Override
    public void handle(ChatRequest.SendMessage request, Connection sender, Caller caller) {
        ChatMessage message = protocol.message(sender, request.data());
        ChatMessage stored = messages.append(message, Instant.ofEpochMilli(message.ts()).plus(historyTtl));
        List<String> recipients = store.roomMembers(sender.room()).stream()
                .filter(id -> !id.equals(sender.connectionId()))
                .toList();
        CompletableFuture<Boolean> published = CompletableFuture.supplyAsync(
                () -> events.message(sender.connectionId(), stored), sideWork);
        BroadcastResult result = caller.broadcaster().broadcast(recipients, protocol.encode(stored));
        if (request.ref() != null) {
            caller.reply(protocol.sent(stored, request.ref()));
        }
        caller.log().info("message broadcast", "room", sender.room(), "messageId", stored.id(), "seq", stored.seq(),
                "recipients", recipients.size(), "delivered", result.delivered(), "gone", result.gone(),
                "failed", result.failed());
        SideTasks.await(published);
    }
}
