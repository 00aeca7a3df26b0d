package io.wschat.shared;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes chat events to the SNS topic for other systems (moderation, analytics, notifications).
 *
 * <p>Body: {@code {"eventType","id","ts","connectionId","room","name","userId"}} with {@code eventType} one of
 * {@code connected, disconnected, joined, left, message, whisper, renamed, edited, deleted}; {@code message} and
 * {@code whisper} add {@code data} (and {@code to}) and reuse the delivered frame's id and ts; {@code message},
 * {@code edited} and {@code deleted} add the message's {@code seq} (the latter two also its {@code messageId};
 * {@code edited} its new {@code data} and
 * {@code editedAt}, {@code deleted} its {@code deletedAt}); {@code renamed} adds {@code previous}.
 * Message attributes {@code eventType} and {@code room} (String) allow subscription filter policies; a whisper's
 * room is the sender's. See docs/EVENTS.md.
 *
 * <p>Events are best effort: a failed publish is logged at WARN and reported through the return value, never
 * thrown, so it cannot reject a connection or hold back a message.
 */
public final class EventPublisher {

    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";
    public static final String JOINED = "joined";
    public static final String LEFT = "left";
    public static final String MESSAGE = "message";
    public static final String WHISPER = "whisper";
    public static final String RENAMED = "renamed";
    public static final String EDITED = "edited";
    public static final String DELETED = "deleted";

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private final SnsClient sns;
    private final String topicArn;
    private final IdGenerator ids;
    private final Clock clock;
    private final Log log;

    public EventPublisher(SnsClient sns, String topicArn, IdGenerator ids, Clock clock, Log log) {
        this.sns = Objects.requireNonNull(sns, "sns");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Publishes {@code connected}; returns whether SNS accepted it. */
    public boolean connected(Connection connection) {
        return member(CONNECTED, connection.connectionId(), connection.room(), connection.asMember());
    }

    /**
     * Publishes {@code disconnected}; room, name and user id are included when the connection's row was still
     * there. Returns whether SNS accepted it.
     */
    public boolean disconnected(String connectionId, Optional<Connection> connection) {
        long now = clock.millis();
        JsonObject event = event(DISCONNECTED, ids.next(now), now, connectionId);
        connection.ifPresent(c -> {
            event.addProperty("room", c.room());
            event.addProperty("name", c.name());
            event.addProperty("userId", c.userId());
        });
        return publish(event, connection.map(Connection::room));
    }

    /** Publishes {@code joined}: {@code member} entered {@code room}. Returns whether SNS accepted it. */
    public boolean joined(String room, RoomMember member) {
        return member(JOINED, member.connectionId(), room, member);
    }

    /** Publishes {@code left}: {@code member} is no longer in {@code room}. Returns whether SNS accepted it. */
    public boolean left(String room, RoomMember member) {
        return member(LEFT, member.connectionId(), room, member);
    }

    /** Publishes {@code renamed}, with {@code previous}, the old name. Returns whether SNS accepted it. */
    public boolean renamed(String room, RoomMember member, String previous) {
        long now = clock.millis();
        JsonObject event = memberEvent(RENAMED, ids.next(now), now, member.connectionId(), room, member);
        event.addProperty("previous", previous);
        return publish(event, Optional.of(room));
    }

    /** Publishes {@code message} with the delivered message's id, ts and text; returns whether SNS accepted it. */
    public boolean message(String connectionId, ChatMessage message) {
        JsonObject event = memberEvent(MESSAGE, message.id(), message.ts(), connectionId, message.room(),
                new RoomMember(connectionId, message.from(), message.userId()));
        event.addProperty("seq", message.seq());
        event.addProperty("data", message.data());
        return publish(event, Optional.of(message.room()));
    }

    /**
     * Publishes {@code edited}: the sender gave message {@code seq} (id {@code messageId}) new text. Returns
     * whether SNS accepted it.
     */
    public boolean edited(String connectionId, ChatMessage message) {
        JsonObject event = change(EDITED, connectionId, message);
        event.addProperty("data", message.data());
        event.addProperty("editedAt", message.editedAt());
        return publish(event, Optional.of(message.room()));
    }

    /** Publishes {@code deleted}: the sender deleted message {@code seq}. Returns whether SNS accepted it. */
    public boolean deleted(String connectionId, ChatMessage message) {
        JsonObject event = change(DELETED, connectionId, message);
        event.addProperty("deletedAt", message.editedAt());
        return publish(event, Optional.of(message.room()));
    }

    private JsonObject change(String type, String connectionId, ChatMessage message) {
        long now = clock.millis();
        JsonObject event = memberEvent(type, ids.next(now), now, connectionId, message.room(),
                new RoomMember(connectionId, message.from(), message.userId()));
        event.addProperty("messageId", message.id());
        event.addProperty("seq", message.seq());
        return event;
    }

    /**
     * Publishes {@code whisper} with the delivered whisper's id, ts, text and addressee {@code to}; its room is the
     * sender's. Returns whether SNS accepted it.
     */
    public boolean whisper(String connectionId, ChatMessage whisper, String to) {
        JsonObject event = memberEvent(WHISPER, whisper.id(), whisper.ts(), connectionId, whisper.room(),
                new RoomMember(connectionId, whisper.from(), whisper.userId()));
        event.addProperty("to", to);
        event.addProperty("data", whisper.data());
        return publish(event, Optional.of(whisper.room()));
    }

    private boolean member(String type, String connectionId, String room, RoomMember member) {
        long now = clock.millis();
        return publish(memberEvent(type, ids.next(now), now, connectionId, room, member), Optional.of(room));
    }

    private static JsonObject memberEvent(String type, String id, long ts, String connectionId, String room,
            RoomMember member) {
        JsonObject event = event(type, id, ts, connectionId);
        event.addProperty("room", room);
        event.addProperty("name", member.name());
        event.addProperty("userId", member.userId());
        return event;
    }

    private static JsonObject event(String type, String id, long ts, String connectionId) {
        JsonObject event = new JsonObject();
        event.addProperty("eventType", type);
        event.addProperty("id", id);
        event.addProperty("ts", ts);
        event.addProperty("connectionId", connectionId);
        return event;
    }

    private boolean publish(JsonObject event, Optional<String> room) {
        String eventType = event.get("eventType").getAsString();
        String eventId = event.get("id").getAsString();
        String body = GSON.toJson(event);
        Map<String, MessageAttributeValue> attributes = room
                .map(r -> Map.of("eventType", string(eventType), "room", string(r)))
                .orElseGet(() -> Map.of("eventType", string(eventType)));
        String messageId;
        try {
            messageId = sns.publish(b -> b.topicArn(topicArn).message(body).messageAttributes(attributes)).messageId();
        } catch (RuntimeException e) {
            // Not only SdkException: UrlConnectionHttpClient can let the failure of an aborted attempt out unwrapped.
            log.warn("event not published", e, "eventType", eventType, "eventId", eventId, "topicArn", topicArn);
            return false;
        }
        log.debug("event published", "eventType", eventType, "eventId", eventId, "snsMessageId", messageId);
        return true;
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
