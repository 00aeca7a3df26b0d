package io.wschat.message;

import io.wschat.shared.ChatProtocol;
import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStore;
import io.wschat.shared.RoomNotices;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * {@code typing}: a {@code typing} notice to the other members of the sender's room. Ephemeral (never stored, in
 * history or published), at most one per {@link #INTERVAL} per user however many connections the user has (the
 * others are dropped without an answer, since the notice is a hint), and, like presence notices, only in rooms of
 * at most {@code PRESENCE_NOTICE_MAX_MEMBERS} connections. Clients let an indicator expire by itself.
 */
record TypingAction(ChatProtocol protocol, ConnectionStore store, RoomNotices notices, Clock clock)
        implements ChatAction<ChatRequest.Typing> {

    /** The shortest time between two typing notices of one user. */
    static final Duration INTERVAL = Duration.ofSeconds(3);

    @Override
    public void handle(ChatRequest.Typing request, Connection sender, Caller caller) {
        if (!store.takeTypingTurn(sender.userId(), clock.instant(), INTERVAL)) {
            caller.log().debug("typing notice throttled", "room", sender.room());
            return;
        }
        notices.post(sender.room(), protocol.typing(sender.room(), sender.asMember()),
                Set.of(sender.connectionId()), caller.broadcaster(), caller.log());
    }
}
