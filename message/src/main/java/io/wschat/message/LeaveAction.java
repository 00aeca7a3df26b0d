package io.wschat.message;

import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;
import io.wschat.shared.Names;

/** {@code leave}: moves the sender back to the lobby; in the lobby already, it only confirms that. */
final class LeaveAction implements ChatAction<ChatRequest.Leave> {

    private final RoomChange rooms;

    LeaveAction(RoomChange rooms) {
        this.rooms = rooms;
    }

    @Override
    public Class<ChatRequest.Leave> requestType() {
        return ChatRequest.Leave.class;
    }

    @Override
    public void handle(ChatRequest.Leave request, Connection sender, Caller caller) {
        rooms.move(sender, Names.DEFAULT_ROOM, caller);
    }
}
