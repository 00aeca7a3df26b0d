package io.wschat.sns;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON documents SNS POSTs to HTTP subscribers, field for field. They are not signed: {@code Signature}
 * is a fixed placeholder, so subscribers must skip signature verification against the stand-in.
 */
final class SnsEnvelope {

    static final String SIGNATURE_VERSION = "1";
    static final String SIGNATURE_PLACEHOLDER = Base64.getEncoder()
            .encodeToString("unsigned: local SNS stand-in".getBytes(StandardCharsets.UTF_8));

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SnsEnvelope() {}

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static String subscriptionConfirmation(String messageId, String token, String topicArn, String subscribeUrl,
            Instant timestamp, String signingCertUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Type", "SubscriptionConfirmation");
        body.put("MessageId", messageId);
        body.put("Token", token);
        body.put("TopicArn", topicArn);
        body.put("Message", "You have chosen to subscribe to the topic " + topicArn
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
        body.put("SubscribeURL", subscribeUrl);
        body.put("Timestamp", timestamp(timestamp));
        body.put("SignatureVersion", SIGNATURE_VERSION);
        body.put("Signature", SIGNATURE_PLACEHOLDER);
        body.put("SigningCertURL", signingCertUrl);
        return GSON.toJson(body);
    }

    static String notification(PublishedMessage message, String text, String signingCertUrl, String unsubscribeUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Type", "Notification");
        body.put("MessageId", message.messageId());
        body.put("TopicArn", message.topicArn());
        message.subject().ifPresent(subject -> body.put("Subject", subject));
        body.put("Message", text);
        body.put("Timestamp", timestamp(message.timestamp()));
        body.put("SignatureVersion", SIGNATURE_VERSION);
        body.put("Signature", SIGNATURE_PLACEHOLDER);
        body.put("SigningCertURL", signingCertUrl);
        body.put("UnsubscribeURL", unsubscribeUrl);
        if (!message.attributes().isEmpty()) {
            body.put("MessageAttributes", attributes(message.attributes()));
        }
        return GSON.toJson(body);
    }

    /** Attributes as SNS renders them in envelopes: {@code {"name":{"Type":"String","Value":"..."}}}. */
    static Map<String, Object> attributes(Map<String, MessageAttribute> attributes) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        attributes.forEach((name, attribute) -> {
            Map<String, String> value = new LinkedHashMap<>();
            value.put("Type", attribute.dataType());
            value.put("Value", attribute.value());
            rendered.put(name, value);
        });
        return rendered;
    }
}
