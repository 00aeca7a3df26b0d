package io.wschat.shared;

import java.util.Objects;

/**
 * A chat message as the server delivers it.
 *
 * @param id   server-assigned, time-ordered id
 * @param ts   when the server accepted the message, epoch milliseconds
 * @param room the room it was posted to
 * @param from the sender's stored name, never a name the client supplied in the frame
 * @param data the text
 */
public record ChatMessage(String id, long ts, String room, String from, String data) {

    public ChatMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(data, "data");
    }
}
