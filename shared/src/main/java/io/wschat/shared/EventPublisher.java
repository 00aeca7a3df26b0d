package io.wschat.shared;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;

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
 * <p>Events that happen together (a connection and its join, a disconnection and its leave, a move between rooms)
 * go out in one {@code PublishBatch}, one round trip, as separate messages in that order.
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

    /**
     * Publishes {@code connected} and then {@code joined} for a new connection, in one {@code PublishBatch}; returns
     * whether SNS accepted both.
     */
    public boolean connectedAndJoined(Connection connection) {
        long now = clock.millis();
        RoomMember member = connection.asMember();
        return publishAll(List.of(
                memberEvent(CONNECTED, ids.next(now), now, connection.connectionId(), connection.room(), member),
                memberEvent(JOINED, ids.next(now), now, connection.connectionId(), connection.room(), member)));
    }

    /**
     * Publishes {@code disconnected} and, when the connection's row was still there, {@code left} with its room,
     * name and user id (in one {@code PublishBatch}); returns whether SNS accepted them.
     */
    public boolean disconnectedAndLeft(String connectionId, Optional<Connection> connection) {
        long now = clock.millis();
        if (connection.isEmpty()) {
            return publish(event(DISCONNECTED, ids.next(now), now, connectionId));
        }
        String room = connection.get().room();
        RoomMember member = connection.get().asMember();
        return publishAll(List.of(
                memberEvent(DISCONNECTED, ids.next(now), now, connectionId, room, member),
                memberEvent(LEFT, ids.next(now), now, connectionId, room, member)));
    }

    /**
     * Publishes {@code left} for {@code from} and then {@code joined} for {@code to}, in one {@code PublishBatch};
     * returns whether SNS accepted both.
     */
    public boolean movedRooms(String from, String to, RoomMember member) {
        long now = clock.millis();
        return publishAll(List.of(
                memberEvent(LEFT, ids.next(now), now, member.connectionId(), from, member),
                memberEvent(JOINED, ids.next(now), now, member.connectionId(), to, member)));
    }

    /** Publishes {@code renamed}, with {@code previous}, the old name. Returns whether SNS accepted it. */
    public boolean renamed(String room, RoomMember member, String previous) {
        long now = clock.millis();
        JsonObject event = memberEvent(RENAMED, ids.next(now), now, member.connectionId(), room, member);
        event.addProperty("previous", previous);
        return publish(event);
    }

    /** Publishes {@code message} with the delivered message's id, ts and text; returns whether SNS accepted it. */
    public boolean message(String connectionId, ChatMessage message) {
        JsonObject event = memberEvent(MESSAGE, message.id(), message.ts(), connectionId, message.room(),
                new RoomMember(connectionId, message.from(), message.userId()));
        event.addProperty("seq", message.seq());
        event.addProperty("data", message.data());
        return publish(event);
    }

    /**
     * Publishes {@code edited}: the sender gave message {@code seq} (id {@code messageId}) new text. Returns
     * whether SNS accepted it.
     */
    public boolean edited(String connectionId, ChatMessage message) {
        JsonObject event = change(EDITED, connectionId, message);
        event.addProperty("data", message.data());
        event.addProperty("editedAt", message.editedAt());
        return publish(event);
    }

    /** Publishes {@code deleted}: the sender deleted message {@code seq}. Returns whether SNS accepted it. */
    public boolean deleted(String connectionId, ChatMessage message) {
        JsonObject event = change(DELETED, connectionId, message);
        event.addProperty("deletedAt", message.editedAt());
        return publish(event);
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
        return publish(event);
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

    private boolean publish(JsonObject event) {
        String messageId;
        try {
            messageId = sns.publish(b -> b.topicArn(topicArn).message(GSON.toJson(event))
                    .messageAttributes(attributes(event))).messageId();
        } catch (RuntimeException e) {
            // Not only SdkException: UrlConnectionHttpClient can let the failure of an aborted attempt out unwrapped.
            notPublished(event, e);
            return false;
        }
        published(event, messageId);
        return true;
    }

    /**
     * Publishes {@code events} in one {@code PublishBatch} (at most ten), entry {@code i} with the id {@code e<i>};
     * true when SNS accepted every one. An entry SNS names but was not sent is ignored, never thrown.
     */
    private boolean publishAll(List<JsonObject> events) {
        Map<String, JsonObject> byId = new LinkedHashMap<>();
        List<PublishBatchRequestEntry> entries = new ArrayList<>(events.size());
        for (JsonObject event : events) {
            String id = "e" + byId.size();
            byId.put(id, event);
            entries.add(PublishBatchRequestEntry.builder().id(id).message(GSON.toJson(event))
                    .messageAttributes(attributes(event)).build());
        }
        PublishBatchResponse response;
        try {
            response = sns.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(entries));
        } catch (RuntimeException e) {
            events.forEach(event -> notPublished(event, e));
            return false;
        }
        int accepted = 0;
        for (PublishBatchResultEntry entry : response.successful()) {
            JsonObject event = byId.get(entry.id());
            if (event != null) {
                published(event, entry.messageId());
                accepted++;
            }
        }
        for (BatchResultErrorEntry entry : response.failed()) {
            JsonObject event = byId.get(entry.id());
            if (event != null) {
                log.warn("event not published", "eventType", eventType(event), "eventId",
                        event.get("id").getAsString(), "topicArn", topicArn, "code", entry.code(),
                        "reason", entry.message());
            }
        }
        return accepted == events.size() && response.failed().isEmpty();
    }

    /** {@code eventType}, and {@code room} when the event has one, for subscription filter policies. */
    private static Map<String, MessageAttributeValue> attributes(JsonObject event) {
        String eventType = eventType(event);
        return event.has("room")
                ? Map.of("eventType", string(eventType), "room", string(event.get("room").getAsString()))
                : Map.of("eventType", string(eventType));
    }

    private static String eventType(JsonObject event) {
        return event.get("eventType").getAsString();
    }

    private void published(JsonObject event, String messageId) {
        log.debug("event published", "eventType", eventType(event), "eventId", event.get("id").getAsString(),
                "snsMessageId", messageId);
    }

    private void notPublished(JsonObject event, RuntimeException e) {
        log.warn("event not published", e, "eventType", eventType(event), "eventId", event.get("id").getAsString(),
                "topicArn", topicArn);
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
