package io.wschat.shared;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import io.wschat.shared.internal.StrictJson;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The JSON wire format: validates client frames into {@link ChatRequest}s and writes server frames.
 *
 * <p>Inbound rules, each failing with a {@link ProtocolException} whose code goes back in an error frame:
 * <ul>
 *   <li>{@link ErrorCode#INVALID_JSON}: not strict JSON (RFC 8259), not an object, nested deeper than
 *       {@value #MAX_DEPTH} levels, or a key repeated in one object (API Gateway's route selection and this parser
 *       could otherwise read different actions from one frame).</li>
 *   <li>{@link ErrorCode#INVALID_ACTION}: {@code action} missing, not a string, or unknown.</li>
 *   <li>{@link ErrorCode#INVALID_TEXT}: {@code data} missing, not a string, blank, longer than the configured
 *       maximum in code points, or holding a control character other than line feed and tab, a character that
 *       reorders or hides text ({@link VisibleText#firstHidden}) or a lone UTF-16 surrogate (rejected, not
 *       stripped, so a client never sees its text silently changed).</li>
 *   <li>{@link ErrorCode#INVALID_ROOM} / {@link ErrorCode#INVALID_NAME}: {@code room} / {@code name} not a string
 *       matching {@link Names}.</li>
 *   <li>{@link ErrorCode#INVALID_FIELD}: any other field missing, of the wrong type or out of range (a whisper's
 *       {@code to}, history's {@code limit}).</li>
 * </ul>
 * Fields an action does not define are ignored; in particular a client-supplied {@code from}, {@code name} or
 * {@code sender} never reaches another client.
 *
 * <p>Every server frame is a JSON object with {@code type}, a server-assigned time-ordered {@code id} and
 * {@code ts} (epoch milliseconds); frames about a room also carry {@code room}, and frames caused by a member carry
 * that member's stored name and user id. Lists ({@code presence}, {@code history}) are trimmed to fit the
 * {@value #MAX_FRAME_BYTES}-byte limit of a posted message.
 */
public final class ChatProtocol {

    /** The deepest nesting of objects and arrays accepted in a client frame. */
    public static final int MAX_DEPTH = 32;

    /** The largest message API Gateway posts to a connection, in bytes; longer lists are trimmed to fit. */
    public static final int MAX_FRAME_BYTES = 131_072;

    /** {@code history} returns this many messages when the frame gives no {@code limit}. */
    public static final int DEFAULT_HISTORY_LIMIT = 50;

    /** The largest {@code limit} of {@code history}. */
    public static final int MAX_HISTORY_LIMIT = 100;

    /** The longest user id a whisper's {@code to} may hold. */
    public static final int MAX_USER_ID_LENGTH = 256;

    /** The longest {@code ref} a {@code sendmessage} may carry. */
    public static final int MAX_REF_LENGTH = 64;

    /** The most messages one {@code resume} frame carries; a client asks again for the rest. */
    public static final int MAX_RESUME_MESSAGES = 100;

    /** The largest sequence number a frame may name: the largest whole number JavaScript holds exactly. */
    public static final long MAX_SEQ = (1L << 53) - 1;

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final int maxTextLength;
    private final IdGenerator ids;
    private final Clock clock;
    private final Map<String, Function<JsonObject, ChatRequest>> decoders;

    public ChatProtocol(int maxTextLength, IdGenerator ids, Clock clock) {
        if (maxTextLength < 1) {
            throw new IllegalArgumentException("maxTextLength must be positive, was " + maxTextLength);
        }
        this.maxTextLength = maxTextLength;
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.decoders = Map.ofEntries(
                decoder(ChatRequest.SendMessage.ACTION, this::sendMessage),
                decoder(ChatRequest.Join.ACTION, this::join),
                decoder(ChatRequest.Leave.ACTION, this::leave),
                decoder(ChatRequest.Whisper.ACTION, this::whisper),
                decoder(ChatRequest.History.ACTION, this::history),
                decoder(ChatRequest.Who.ACTION, this::who),
                decoder(ChatRequest.Rename.ACTION, this::rename),
                decoder(ChatRequest.Resume.ACTION, this::resume),
                decoder(ChatRequest.Edit.ACTION, this::edit),
                decoder(ChatRequest.Delete.ACTION, this::delete),
                decoder(ChatRequest.Read.ACTION,
                        frame -> new ChatRequest.Read(wholeNumber(frame.get("seq"), "seq", 1, MAX_SEQ))),
                decoder(ChatRequest.Typing.ACTION, frame -> new ChatRequest.Typing()));
    }

    private static Map.Entry<String, Function<JsonObject, ChatRequest>> decoder(String action,
            Function<JsonObject, ChatRequest> decode) {
        return Map.entry(action, decode);
    }

    /** The actions this protocol accepts. */
    public Set<String> actions() {
        return decoders.keySet();
    }

    /**
     * Validates one client frame.
     *
     * @throws ProtocolException with the code and client-facing text of the first rule the frame breaks
     */
    public ChatRequest parse(String body) throws ProtocolException {
        if (body == null || body.isBlank()) {
            throw new ProtocolException(ErrorCode.INVALID_JSON, "frame must be a JSON object");
        }
        JsonElement root;
        try {
            root = StrictJson.parse(body, MAX_DEPTH);
        } catch (JsonParseException e) {
            throw new ProtocolException(ErrorCode.INVALID_JSON, "frame is not valid JSON: " + e.getMessage());
        }
        if (!root.isJsonObject()) {
            throw new ProtocolException(ErrorCode.INVALID_JSON, "frame must be a JSON object");
        }
        JsonObject frame = root.getAsJsonObject();
        JsonElement action = frame.get("action");
        if (action == null || action.isJsonNull()) {
            throw new ProtocolException(ErrorCode.INVALID_ACTION, "action is required");
        }
        if (!isString(action)) {
            throw new ProtocolException(ErrorCode.INVALID_ACTION, "action must be a string");
        }
        Function<JsonObject, ChatRequest> decoder = decoders.get(action.getAsString());
        if (decoder == null) {
            throw new ProtocolException(ErrorCode.INVALID_ACTION, "unknown action; supported: "
                    + String.join(", ", new TreeSet<>(decoders.keySet())));
        }
        try {
            return decoder.apply(frame);
        } catch (InvalidFieldException e) {
            throw new ProtocolException(e.code, e.getMessage());
        }
    }

    /** A new message from {@code sender} to its room, stamped with a fresh id and the current time. */
    public ChatMessage message(Connection sender, String data) {
        long now = clock.millis();
        return new ChatMessage(ids.next(now), now, sender.room(), sender.name(), sender.userId(), data);
    }

    /** The {@code message} frame delivered to a room's members. */
    public String encode(ChatMessage message) {
        return GSON.toJson(messageFrame(message));
    }

    /**
     * The {@code whisper} frame: {@code {"type":"whisper","id","ts","room","from","userId","to","data"}}, where
     * {@code room} is the sender's room and {@code to} the addressed user id.
     */
    public String whisper(ChatMessage message, String to) {
        JsonObject frame = messageHeader("whisper", message);
        frame.addProperty("from", message.from());
        addUser(frame, message.userId());
        frame.addProperty("to", to);
        frame.addProperty("data", message.data());
        return GSON.toJson(frame);
    }

    /** A {@code joined} notice: {@code member} is now in {@code room}. */
    public String joined(String room, RoomMember member) {
        return GSON.toJson(notice("joined", room, member));
    }

    /** A {@code left} notice: {@code member} is no longer in {@code room}. */
    public String left(String room, RoomMember member) {
        return GSON.toJson(notice("left", room, member));
    }

    /** A {@code renamed} notice: {@code member} (with its new name) was called {@code previous}. */
    public String renamed(String room, RoomMember member, String previous) {
        JsonObject frame = notice("renamed", room, member);
        frame.addProperty("previous", previous);
        return GSON.toJson(frame);
    }

    /**
     * The {@code presence} frame: one entry {@code {"name","userId"}} per member, in the given order, as many as fit
     * in {@value #MAX_FRAME_BYTES} bytes; {@code truncated} is true when members were left out (here or by the
     * caller, {@code moreExist}).
     */
    public String presence(String room, List<RoomMember> members, boolean moreExist) {
        return presence(room, members, Map.of(), moreExist);
    }

    /**
     * The {@code presence} frame with each user's number of open connections in the room as {@code devices}
     * (1 for a user {@code devices} does not name).
     */
    public String presence(String room, List<RoomMember> members, Map<String, Integer> devices, boolean moreExist) {
        List<JsonObject> entries = new ArrayList<>();
        for (RoomMember member : members) {
            JsonObject entry = new JsonObject();
            entry.addProperty("name", member.name());
            addUser(entry, member.userId());
            entry.addProperty("devices", devices.getOrDefault(member.userId(), 1));
            entries.add(entry);
        }
        JsonObject frame = envelope("presence", room);
        return fitted(frame, "members", entries, false, moreExist);
    }

    /**
     * The {@code history} frame: {@code messages} are {@code message} frames, oldest first. {@code newestFirst} is
     * read newest first; when they do not all fit in {@value #MAX_FRAME_BYTES} bytes the oldest are left out and
     * {@code truncated} is true.
     */
    public String history(String room, List<ChatMessage> newestFirst) {
        return history(room, newestFirst, 0);
    }

    /**
     * The {@code history} frame with the user's read marker for the room: {@code lastRead} is the highest seq the
     * user has marked read (0 for none), so a client can show what is new since.
     */
    public String history(String room, List<ChatMessage> newestFirst, long lastRead) {
        List<JsonObject> entries = new ArrayList<>();
        for (ChatMessage message : newestFirst) {
            entries.add(messageFrame(message));
        }
        JsonObject envelope = envelope("history", room);
        envelope.addProperty("lastRead", lastRead);
        return fitted(envelope, "messages", entries, true, false);
    }

    /**
     * The {@code read} frame to the user's connections: {@code {"type":"read","id","ts","room","seq"}}, the user's
     * read marker for the room now at {@code seq}.
     */
    public String read(String room, long seq) {
        JsonObject frame = envelope("read", room);
        frame.addProperty("seq", seq);
        return GSON.toJson(frame);
    }

    /**
     * The {@code sent} frame to the sender of a stored message: {@code {"type":"sent","id","ts","room","seq","ref"}}
     * with the message's own id, ts and sequence number, and the {@code ref} its frame carried.
     */
    public String sent(ChatMessage message, String ref) {
        JsonObject frame = messageHeader("sent", message);
        frame.addProperty("seq", message.seq());
        if (ref != null) {
            frame.addProperty("ref", ref);
        }
        return GSON.toJson(frame);
    }

    /**
     * The {@code resumed} frame: the messages after {@code after}, oldest first, as {@code message} frames. When
     * {@code gap} is false they follow {@code after} without a hole, and {@code truncated} says more follow (ask
     * again from the last one). When {@code gap} is true, messages after {@code after} are no longer kept (or the
     * room's numbers start over), and {@code messages} is instead the room's newest page.
     *
     * @param oldestFirst the messages in sequence order; the newest are left out when they do not fit
     */
    public String resumed(String room, long after, List<ChatMessage> oldestFirst, boolean more, boolean gap) {
        List<JsonObject> entries = new ArrayList<>();
        for (ChatMessage message : oldestFirst) {
            entries.add(messageFrame(message));
        }
        JsonObject frame = envelope("resumed", room);
        frame.addProperty("after", after);
        frame.addProperty("gap", gap);
        return fitted(frame, "messages", entries, false, more);
    }

    /** The {@code edited} frame: the message with its new text and {@code editedAt}. */
    public String edited(ChatMessage message) {
        return GSON.toJson(messageFrame("edited", message));
    }

    /** The {@code deleted} frame: the message's tombstone ({@code deleted} instead of {@code data}). */
    public String deleted(ChatMessage message) {
        return GSON.toJson(messageFrame("deleted", message));
    }

    /** A {@code typing} notice: {@code member} is typing in {@code room}; clients let it expire by itself. */
    public String typing(String room, RoomMember member) {
        return GSON.toJson(notice("typing", room, member));
    }

    /** An {@code error} frame for one client: {@code {"type":"error","id","ts","code","message"}}. */
    public String error(ErrorCode code, String message) {
        long now = clock.millis();
        JsonObject frame = new JsonObject();
        frame.addProperty("type", "error");
        frame.addProperty("id", ids.next(now));
        frame.addProperty("ts", now);
        frame.addProperty("code", code.name());
        frame.addProperty("message", message);
        return GSON.toJson(frame);
    }

    private static JsonObject messageFrame(ChatMessage message) {
        return messageFrame("message", message);
    }

    /**
     * A message's fields: {@code seq} once stored, {@code editedAt} once edited, and for a deleted one
     * {@code deleted} instead of {@code data}.
     */
    private static JsonObject messageFrame(String type, ChatMessage message) {
        JsonObject frame = messageHeader(type, message);
        if (message.seq() > 0) {
            frame.addProperty("seq", message.seq());
        }
        frame.addProperty("from", message.from());
        addUser(frame, message.userId());
        if (message.deleted()) {
            frame.addProperty("deleted", true);
        } else {
            frame.addProperty("data", message.data());
        }
        if (message.editedAt() > 0) {
            frame.addProperty("editedAt", message.editedAt());
        }
        return frame;
    }

    /** The fields every frame about one message starts with: its own id and ts, and its room. */
    private static JsonObject messageHeader(String type, ChatMessage message) {
        JsonObject frame = new JsonObject();
        frame.addProperty("type", type);
        frame.addProperty("id", message.id());
        frame.addProperty("ts", message.ts());
        frame.addProperty("room", message.room());
        return frame;
    }

    private JsonObject envelope(String type, String room) {
        long now = clock.millis();
        JsonObject frame = new JsonObject();
        frame.addProperty("type", type);
        frame.addProperty("id", ids.next(now));
        frame.addProperty("ts", now);
        frame.addProperty("room", room);
        return frame;
    }

    private JsonObject notice(String type, String room, RoomMember member) {
        JsonObject frame = envelope(type, room);
        frame.addProperty("name", member.name());
        addUser(frame, member.userId());
        return frame;
    }

    /** The user id, and beside it the user's {@link Names#tag tag}, which tells apart users of the same name. */
    private static void addUser(JsonObject frame, String userId) {
        frame.addProperty("userId", userId);
        frame.addProperty("tag", Names.tag(userId));
    }

    /**
     * Adds as many {@code entries} as fit under {@link #MAX_FRAME_BYTES} as the array {@code field}, taking them
     * in the given order; with {@code reverse} the kept entries are written in the opposite order.
     */
    private static String fitted(JsonObject frame, String field, List<JsonObject> entries, boolean reverse,
            boolean moreExist) {
        JsonObject probe = frame.deepCopy();
        probe.add(field, new JsonArray());
        probe.addProperty("truncated", true);
        long budget = MAX_FRAME_BYTES - utf8Length(GSON.toJson(probe));
        List<JsonElement> kept = new ArrayList<>();
        for (JsonObject entry : entries) {
            long size = utf8Length(GSON.toJson(entry)) + (kept.isEmpty() ? 0 : 1);
            if (size > budget) {
                break;
            }
            budget -= size;
            kept.add(entry);
        }
        if (reverse) {
            Collections.reverse(kept);
        }
        JsonArray array = new JsonArray();
        kept.forEach(array::add);
        frame.add(field, array);
        frame.addProperty("truncated", moreExist || kept.size() < entries.size());
        return GSON.toJson(frame);
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private ChatRequest sendMessage(JsonObject frame) {
        String data = text(frame.get("data"));
        JsonElement ref = frame.get("ref");
        if (ref == null || ref.isJsonNull()) {
            return new ChatRequest.SendMessage(data, null);
        }
        if (!isString(ref) || ref.getAsString().isEmpty() || ref.getAsString().length() > MAX_REF_LENGTH
                || ref.getAsString().chars().anyMatch(Character::isISOControl)) {
            throw new InvalidFieldException(ErrorCode.INVALID_FIELD,
                    "ref must be a string of 1 to " + MAX_REF_LENGTH + " characters");
        }
        return new ChatRequest.SendMessage(data, ref.getAsString());
    }

    private ChatRequest resume(JsonObject frame) {
        return new ChatRequest.Resume(wholeNumber(frame.get("after"), "after", 0, MAX_SEQ));
    }

    private ChatRequest edit(JsonObject frame) {
        long seq = wholeNumber(frame.get("seq"), "seq", 1, MAX_SEQ);
        return new ChatRequest.Edit(seq, text(frame.get("data")));
    }

    private ChatRequest delete(JsonObject frame) {
        return new ChatRequest.Delete(wholeNumber(frame.get("seq"), "seq", 1, MAX_SEQ));
    }

    private ChatRequest join(JsonObject frame) {
        return new ChatRequest.Join(room(frame.get("room")));
    }

    private ChatRequest leave(JsonObject frame) {
        return new ChatRequest.Leave();
    }

    private ChatRequest whisper(JsonObject frame) {
        JsonElement to = frame.get("to");
        if (!isString(to) || to.getAsString().isEmpty() || to.getAsString().length() > MAX_USER_ID_LENGTH
                || to.getAsString().chars().anyMatch(Character::isISOControl)) {
            throw new InvalidFieldException(ErrorCode.INVALID_FIELD,
                    "to must be a user id (as listed by who) of 1 to " + MAX_USER_ID_LENGTH + " characters");
        }
        return new ChatRequest.Whisper(to.getAsString(), text(frame.get("data")));
    }

    private ChatRequest history(JsonObject frame) {
        JsonElement limit = frame.get("limit");
        if (limit == null || limit.isJsonNull()) {
            return new ChatRequest.History(DEFAULT_HISTORY_LIMIT);
        }
        return new ChatRequest.History((int) wholeNumber(limit, "limit", 1, MAX_HISTORY_LIMIT));
    }

    /** A JSON number that is a whole number from {@code min} to {@code max} ({@code 5.0} counts, {@code 5.5} not). */
    private static long wholeNumber(JsonElement element, String field, long min, long max) {
        String rule = field + " must be a whole number from " + min + " to " + max;
        if (element == null || !element.isJsonPrimitive() || !((JsonPrimitive) element).isNumber()) {
            throw new InvalidFieldException(ErrorCode.INVALID_FIELD, rule);
        }
        BigDecimal value;
        try {
            value = element.getAsBigDecimal();
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(ErrorCode.INVALID_FIELD, rule);
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0
                || value.stripTrailingZeros().scale() > 0) {
            throw new InvalidFieldException(ErrorCode.INVALID_FIELD, rule);
        }
        return value.longValueExact();
    }

    private ChatRequest who(JsonObject frame) {
        return new ChatRequest.Who();
    }

    private ChatRequest rename(JsonObject frame) {
        JsonElement name = frame.get("name");
        if (!isString(name) || !Names.isValidName(name.getAsString())) {
            throw new InvalidFieldException(ErrorCode.INVALID_NAME, Names.NAME_RULE);
        }
        return new ChatRequest.Rename(name.getAsString());
    }

    private static String room(JsonElement element) {
        if (!isString(element) || !Names.isValidRoom(element.getAsString())) {
            throw new InvalidFieldException(ErrorCode.INVALID_ROOM, Names.ROOM_RULE);
        }
        return element.getAsString();
    }

    private String text(JsonElement element) {
        String limits = "data must be a string of 1 to " + maxTextLength + " characters";
        if (!isString(element)) {
            throw new InvalidFieldException(ErrorCode.INVALID_TEXT, limits);
        }
        String text = element.getAsString();
        if (text.isBlank() || text.length() > 2L * maxTextLength
                || text.codePointCount(0, text.length()) > maxTextLength) {
            throw new InvalidFieldException(ErrorCode.INVALID_TEXT, limits);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidFieldException(ErrorCode.INVALID_TEXT, "data must be valid Unicode text");
            } else if (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t') {
                throw new InvalidFieldException(ErrorCode.INVALID_TEXT,
                        "data must not contain control characters other than line feed and tab");
            }
        }
        if (!VisibleText.isVisible(text)) {
            throw new InvalidFieldException(ErrorCode.INVALID_TEXT, "data must not contain characters that reorder"
                    + " or hide text (bidirectional controls, zero-width spaces or joiners outside emoji and scripts"
                    + " that need them)");
        }
        return text;
    }

    private static boolean isString(JsonElement element) {
        return element != null && element.isJsonPrimitive() && ((JsonPrimitive) element).isString();
    }

    /** Carries a field's validation failure out of a decoder function. */
    private static final class InvalidFieldException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final ErrorCode code;

        InvalidFieldException(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
