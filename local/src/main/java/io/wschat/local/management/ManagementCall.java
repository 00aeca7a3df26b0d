package io.wschat.local.management;

/**
 * One request to the management API and its answer, with the access key id that signed it.
 *
 * @param status {@link #NO_ANSWER} when the call was held without an answer (an injected hang)
 * @param fault  the injected fault that produced the answer ({@code post.429}, ...), or null for a real answer
 */
public record ManagementCall(String method, String connectionId, int status, String accessKeyId, int bytes,
        String fault) {

    /** The status of a call that got no answer. */
    public static final int NO_ANSWER = 0;

    public ManagementCall(String method, String connectionId, int status, String accessKeyId, int bytes) {
        this(method, connectionId, status, accessKeyId, bytes, null);
    }

    public boolean injected() {
        return fault != null;
    }
}
