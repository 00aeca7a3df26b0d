package io.wschat.shared;

import java.util.List;
import java.util.Objects;

/**
 * What one broadcast achieved.
 *
 * @param delivered           recipients API Gateway accepted the frame for
 * @param gone                recipients that had disconnected (their rows were removed)
 * @param failedConnectionIds recipients still failing after every attempt, or failing in a way not worth retrying
 * @param throttled           how many of the failed ones were answered 429 to their last attempt
 */
public record BroadcastResult(int delivered, int gone, List<String> failedConnectionIds, int throttled) {

    public BroadcastResult {
        failedConnectionIds = List.copyOf(Objects.requireNonNull(failedConnectionIds, "failedConnectionIds"));
        if (throttled < 0 || throttled > failedConnectionIds.size()) {
            throw new IllegalArgumentException("throttled must be between 0 and the failed count, was " + throttled);
        }
    }

    /** Nothing throttled. */
    public BroadcastResult(int delivered, int gone, List<String> failedConnectionIds) {
        this(delivered, gone, failedConnectionIds, 0);
    }

    public int failed() {
        return failedConnectionIds.size();
    }

    public int attempted() {
        return delivered + gone + failed();
    }
}
