package io.wschat.shared;

import java.util.Objects;

/**
 * A chat message (or whisper) as the server delivers it.
 *
 * @param id       server-assigned, time-ordered id
 * @param ts       when the server accepted the message, epoch milliseconds
 * @param room     the room it was posted to (for a whisper, the sender's room)
 * @param from     the sender's stored name, never a name the client supplied in the frame
 * @param userId   the sender's stored user id
 * @param data     the text (empty once deleted)
 * @param seq      the room's sequence number, from 1 without gaps, given when the message is stored; 0 before that
 *                 and for whispers, which are not stored
 * @param editedAt when the sender last edited it, epoch milliseconds, or 0
 * @param deleted  whether the sender deleted it (a tombstone: kept so that sequence numbers stay without gaps)
 */
public record ChatMessage(String id, long ts, String room, String from, String userId, String data, long seq,
        long editedAt, boolean deleted) {

    public ChatMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(data, "data");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative, was " + seq);
        }
    }

    /** A message not stored yet: no sequence number, never edited. */
    public ChatMessage(String id, long ts, String room, String from, String userId, String data) {
        this(id, ts, room, from, userId, data, 0, 0, false);
    }

    /** This message as stored under sequence number {@code seq}. */
    public ChatMessage withSeq(long seq) {
        return new ChatMessage(id, ts, room, from, userId, data, seq, editedAt, deleted);
    }
}
