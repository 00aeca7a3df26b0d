package io.wschat.shared;

import java.util.Objects;

/**
 * A chat message (or whisper) as the server delivers it.
 *
 * @param id     server-assigned, time-ordered id
 * @param ts     when the server accepted the message, epoch milliseconds
 * @param room   the room it was posted to (for a whisper, the sender's room)
 * @param from   the sender's stored name, never a name the client supplied in the frame
 * @param userId the sender's stored user id
 * @param data   the text
 */
public record ChatMessage(String id, long ts, String room, String from, String userId, String data) {

    public ChatMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(data, "data");
    }
}
