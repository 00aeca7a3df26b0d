package io.wschat.sns;

import java.net.URI;
import java.util.Optional;

/**
 * The hook fault injection plugs into: asked before every API call and before every delivery attempt.
 * Implementations must be thread-safe and fast; they may change their answers at run time.
 */
public interface Faults {

    /** Never injects anything. */
    Faults NONE = new Faults() {};

    /**
     * An error to answer an API call with instead of serving it, e.g. {@code Publish} failing with
     * {@link SnsFault#internalError()}.
     *
     * @param topicArn the call's {@code TopicArn} (or {@code TargetArn}), empty when it has none
     */
    default Optional<SnsFault> onRequest(String action, Optional<String> topicArn) {
        return Optional.empty();
    }

    /**
     * Whether this delivery attempt fails as if the subscriber were unreachable; the delivery policy
     * then retries as it would for a real failure.
     */
    default boolean failDelivery(String subscriptionArn, URI endpoint) {
        return false;
    }
}
