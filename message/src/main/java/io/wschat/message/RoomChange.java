package io.wschat.message;

import io.wschat.shared.ChatConfig;
import io.wschat.shared.ChatProtocol;
import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStore;
import io.wschat.shared.ErrorCode;
import io.wschat.shared.EventPublisher;
import io.wschat.shared.Metrics;
import io.wschat.shared.RoomMember;
import io.wschat.shared.RoomNotices;
import io.wschat.shared.UserLimits;
import java.time.Duration;
import java.util.Optional;

/**
 * Moves a connection to another room, for {@code join} and {@code leave}: a {@code left} notice to the old room's
 * other members, the {@code joined} frame to the sender and (as a notice) to the new room's other members, and
 * {@code left} and {@code joined} events. A room hears of a user with several connections only for its first one
 * in, and after its last one out. Moving to the room the connection is already in only confirms it to the
 * sender with {@code joined}. Since each move notifies two whole rooms, a user (anonymous: an address) may move at
 * most {@code ROOM_CHANGE_LIMIT} ({@code ADDRESS_ROOM_CHANGE_LIMIT}) times per rate limit window, across its connections.
 */
record RoomChange(ChatProtocol protocol, ConnectionStore store, RoomNotices notices, EventPublisher events,
        UserLimits limits, Metrics metrics, ChatConfig config) {

    void move(Connection sender, String room, Caller caller) {
        if (room.equals(sender.room())) {
            caller.reply(protocol.joined(room, sender.asMember()));
            return;
        }
        int limit = config.perUser().roomChanges(sender);
        Duration window = config.rateLimitWindow();
        if (!limits.count(UserLimits.ROOM_CHANGES, UserLimits.keyOf(sender), window, limit)) {
            metrics.rateLimited(Metrics.ROOM_CHANGES);
            caller.reject(ErrorCode.RATE_LIMITED, "too many room changes: at most " + limit + " per "
                    + window.toSeconds() + " seconds; this one was not carried out", "limit", "room changes");
            return;
        }
        Optional<Connection> before = store.moveTo(sender.connectionId(), room);
        if (before.isEmpty()) {
            caller.replyError(ErrorCode.NOT_CONNECTED, "this connection is not registered; reconnect");
            return;
        }
        String previous = before.get().room();
        RoomMember member = before.get().asMember();
        notices.postPresence(previous, protocol.left(previous, member), member, caller.broadcaster(), caller.log());
        String joined = protocol.joined(room, member);
        caller.reply(joined);
        notices.postPresence(room, joined, member, caller.broadcaster(), caller.log());
        caller.log().info("room changed", "from", previous, "to", room);
        events.movedRooms(previous, room, member);
    }
}
