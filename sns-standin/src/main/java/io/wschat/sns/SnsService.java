package io.wschat.sns;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.wschat.local.access.BindAddress;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Topics, subscriptions and publishing: what the Query API operates on, validated like SNS. */
final class SnsService {

    static final int MAX_MESSAGE_BYTES = 256 * 1024;
    static final int MAX_BATCH_ENTRIES = 10;
    /** A batch entry's id: up to 80 letters, digits, hyphens and underscores. */
    private static final Pattern BATCH_ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    static final int MAX_MESSAGE_ATTRIBUTES = 10;

    private static final System.Logger LOG = System.getLogger(SnsService.class.getName());
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final int MAX_SUBJECT_LENGTH = 100;

    private final String region;
    private final String accountId;
    private final URI endpoint;
    private final HttpDelivery delivery;
    private final Consumer<PublishedMessage> onPublish;
    private final boolean allowRemoteEndpoints;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();

    /** @param allowRemoteEndpoints whether subscriptions may deliver to hosts other than this machine */
    SnsService(String region, String accountId, URI endpoint, HttpDelivery delivery,
            Consumer<PublishedMessage> onPublish, boolean allowRemoteEndpoints) {
        this.allowRemoteEndpoints = allowRemoteEndpoints;
        this.region = region;
        this.accountId = accountId;
        this.endpoint = endpoint;
        this.delivery = delivery;
        this.onPublish = onPublish;
    }

    String topicArn(String name) {
        return "arn:aws:sns:" + region + ":" + accountId + ":" + name;
    }

    synchronized String createTopic(String name) {
        if (name == null || !TOPIC_NAME.matcher(name).matches()) {
            throw SnsErrorException.invalidParameter(
                    "Topic Name: must be 1 to 256 letters, digits, hyphens or underscores");
        }
        String arn = topicArn(name);
        topics.computeIfAbsent(arn, key -> new Topic());
        return arn;
    }

    synchronized void deleteTopic(String topicArn) {
        checkArn(topicArn, "TopicArn");
        Topic topic = topics.remove(topicArn);
        if (topic != null) {
            topic.subscriptions.values().forEach(this::remove);
        }
    }

    synchronized List<String> topicArns() {
        return List.copyOf(topics.keySet());
    }

    synchronized Map<String, String> topicAttributes(String topicArn) {
        Topic topic = topic(topicArn);
        long confirmed = topic.subscriptions.values().stream().filter(Subscription::confirmed).count();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("TopicArn", topicArn);
        attributes.put("Owner", accountId);
        attributes.put("DisplayName", "");
        attributes.put("SubscriptionsConfirmed", Long.toString(confirmed));
        attributes.put("SubscriptionsPending", Long.toString(topic.subscriptions.size() - confirmed));
        attributes.put("SubscriptionsDeleted", Long.toString(topic.deleted));
        return attributes;
    }

    /**
     * Subscribes an HTTP/HTTPS endpoint and sends it a {@code SubscriptionConfirmation}. Subscribing the same
     * endpoint again returns the existing subscription, as SNS does.
     */
    synchronized Subscription subscribe(String topicArn, String protocol, String endpointText,
            Map<String, String> attributes) {
        Topic topic = topic(topicArn);
        if (protocol == null || protocol.isEmpty()) {
            throw SnsErrorException.invalidParameter("Protocol");
        }
        if (!protocol.equals("http") && !protocol.equals("https")) {
            throw SnsErrorException.invalidParameter(
                    "Protocol: the local SNS stand-in delivers to http and https endpoints only, not " + protocol);
        }
        URI target = httpEndpoint(protocol, endpointText);
        if (!allowRemoteEndpoints && !BindAddress.isLoopbackLiteral(target.getHost())) {
            throw SnsErrorException.invalidParameter("Endpoint Reason: the local SNS stand-in delivers only to this "
                    + "machine (localhost, 127.x.x.x, [::1]), not to " + target.getHost()
                    + "; start it with --sns-allow-remote-endpoints to allow other hosts");
        }
        for (Subscription existing : topic.subscriptions.values()) {
            if (existing.protocol().equals(protocol) && existing.endpoint().equals(target)) {
                Map<String, String> current = existing.attributes();
                attributes.forEach((name, value) -> {
                    if (!value.equals(current.getOrDefault(name, defaultAttribute(name)))) {
                        throw SnsErrorException.invalidParameter(
                                "Attributes Reason: Subscription already exists with different attributes");
                    }
                });
                if (!existing.confirmed()) {
                    sendConfirmation(existing);
                }
                return existing;
            }
        }
        String arn = topicArn + ":" + UUID.randomUUID();
        Subscription subscription = new Subscription(arn, topicArn, protocol, target, accountId, newToken(),
                newToken(), delivery.newQueue(arn, target));
        if (attributes.containsKey("FilterPolicyScope")) {
            subscription.setAttribute("FilterPolicyScope", attributes.get("FilterPolicyScope"));
        }
        attributes.forEach((name, value) -> {
            if (!name.equals("FilterPolicyScope")) {
                subscription.setAttribute(name, value);
            }
        });
        topic.subscriptions.put(arn, subscription);
        subscriptions.put(arn, subscription);
        sendConfirmation(subscription);
        return subscription;
    }

    private static String defaultAttribute(String name) {
        switch (name) {
            case "RawMessageDelivery":
                return "false";
            case "FilterPolicyScope":
                return FilterPolicy.Scope.MESSAGE_ATTRIBUTES.wireName();
            default:
                return "";
        }
    }

    synchronized Subscription confirmSubscription(String topicArn, String token) {
        Topic topic = topic(topicArn);
        if (token == null || token.isEmpty()) {
            throw SnsErrorException.invalidParameter("Token");
        }
        for (Subscription subscription : topic.subscriptions.values()) {
            if (subscription.token().equals(token)) {
                subscription.confirm();
                LOG.log(Level.DEBUG, "sns subscription confirmed subscription={0}", subscription.arn());
                return subscription;
            }
        }
        throw SnsErrorException.invalidParameter("Token");
    }

    synchronized void unsubscribe(String subscriptionArn) {
        checkArn(subscriptionArn, "SubscriptionArn");
        Subscription subscription = subscriptions.get(subscriptionArn);
        if (subscription == null) {
            throw SnsErrorException.notFound("Subscription does not exist");
        }
        Topic topic = topics.get(subscription.topicArn());
        if (topic != null) {
            topic.subscriptions.remove(subscriptionArn);
            topic.deleted++;
        }
        remove(subscription);
    }

    /** Unsubscribes through the UnsubscribeURL link, which must carry the token that was sent with it. */
    synchronized void unsubscribe(String subscriptionArn, String token) {
        Subscription subscription = subscription(subscriptionArn);
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                subscription.unsubscribeToken().getBytes(StandardCharsets.UTF_8))) {
            throw SnsErrorException.invalidParameter("Token");
        }
        unsubscribe(subscriptionArn);
    }

    synchronized List<Subscription> subscriptionsByTopic(String topicArn) {
        return List.copyOf(topic(topicArn).subscriptions.values());
    }

    synchronized List<Subscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    synchronized Subscription subscription(String subscriptionArn) {
        checkArn(subscriptionArn, "SubscriptionArn");
        return existing(subscriptions.get(subscriptionArn), "Subscription does not exist");
    }

    /**
     * Accepts a message and queues it for every confirmed subscription whose filter policy lets it through,
     * which the returned message names as its recipients. Returns as soon as it is queued: subscribers never
     * delay or fail the publisher.
     */
    PublishedMessage publish(String topicArn, Optional<String> subject, String message,
            Optional<String> messageStructure, Map<String, MessageAttribute> attributes) {
        List<Subscription> targets;
        synchronized (this) {
            targets = List.copyOf(topic(topicArn).subscriptions.values());
        }
        validateMessage(message, messageStructure);
        subject.ifPresent(SnsService::validateSubject);
        validateAttributes(attributes);
        if (size(message, attributes) > MAX_MESSAGE_BYTES) {
            throw SnsErrorException.invalidParameter("Message too long");
        }
        PublishedMessage accepted = new PublishedMessage(UUID.randomUUID().toString(), topicArn, subject, message,
                messageStructure, attributes, Instant.now(), List.of());
        Map<Subscription, String> texts = new LinkedHashMap<>();
        for (Subscription subscription : targets) {
            if (!subscription.confirmed()) {
                continue;
            }
            String text = messageFor(accepted, subscription.protocol());
            if (subscription.accepts(accepted, text)) {
                texts.put(subscription, text);
            }
        }
        PublishedMessage published = accepted.withRecipients(texts.keySet().stream().map(Subscription::arn).toList());
        texts.forEach((subscription, text) -> subscription.queue().offer(notification(subscription, published, text)));
        onPublish.accept(published);
        return published;
    }

    /** One entry of a {@code PublishBatch}: its batch-local {@code Id} and what {@link #publish} takes. */
    record BatchEntry(String id, Optional<String> subject, String message, Optional<String> messageStructure,
            Map<String, MessageAttribute> attributes) {
    }

    /**
     * The outcome of a {@code PublishBatch}: the message id of each entry SNS accepted, and the error of each it did
     * not, both by entry id in the request's order.
     */
    record BatchResult(Map<String, String> successful, Map<String, SnsErrorException> failed) {
    }

    /**
     * Publishes up to {@value #MAX_BATCH_ENTRIES} messages as {@link #publish} does, each on its own: an entry that
     * {@code Publish} would refuse fails alone. The batch as a whole is refused when it is empty or too long, when an
     * id is missing, malformed or repeated, and when the topic does not exist.
     */
    BatchResult publishBatch(String topicArn, List<BatchEntry> entries) {
        if (entries.isEmpty()) {
            throw new SnsErrorException(400, "EmptyBatchRequest", "The batch request doesn't contain any entries.");
        }
        if (entries.size() > MAX_BATCH_ENTRIES) {
            throw new SnsErrorException(400, "TooManyEntriesInBatchRequest",
                    "The batch request contains more entries than permissible.");
        }
        Set<String> ids = new HashSet<>();
        long bytes = 0;
        for (BatchEntry entry : entries) {
            if (entry.id() == null || !BATCH_ENTRY_ID.matcher(entry.id()).matches()) {
                throw new SnsErrorException(400, "InvalidBatchEntryId",
                        "The Id of a batch entry in a batch request doesn't abide by the specification.");
            }
            if (!ids.add(entry.id())) {
                throw new SnsErrorException(400, "BatchEntryIdsNotDistinct",
                        "Two or more batch entries in the request have the same Id.");
            }
            bytes += entry.message() == null ? 0 : size(entry.message(), entry.attributes());
        }
        if (bytes > MAX_MESSAGE_BYTES) {
            throw new SnsErrorException(400, "BatchRequestTooLong",
                    "The length of all the messages put together is more than the limit.");
        }
        synchronized (this) {
            topic(topicArn);
        }
        Map<String, String> successful = new LinkedHashMap<>();
        Map<String, SnsErrorException> failed = new LinkedHashMap<>();
        for (BatchEntry entry : entries) {
            try {
                successful.put(entry.id(), publish(topicArn, entry.subject(), entry.message(),
                        entry.messageStructure(), entry.attributes()).messageId());
            } catch (SnsErrorException e) {
                failed.put(entry.id(), e);
            }
        }
        return new BatchResult(successful, failed);
    }

    private void sendConfirmation(Subscription subscription) {
        String messageId = UUID.randomUUID().toString();
        String subscribeUrl = endpoint + "/?Action=ConfirmSubscription&TopicArn="
                + encode(subscription.topicArn()) + "&Token=" + subscription.token();
        String body = SnsEnvelope.subscriptionConfirmation(messageId, subscription.token(), subscription.topicArn(),
                subscribeUrl, Instant.now(), signingCertUrl());
        HttpRequest request = request(subscription, "SubscriptionConfirmation", messageId, body).build();
        subscription.queue().offer(new SubscriberQueue.Delivery(messageId, "SubscriptionConfirmation", request));
    }

    private SubscriberQueue.Delivery notification(Subscription subscription, PublishedMessage message, String text) {
        String body = subscription.rawMessageDelivery()
                ? text
                : SnsEnvelope.notification(message, text, signingCertUrl(), unsubscribeUrl(subscription));
        HttpRequest.Builder request = request(subscription, "Notification", message.messageId(), body)
                .header("x-amz-sns-subscription-arn", subscription.arn());
        if (subscription.rawMessageDelivery()) {
            request.header("x-amz-sns-rawdelivery", "true");
        }
        return new SubscriberQueue.Delivery(message.messageId(), "Notification", request.build());
    }

    /** A POST of {@code body} to the subscriber, with the headers every message of {@code type} carries. */
    private HttpRequest.Builder request(Subscription subscription, String type, String messageId, String body) {
        return HttpRequest.newBuilder(subscription.endpoint())
                .timeout(delivery.policy().requestTimeout())
                .header("Content-Type", "text/plain; charset=UTF-8")
                .header("User-Agent", "Amazon Simple Notification Service Agent")
                .header("x-amz-sns-message-type", type)
                .header("x-amz-sns-message-id", messageId)
                .header("x-amz-sns-topic-arn", subscription.topicArn())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private String signingCertUrl() {
        return endpoint + "/SimpleNotificationService-local.pem";
    }

    private String unsubscribeUrl(Subscription subscription) {
        return endpoint + "/?Action=Unsubscribe&SubscriptionArn=" + encode(subscription.arn()) + "&Token="
                + subscription.unsubscribeToken();
    }

    private void remove(Subscription subscription) {
        subscriptions.remove(subscription.arn());
        subscription.queue().stop();
    }

    private Topic topic(String topicArn) {
        checkArn(topicArn, "TopicArn");
        return existing(topics.get(topicArn), "Topic does not exist");
    }

    private static <T> T existing(T found, String notFoundMessage) {
        if (found == null) {
            throw SnsErrorException.notFound(notFoundMessage);
        }
        return found;
    }

    private static void checkArn(String arn, String parameter) {
        if (arn == null || arn.isEmpty()) {
            throw SnsErrorException.invalidParameter(parameter + " Reason: no value for required parameter");
        }
        String[] parts = arn.split(":", -1);
        if (parts.length < 6 || !parts[0].equals("arn") || !parts[2].equals("sns")) {
            throw SnsErrorException.invalidParameter(parameter);
        }
    }

    private static URI httpEndpoint(String protocol, String endpointText) {
        if (endpointText == null || endpointText.isEmpty()) {
            throw SnsErrorException.invalidParameter("Endpoint Reason: no value for required parameter");
        }
        try {
            URI uri = URI.create(endpointText);
            if (!protocol.equals(uri.getScheme()) || uri.getHost() == null) {
                throw SnsErrorException.invalidParameter("Endpoint must match the specified protocol");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw SnsErrorException.invalidParameter("Endpoint");
        }
    }

    private static void validateMessage(String message, Optional<String> structure) {
        if (message == null || message.isEmpty()) {
            throw SnsErrorException.invalidParameter("Empty message");
        }
        if (structure.isEmpty()) {
            return;
        }
        if (!structure.get().equals("json")) {
            throw SnsErrorException.invalidParameter("MessageStructure");
        }
        try {
            JsonElement parsed = JsonParser.parseString(message);
            if (!parsed.isJsonObject()) {
                throw SnsErrorException.invalidParameter("Message Structure - JSON message body failed to parse");
            }
            JsonElement fallback = parsed.getAsJsonObject().get("default");
            if (fallback == null || !fallback.isJsonPrimitive()) {
                throw SnsErrorException.invalidParameter("Message Structure - No default entry in JSON message body");
            }
        } catch (JsonParseException e) {
            throw SnsErrorException.invalidParameter("Message Structure - JSON message body failed to parse");
        }
    }

    private static void validateSubject(String subject) {
        boolean printable = subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT_LENGTH || !printable) {
            throw SnsErrorException.invalidParameter("Subject");
        }
    }

    private static void validateAttributes(Map<String, MessageAttribute> attributes) {
        if (attributes.size() > MAX_MESSAGE_ATTRIBUTES) {
            throw SnsErrorException.invalidParameter("Number of message attributes [" + attributes.size()
                    + "] exceeds the allowed maximum [" + MAX_MESSAGE_ATTRIBUTES + "].");
        }
        attributes.forEach((name, attribute) -> {
            if (name.isEmpty() || name.length() > 256 || name.startsWith("AWS.") || name.startsWith("Amazon.")
                    || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
                throw SnsErrorException.invalidParameterValue("The message attribute name '" + name + "' is invalid.");
            }
            if (attribute.dataType().isEmpty()) {
                throw SnsErrorException.invalidParameterValue(
                        "The message attribute '" + name + "' must contain non-empty message attribute type.");
            }
            String base = attribute.baseType();
            if (!List.of("String", "Number", "Binary", "String.Array").contains(base)) {
                throw SnsErrorException.invalidParameterValue("The message attribute '" + name
                        + "' has an invalid message attribute type, the set of supported type prefixes is Binary,"
                        + " Number, and String.");
            }
            if (attribute.value().isEmpty()) {
                throw SnsErrorException.invalidParameterValue("The message attribute '" + name
                        + "' must contain non-empty message attribute value for message attribute type '" + base + "'.");
            }
            checkValue(name, base, attribute.value());
        });
    }

    private static void checkValue(String name, String base, String value) {
        switch (base) {
            case "Number" -> requireValue(decodes(BigDecimal::new, value),
                    "Could not cast message attribute '" + name + "' value to number.");
            case "String.Array" -> requireValue(decodes(v -> JsonParser.parseString(v).getAsJsonArray(), value),
                    "The message attribute '" + name + "' with type 'String.Array' must be a JSON array.");
            case "Binary" -> requireValue(decodes(Base64.getDecoder()::decode, value),
                    "The message attribute '" + name + "' with type 'Binary' must be base64 encoded.");
            default -> {
            }
        }
    }

    private static void requireValue(boolean valid, String message) {
        if (!valid) {
            throw SnsErrorException.invalidParameterValue(message);
        }
    }

    /**
     * Whether the decoder reads the value: the number and base64 decoders refuse with an argument exception, Gson
     * with a parse exception, or a state exception when the value is JSON but not an array.
     */
    private static boolean decodes(Consumer<String> decoder, String value) {
        try {
            decoder.accept(value);
            return true;
        } catch (IllegalArgumentException | IllegalStateException | JsonParseException e) {
            return false;
        }
    }

    private static long size(String message, Map<String, MessageAttribute> attributes) {
        long size = utf8Length(message);
        for (Map.Entry<String, MessageAttribute> entry : attributes.entrySet()) {
            MessageAttribute attribute = entry.getValue();
            size += utf8Length(entry.getKey()) + utf8Length(attribute.dataType());
            size += attribute.baseType().equals("Binary")
                    ? Base64.getDecoder().decode(attribute.value()).length
                    : utf8Length(attribute.value());
        }
        return size;
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** With {@code MessageStructure=json} each protocol gets its own entry, or {@code default}. */
    private static String messageFor(PublishedMessage message, String protocol) {
        if (message.messageStructure().isEmpty()) {
            return message.message();
        }
        var perProtocol = JsonParser.parseString(message.message()).getAsJsonObject();
        JsonElement specific = perProtocol.get(protocol);
        JsonElement chosen = specific != null && specific.isJsonPrimitive() ? specific : perProtocol.get("default");
        return chosen.getAsString();
    }

    private String newToken() {
        byte[] bytes = new byte[64];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** What hangs off a topic; its ARN is the key it is stored under. */
    private static final class Topic {
        final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        long deleted;
    }
}
