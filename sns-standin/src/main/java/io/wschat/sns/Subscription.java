package io.wschat.sns;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One HTTP/HTTPS subscription to a topic: its state, its attributes and its delivery queue. */
final class Subscription {

    /** The subscription's filter policy as set, with the scope it was parsed for. */
    record Filter(String json, FilterPolicy policy) {}

    private final String arn;
    private final String topicArn;
    private final String protocol;
    private final URI endpoint;
    private final String owner;
    private final String token;
    private final String unsubscribeToken;
    private final SubscriberQueue queue;
    private volatile boolean confirmed;
    private volatile FilterPolicy.Scope filterScope = FilterPolicy.Scope.MESSAGE_ATTRIBUTES;
    private volatile Optional<Filter> filter = Optional.empty();
    private volatile boolean rawMessageDelivery;
    private final Map<String, String> passiveAttributes = new LinkedHashMap<>();

    Subscription(String arn, String topicArn, String protocol, URI endpoint, String owner, String token,
            String unsubscribeToken, SubscriberQueue queue) {
        this.arn = arn;
        this.topicArn = topicArn;
        this.protocol = protocol;
        this.endpoint = endpoint;
        this.owner = owner;
        this.token = token;
        this.unsubscribeToken = unsubscribeToken;
        this.queue = queue;
    }

    String arn() {
        return arn;
    }

    String topicArn() {
        return topicArn;
    }

    String protocol() {
        return protocol;
    }

    URI endpoint() {
        return endpoint;
    }

    String owner() {
        return owner;
    }

    String token() {
        return token;
    }

    /** The secret in this subscription's UnsubscribeURL: only the subscriber, who received it, can use the link. */
    String unsubscribeToken() {
        return unsubscribeToken;
    }

    SubscriberQueue queue() {
        return queue;
    }

    boolean confirmed() {
        return confirmed;
    }

    void confirm() {
        confirmed = true;
    }

    boolean rawMessageDelivery() {
        return rawMessageDelivery;
    }

    Optional<Filter> filter() {
        return filter;
    }

    /** The ARN as list calls show it: {@code PendingConfirmation} until confirmed. */
    String listedArn() {
        return confirmed ? arn : "PendingConfirmation";
    }

    boolean accepts(PublishedMessage message, String body) {
        return filter.map(f -> f.policy().matches(message.attributes(), body)).orElse(true);
    }

    /**
     * Sets one attribute as {@code Subscribe} or {@code SetSubscriptionAttributes} would.
     *
     * @throws SnsErrorException {@code InvalidParameter} for unknown attributes or bad values
     */
    synchronized void setAttribute(String name, String value) {
        switch (name) {
            case "FilterPolicy":
                filter = value.isBlank()
                        ? Optional.empty()
                        : Optional.of(new Filter(value, FilterPolicy.parse(value, filterScope)));
                break;
            case "FilterPolicyScope": {
                FilterPolicy.Scope scope = FilterPolicy.Scope.fromWireName(value);
                Optional<Filter> current = filter;
                if (current.isPresent()) {
                    filter = Optional.of(new Filter(current.get().json(), FilterPolicy.parse(current.get().json(), scope)));
                }
                filterScope = scope;
                break;
            }
            case "RawMessageDelivery":
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw SnsErrorException.invalidParameter("Attributes Reason: RawMessageDelivery: Invalid value ["
                            + value + "]. Must be true or false.");
                }
                rawMessageDelivery = Boolean.parseBoolean(value);
                break;
            case "DeliveryPolicy":
            case "RedrivePolicy":
            case "SubscriptionRoleArn":
                // Accepted and reported back so templates work; the stand-in uses its own delivery policy.
                passiveAttributes.put(name, value);
                break;
            default:
                throw SnsErrorException.invalidParameter("AttributeName");
        }
    }

    /** The attributes {@code GetSubscriptionAttributes} returns. */
    synchronized Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("Owner", owner);
        attributes.put("RawMessageDelivery", Boolean.toString(rawMessageDelivery));
        attributes.put("TopicArn", topicArn);
        attributes.put("Endpoint", endpoint.toString());
        attributes.put("Protocol", protocol);
        attributes.put("PendingConfirmation", Boolean.toString(!confirmed));
        attributes.put("ConfirmationWasAuthenticated", Boolean.toString(confirmed));
        attributes.put("SubscriptionArn", arn);
        filter.ifPresent(f -> {
            attributes.put("FilterPolicy", f.json());
            attributes.put("FilterPolicyScope", filterScope.wireName());
        });
        attributes.putAll(passiveAttributes);
        return attributes;
    }
}
