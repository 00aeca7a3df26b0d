package io.wschat.local.faults;

import java.util.Arrays;
import java.util.Optional;

/** A fault the local stack can inject, named as in the {@code --faults} flag. */
public enum Fault {

    /** {@code POST /@connections/{id}} answers 410 {@code GoneException} and delivers nothing. */
    POST_GONE("post.410"),
    /** {@code POST /@connections/{id}} answers 429 {@code LimitExceededException} and delivers nothing. */
    POST_THROTTLED("post.429"),
    /** {@code POST /@connections/{id}} answers 500 and delivers nothing. */
    POST_ERROR("post.500"),
    /** {@code POST /@connections/{id}} is read, never answered and delivers nothing, until the caller gives up. */
    POST_HANG("post.hang"),
    /** SNS {@code Publish} answers 500 {@code InternalError}. */
    SNS_PUBLISH_ERROR("sns.publish"),
    /** SNS {@code Publish} answers 429 {@code Throttled}. */
    SNS_PUBLISH_THROTTLED("sns.publish.429"),
    /** A delivery attempt to an SNS subscriber fails as if the subscriber were down; the delivery policy retries. */
    SNS_DELIVERY("sns.delivery");

    private final String key;

    Fault(String key) {
        this.key = key;
    }

    /** The name in the {@code --faults} flag, e.g. {@code post.429}. */
    public String key() {
        return key;
    }

    /** Whether it applies to management API posts, and so can be aimed at one connection. */
    public boolean isPost() {
        return key.startsWith("post.");
    }

    public static Optional<Fault> byKey(String key) {
        return Arrays.stream(values()).filter(fault -> fault.key.equals(key)).findFirst();
    }
}
