package io.wschat.shared;

/** The outcome of posting a frame to one connection. */
public enum Delivery {
    /** API Gateway accepted the frame (delivery to the client is still at most once). */
    DELIVERED,
    /** The connection is closed; its row has been removed from the store. */
    GONE,
    /** Every attempt failed, or the failure was not worth retrying. */
    FAILED,
    /** Every attempt failed, the last one answered 429 (throttled): failed, and counted apart in metrics. */
    THROTTLED
}
