package io.wschat.message;

import io.wschat.shared.BroadcastResult;
import io.wschat.shared.ChatMessage;
import io.wschat.shared.ChatProtocol;
import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStore;
import io.wschat.shared.ErrorCode;
import io.wschat.shared.EventPublisher;
import io.wschat.shared.MessageStore;
import java.time.Clock;

/**
 * {@code edit} and {@code delete} of one's own messages, by user id (so from any of the sender's connections),
 * in the room the sender is in. The change is stored first, then the {@code edited} or {@code deleted} frame goes
 * to every connection of the room, the sender's included, and the event is published. Anyone else's message, an
 * unknown or expired one, or one deleted already gets an error frame and changes nothing.
 */
record MessageChanges(ChatProtocol protocol, ConnectionStore store, MessageStore messages, EventPublisher events,
        Clock clock) {

    void edit(ChatRequest.Edit request, Connection sender, Caller caller) {
        MessageStore.Change change = messages.edit(sender.room(), request.seq(), sender.userId(), request.data(),
                clock.instant());
        if (!refused(change, request, caller)) {
            announce(change.message(), protocol.edited(change.message()), "message edited", caller);
            events.edited(sender.connectionId(), change.message());
        }
    }

    void delete(ChatRequest.Delete request, Connection sender, Caller caller) {
        MessageStore.Change change = messages.delete(sender.room(), request.seq(), sender.userId(), clock.instant());
        if (!refused(change, request, caller)) {
            announce(change.message(), protocol.deleted(change.message()), "message deleted", caller);
            events.deleted(sender.connectionId(), change.message());
        }
    }

    /** Posts the change's frame to every connection of the message's room, the sender's included. */
    private void announce(ChatMessage message, String frame, String what, Caller caller) {
        BroadcastResult result = caller.broadcaster().broadcast(store.roomMembers(message.room()), frame);
        caller.log().info(what, "room", message.room(), "seq", message.seq(), "messageId", message.id(),
                "delivered", result.delivered(), "gone", result.gone(), "failed", result.failed());
    }

    private static boolean refused(MessageStore.Change change, ChatRequest request, Caller caller) {
        ErrorCode code;
        String text;
        switch (change.outcome()) {
            case CHANGED:
                return false;
            case NOT_SENDER:
                code = ErrorCode.NOT_ALLOWED;
                text = "only the sender of a message may edit or delete it";
                break;
            case DELETED:
                code = ErrorCode.NOT_FOUND;
                text = "this message was deleted";
                break;
            default:
                code = ErrorCode.NOT_FOUND;
                text = "no message with this seq in your room (it may have expired)";
                break;
        }
        caller.reject(code, text, "action", request.action());
        return true;
    }
}
