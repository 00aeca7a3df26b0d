package io.wschat.shared;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import io.wschat.shared.internal.StrictJson;
import java.time.Clock;
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
 *       maximum in code points, or holding a control character other than line feed and tab (rejected, not
 *       stripped, so a client never sees its text silently changed), or a lone UTF-16 surrogate.</li>
 * </ul>
 * Fields an action does not define are ignored; in particular a client-supplied {@code from}, {@code name} or
 * {@code sender} never reaches another client.
 *
 * <p>Every server frame is a JSON object with {@code type}, a server-assigned time-ordered {@code id} and
 * {@code ts} (epoch milliseconds); frames about a room also carry {@code room}.
 */
public final class ChatProtocol {

    /** The deepest nesting of objects and arrays accepted in a client frame. */
    public static final int MAX_DEPTH = 32;

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
        this.decoders = Map.of(ChatRequest.SendMessage.ACTION, this::sendMessage);
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

    /** A new message from {@code from} to {@code room}, stamped with a fresh id and the current time. */
    public ChatMessage message(String room, String from, String data) {
        long now = clock.millis();
        return new ChatMessage(ids.next(now), now, room, from, data);
    }

    /** The {@code message} frame delivered to a room's members. */
    public String encode(ChatMessage message) {
        JsonObject frame = new JsonObject();
        frame.addProperty("type", "message");
        frame.addProperty("id", message.id());
        frame.addProperty("ts", message.ts());
        frame.addProperty("room", message.room());
        frame.addProperty("from", message.from());
        frame.addProperty("data", message.data());
        return GSON.toJson(frame);
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

    private ChatRequest sendMessage(JsonObject frame) {
        return new ChatRequest.SendMessage(text(frame.get("data")));
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
