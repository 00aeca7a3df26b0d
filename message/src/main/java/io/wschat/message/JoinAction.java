package io.wschat.message;

import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;

/** {@code join}: moves the sender to the requested room (validated by the protocol). */
final class JoinAction implements ChatAction<ChatRequest.Join> {

    private final RoomChange rooms;

    JoinAction(RoomChange rooms) {
        this.rooms = rooms;
    }

    @Override
    public Class<ChatRequest.Join> requestType() {
        return ChatRequest.Join.class;
    }

    @Override
    public void handle(ChatRequest.Join request, Connection sender, Caller caller) {
        rooms.move(sender, request.room(), caller);
    }
}
