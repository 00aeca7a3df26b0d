package io.wschat.shared;

import java.util.Locale;
import java.util.Objects;

/**
 * A validated client request, one record type per action. {@link ChatProtocol#parse(String)} produces them; the
 * message function dispatches on the record type.
 *
 * <p>Each record is named for its action ({@code SendMessage} for {@code sendmessage}) and holds it as
 * {@code ACTION}, the key of its decoder in {@link ChatProtocol}.
 */
public sealed interface ChatRequest {

    /** The {@code action} value on the wire: the record's name in lower case, its {@code ACTION}. */
    default String action() {
        return getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code {"action":"sendmessage","data":"...","ref":"..."}}: post text to the sender's room; {@code ref}, an
     * optional client-chosen tag (null when absent), comes back in the {@code sent} acknowledgement.
     */
    record SendMessage(String data, String ref) implements ChatRequest {

        public static final String ACTION = "sendmessage";

        public SendMessage {
            Objects.requireNonNull(data, "data");
        }

        public SendMessage(String data) {
            this(data, null);
        }
    }

    /** {@code {"action":"join","room":"..."}}: move the connection to another room. */
    record Join(String room) implements ChatRequest {

        public static final String ACTION = "join";

        public Join {
            Objects.requireNonNull(room, "room");
        }
    }

    /** {@code {"action":"leave"}}: move the connection back to the lobby. */
    record Leave() implements ChatRequest {

        public static final String ACTION = "leave";
    }

    /** {@code {"action":"whisper","to":"<userId>","data":"..."}}: text to every connection of one user. */
    record Whisper(String to, String data) implements ChatRequest {

        public static final String ACTION = "whisper";

        public Whisper {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(data, "data");
        }
    }

    /** {@code {"action":"history","limit":50}}: the newest messages of the sender's room. */
    record History(int limit) implements ChatRequest {

        public static final String ACTION = "history";
    }

    /** {@code {"action":"who"}}: the members of the sender's room. */
    record Who() implements ChatRequest {

        public static final String ACTION = "who";
    }

    /** {@code {"action":"rename","name":"..."}}: a new display name for this connection. */
    record Rename(String name) implements ChatRequest {

        public static final String ACTION = "rename";

        public Rename {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * {@code {"action":"resume","after":42}}: the messages of the sender's room after sequence number
     * {@code after}, in order, so a reconnecting client catches up on what it missed.
     */
    record Resume(long after) implements ChatRequest {

        public static final String ACTION = "resume";
    }

    /** {@code {"action":"edit","seq":42,"data":"..."}}: new text for one of the sender's own messages. */
    record Edit(long seq, String data) implements ChatRequest {

        public static final String ACTION = "edit";

        public Edit {
            Objects.requireNonNull(data, "data");
        }
    }

    /** {@code {"action":"delete","seq":42}}: deletes one of the sender's own messages. */
    record Delete(long seq) implements ChatRequest {

        public static final String ACTION = "delete";
    }

    /**
     * {@code {"action":"read","seq":42}}: the sender's user has read its room's messages up to {@code seq}; the
     * user's read marker for the room moves there (never back).
     */
    record Read(long seq) implements ChatRequest {

        public static final String ACTION = "read";
    }

    /** {@code {"action":"typing"}}: tells the room the sender is typing; nothing is stored. */
    record Typing() implements ChatRequest {

        public static final String ACTION = "typing";
    }
}
