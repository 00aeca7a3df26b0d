package io.wschat.local.lambda;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands each handler instance its own dummy access key id and finds the instance again from the key in a
 * SigV4-signed request, so a management API call counts for the invocation that made it.
 */
final class AccessKeys {

    /** A handler instance and the function it belongs to. */
    record Owner(String functionLogicalId, HandlerInstance instance) {
    }

    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Owner> owners = new ConcurrentHashMap<>();

    String next() {
        return String.format("ASIALOCAL%011d", sequence.incrementAndGet());
    }

    void register(String accessKeyId, String functionLogicalId, HandlerInstance instance) {
        owners.put(accessKeyId, new Owner(functionLogicalId, instance));
    }

    /** Forgets a discarded instance and releases its resources. */
    void forget(String accessKeyId) {
        Owner owner = owners.remove(accessKeyId);
        if (owner != null) {
            owner.instance().close();
        }
    }

    /** Releases every instance, at shutdown. */
    void closeAll() {
        owners.keySet().forEach(this::forget);
    }

    Optional<Owner> owner(String accessKeyId) {
        return accessKeyId == null ? Optional.empty() : Optional.ofNullable(owners.get(accessKeyId));
    }
}
