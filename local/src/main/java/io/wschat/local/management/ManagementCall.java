package io.wschat.local.management;

/** One request to the management API and its answer, with the access key id that signed it. */
public record ManagementCall(String method, String connectionId, int status, String accessKeyId, int bytes) {
}
