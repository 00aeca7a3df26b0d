package io.wschat.message;

import io.wschat.shared.ChatMessage;
import io.wschat.shared.ChatProtocol;
import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;
import io.wschat.shared.MessageStore;
import java.time.Clock;
import java.util.List;

/**
 * {@code history}: the {@code limit} newest unexpired messages of the sender's room, in one {@code history} frame,
 * oldest first, trimmed (oldest left out) to fit API Gateway's 128 KB post limit.
 */
final class HistoryAction implements ChatAction<ChatRequest.History> {

    private final ChatProtocol protocol;
    private final MessageStore messages;
    private final Clock clock;

    HistoryAction(ChatProtocol protocol, MessageStore messages, Clock clock) {
        this.protocol = protocol;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public Class<ChatRequest.History> requestType() {
        return ChatRequest.History.class;
    }

    @Override
    public void handle(ChatRequest.History request, Connection sender, Caller caller) {
        List<ChatMessage> newestFirst = messages.latest(sender.room(), request.limit(), clock.instant());
        caller.reply(protocol.history(sender.room(), newestFirst));
        caller.log().info("history sent", "room", sender.room(), "messages", newestFirst.size());
    }
}
