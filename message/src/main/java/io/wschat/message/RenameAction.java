package io.wschat.message;

import io.wschat.shared.ChatProtocol;
import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStore;
import io.wschat.shared.ErrorCode;
import io.wschat.shared.EventPublisher;
import io.wschat.shared.RoomMember;
import io.wschat.shared.RoomNotices;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rename}: a new display name for this connection (its user id stays), only for anonymous connections, since
 * with authentication the name comes from the token. The {@code renamed} frame goes to the sender and, as a notice,
 * to the room's other members; a {@code renamed} event is published.
 */
record RenameAction(ChatProtocol protocol, ConnectionStore store, RoomNotices notices, EventPublisher events)
        implements ChatAction<ChatRequest.Rename> {

    @Override
    public void handle(ChatRequest.Rename request, Connection sender, Caller caller) {
        if (!sender.anonymous()) {
            caller.reject(ErrorCode.NOT_ALLOWED, "with authentication on, your name comes from your token",
                    "action", request.action());
            return;
        }
        if (request.name().equals(sender.name())) {
            caller.reply(protocol.renamed(sender.room(), sender.asMember(), sender.name()));
            return;
        }
        Optional<Connection> before = store.rename(sender.connectionId(), request.name());
        if (before.isEmpty()) {
            caller.replyError(ErrorCode.NOT_CONNECTED, "this connection is not registered; reconnect");
            return;
        }
        String room = before.get().room();
        String previous = before.get().name();
        RoomMember member = new RoomMember(sender.connectionId(), request.name(), before.get().userId());
        String renamed = protocol.renamed(room, member, previous);
        caller.reply(renamed);
        notices.post(room, renamed, Set.of(sender.connectionId()), caller.broadcaster(), caller.log());
        caller.log().info("renamed", "room", room);
        events.renamed(room, member, previous);
    }
}
