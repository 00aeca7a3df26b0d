package io.wschat.local;

import java.util.ArrayList;
import java.util.List;

/**
 * What the local stack lets in beyond its safe defaults: browser origins besides its own page, management API
 * signatures made with keys it did not hand out, SNS subscriptions to endpoints on other hosts.
 *
 * @param allowedOrigins          {@code --allow-origin}: further origins whose pages may open WebSocket connections
 * @param acceptAnySignature      {@code --accept-any-signature}: any well-formed SigV4 signature passes
 * @param snsAllowRemoteEndpoints {@code --sns-allow-remote-endpoints}: HTTP(S) subscriptions to non-loopback hosts
 */
public record AccessOptions(List<String> allowedOrigins, boolean acceptAnySignature,
        boolean snsAllowRemoteEndpoints) {

    public AccessOptions {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public static AccessOptions defaults() {
        return new AccessOptions(List.of(), false, false);
    }

    public AccessOptions withAllowedOrigin(String origin) {
        List<String> origins = new ArrayList<>(allowedOrigins);
        origins.add(origin);
        return new AccessOptions(origins, acceptAnySignature, snsAllowRemoteEndpoints);
    }

    public AccessOptions withAcceptAnySignature(boolean value) {
        return new AccessOptions(allowedOrigins, value, snsAllowRemoteEndpoints);
    }

    public AccessOptions withSnsAllowRemoteEndpoints(boolean value) {
        return new AccessOptions(allowedOrigins, acceptAnySignature, value);
    }
}
