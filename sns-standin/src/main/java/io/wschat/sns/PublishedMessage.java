package io.wschat.sns;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message accepted by {@code Publish}, as the stand-in's listeners and event feed see it, with the ARNs of
 * the subscriptions it was queued for (confirmed ones whose filter policy let it through), in subscription order.
 */
public record PublishedMessage(
        String messageId,
        String topicArn,
        Optional<String> subject,
        String message,
        Optional<String> messageStructure,
        Map<String, MessageAttribute> attributes,
        Instant timestamp,
        List<String> recipients) {

    private static final int SUMMARY_VALUE_LIMIT = 64;

    public PublishedMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(topicArn, "topicArn");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(messageStructure, "messageStructure");
        Objects.requireNonNull(timestamp, "timestamp");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        recipients = List.copyOf(recipients);
    }

    /** The same message, queued for these subscriptions. */
    PublishedMessage withRecipients(List<String> subscriptionArns) {
        return new PublishedMessage(messageId, topicArn, subject, message, messageStructure, attributes, timestamp,
                subscriptionArns);
    }

    /** The value of a non-binary attribute, e.g. {@code attribute("eventType")}. */
    public Optional<String> attribute(String name) {
        MessageAttribute attribute = attributes.get(name);
        if (attribute == null || attribute.baseType().equals("Binary")) {
            return Optional.empty();
        }
        return Optional.of(attribute.value());
    }

    /** The topic's name: the last part of its ARN. */
    public String topicName() {
        return topicArn.substring(topicArn.lastIndexOf(':') + 1);
    }

    /** Size of the message body in UTF-8 bytes. */
    public int size() {
        return message.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * One console line describing the message without its text, e.g.
     * {@code sns publish topic=chat-events eventType=message room=lobby bytes=118 id=...}.
     */
    public String summary() {
        StringBuilder line = new StringBuilder("sns publish topic=").append(topicName());
        attributes.forEach((name, attribute) -> {
            if (!attribute.baseType().equals("Binary")) {
                line.append(' ').append(name).append('=').append(shorten(attribute.value()));
            }
        });
        return line.append(" bytes=").append(size()).append(" id=").append(messageId).toString();
    }

    private static String shorten(String value) {
        String oneLine = value.replaceAll("\\s+", " ");
        return oneLine.length() <= SUMMARY_VALUE_LIMIT ? oneLine : oneLine.substring(0, SUMMARY_VALUE_LIMIT) + "...";
    }
}
