package io.wschat.sns;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/HTTPS subscription to a topic: where it delivers, its delivery queue and its settings.
 *
 * @param unsubscribeToken the secret in this subscription's UnsubscribeURL: only the subscriber, who received it,
 *     can use the link
 */
record Subscription(String arn, String topicArn, String protocol, URI endpoint, String owner, String token,
        String unsubscribeToken, SubscriberQueue queue, Settings settings) {

    /** The subscription's filter policy as set, with the scope it was parsed for. */
    record Filter(String json, FilterPolicy policy) {}

    /** What {@code ConfirmSubscription} and the subscription attributes change. */
    static final class Settings {
        private volatile boolean confirmed;
        private volatile FilterPolicy.Scope filterScope = FilterPolicy.Scope.MESSAGE_ATTRIBUTES;
        private volatile Optional<Filter> filter = Optional.empty();
        private volatile boolean rawMessageDelivery;
        private final Map<String, String> passiveAttributes = new LinkedHashMap<>();
    }

    /** A new subscription, pending confirmation, with the default settings. */
    Subscription(String arn, String topicArn, String protocol, URI endpoint, String owner, String token,
            String unsubscribeToken, SubscriberQueue queue) {
        this(arn, topicArn, protocol, endpoint, owner, token, unsubscribeToken, queue, new Settings());
    }

    boolean confirmed() {
        return settings.confirmed;
    }

    void confirm() {
        settings.confirmed = true;
    }

    boolean rawMessageDelivery() {
        return settings.rawMessageDelivery;
    }

    Optional<Filter> filter() {
        return settings.filter;
    }

    /** The ARN as list calls show it: {@code PendingConfirmation} until confirmed. */
    String listedArn() {
        return confirmed() ? arn : "PendingConfirmation";
    }

    boolean accepts(PublishedMessage message, String body) {
        return filter().map(f -> f.policy().matches(message.attributes(), body)).orElse(true);
    }

    /**
     * Sets one attribute as {@code Subscribe} or {@code SetSubscriptionAttributes} would.
     *
     * @throws SnsErrorException {@code InvalidParameter} for unknown attributes or bad values
     */
    void setAttribute(String name, String value) {
        synchronized (settings) {
            set(name, value);
        }
    }

    private void set(String name, String value) {
        switch (name) {
            case "FilterPolicy":
                settings.filter = value.isBlank()
                        ? Optional.empty()
                        : Optional.of(new Filter(value, FilterPolicy.parse(value, settings.filterScope)));
                break;
            case "FilterPolicyScope": {
                FilterPolicy.Scope scope = FilterPolicy.Scope.fromWireName(value);
                Optional<Filter> current = settings.filter;
                if (current.isPresent()) {
                    String json = current.get().json();
                    settings.filter = Optional.of(new Filter(json, FilterPolicy.parse(json, scope)));
                }
                settings.filterScope = scope;
                break;
            }
            case "RawMessageDelivery":
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw SnsErrorException.invalidParameter("Attributes Reason: RawMessageDelivery: Invalid value ["
                            + value + "]. Must be true or false.");
                }
                settings.rawMessageDelivery = Boolean.parseBoolean(value);
                break;
            case "DeliveryPolicy":
            case "RedrivePolicy":
            case "SubscriptionRoleArn":
                // Accepted and reported back so templates work; the stand-in uses its own delivery policy.
                settings.passiveAttributes.put(name, value);
                break;
            default:
                throw SnsErrorException.invalidParameter("AttributeName");
        }
    }

    /** The attributes {@code GetSubscriptionAttributes} returns. */
    Map<String, String> attributes() {
        synchronized (settings) {
            boolean confirmed = settings.confirmed;
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("Owner", owner);
            attributes.put("RawMessageDelivery", Boolean.toString(settings.rawMessageDelivery));
            attributes.put("TopicArn", topicArn);
            attributes.put("Endpoint", endpoint.toString());
            attributes.put("Protocol", protocol);
            attributes.put("PendingConfirmation", Boolean.toString(!confirmed));
            attributes.put("ConfirmationWasAuthenticated", Boolean.toString(confirmed));
            attributes.put("SubscriptionArn", arn);
            settings.filter.ifPresent(f -> {
                attributes.put("FilterPolicy", f.json());
                attributes.put("FilterPolicyScope", settings.filterScope.wireName());
            });
            attributes.putAll(settings.passiveAttributes);
            return attributes;
        }
    }

    /** Names the subscription only: its tokens are secrets. */
    @Override
    public String toString() {
        return "Subscription[" + arn + "]";
    }
}
