package io.wschat.shared;

import java.util.List;
import java.util.Objects;

/**
 * What one broadcast achieved.
 *
 * @param delivered           recipients API Gateway accepted the frame for
 * @param gone                recipients that had disconnected (their rows were removed)
 * @param failedConnectionIds recipients still failing after every attempt, or failing in a way not worth retrying
 */
public record BroadcastResult(int delivered, int gone, List<String> failedConnectionIds) {

    public BroadcastResult {
        failedConnectionIds = List.copyOf(Objects.requireNonNull(failedConnectionIds, "failedConnectionIds"));
    }

    public int failed() {
        return failedConnectionIds.size();
    }

    public int attempted() {
        return delivered + gone + failed();
    }
}
