package io.wschat.shared;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes chat events to the SNS topic for other systems (moderation, analytics, notifications).
 *
 * <p>Body: {@code {"eventType":"connected|disconnected|message","id","ts","connectionId","room","name"}}, plus
 * {@code data} for messages (a message event reuses the delivered message's id and ts). Message attributes
 * {@code eventType} and {@code room} (String) allow subscription filter policies.
 *
 * <p>Events are best effort: a failed publish is logged at WARN and reported through the return value, never
 * thrown, so it cannot reject a connection or hold back a message.
 */
public final class EventPublisher {

    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";
    public static final String MESSAGE = "message";

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
        long now = clock.millis();
        JsonObject event = event(CONNECTED, ids.next(now), now, connection.connectionId());
        event.addProperty("room", connection.room());
        event.addProperty("name", connection.name());
        return publish(event, Optional.of(connection.room()));
    }

    /**
     * Publishes {@code disconnected}; room and name are included when the connection's row was still there.
     * Returns whether SNS accepted it.
     */
    public boolean disconnected(String connectionId, Optional<Connection> connection) {
        long now = clock.millis();
        JsonObject event = event(DISCONNECTED, ids.next(now), now, connectionId);
        connection.ifPresent(c -> {
            event.addProperty("room", c.room());
            event.addProperty("name", c.name());
        });
        return publish(event, connection.map(Connection::room));
    }

    /** Publishes {@code message} with the delivered message's id, ts and text; returns whether SNS accepted it. */
    public boolean message(String connectionId, ChatMessage message) {
        JsonObject event = event(MESSAGE, message.id(), message.ts(), connectionId);
        event.addProperty("room", message.room());
        event.addProperty("name", message.from());
        event.addProperty("data", message.data());
        return publish(event, Optional.of(message.room()));
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
        Map<String, MessageAttributeValue> attributes = room
                .map(r -> Map.of("eventType", string(eventType), "room", string(r)))
                .orElseGet(() -> Map.of("eventType", string(eventType)));
        try {
            String messageId = sns.publish(b -> b.topicArn(topicArn).message(GSON.toJson(event))
                    .messageAttributes(attributes)).messageId();
            log.debug("event published", "eventType", eventType, "eventId", event.get("id").getAsString(),
                    "snsMessageId", messageId);
            return true;
        } catch (SdkException e) {
            log.warn("event not published", e, "eventType", eventType, "eventId", event.get("id").getAsString(),
                    "topicArn", topicArn);
            return false;
        }
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
