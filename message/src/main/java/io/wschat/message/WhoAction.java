package io.wschat.message;

import io.wschat.shared.ChatProtocol;
import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStore;
import io.wschat.shared.RoomMember;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code who}: a {@code presence} frame listing the sender's room, one entry per user (a user with several
 * connections appears once, under the name of the first, with the number of its connections in the room as
 * {@code devices}), read from the {@code room-index} projection. At most
 * {@value #MAX_CONNECTIONS} connections are read; {@code truncated} tells when there were more or the list did not
 * fit in one frame.
 */
record WhoAction(ChatProtocol protocol, ConnectionStore store) implements ChatAction<ChatRequest.Who> {

    /** Connections read per {@code who}: bounds the read cost and the frame of a very big room. */
    static final int MAX_CONNECTIONS = 1000;

    @Override
    public void handle(ChatRequest.Who request, Connection sender, Caller caller) {
        ConnectionStore.RoomPage page = store.roomPresence(sender.room(), MAX_CONNECTIONS);
        Map<String, RoomMember> byUser = new LinkedHashMap<>();
        Map<String, Integer> devices = new HashMap<>();
        for (RoomMember member : page.members()) {
            byUser.putIfAbsent(member.userId(), member);
            devices.merge(member.userId(), 1, Integer::sum);
        }
        // The index is eventually consistent: a sender who just joined may not be listed yet.
        byUser.putIfAbsent(sender.userId(), sender.asMember());
        caller.reply(protocol.presence(sender.room(), new ArrayList<>(byUser.values()), devices, page.more()));
        caller.log().info("presence sent", "room", sender.room(), "users", byUser.size(), "more", page.more());
    }
}
