package io.wschat.local.management;

import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * Recognises AWS Signature Version 4 requests (an {@code Authorization: AWS4-HMAC-SHA256 Credential=...} header or
 * a presigned URL) and reads the access key id. Signatures are not verified: the credentials are local dummies.
 */
final class SigV4 {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private SigV4() {
    }

    /** The access key id of a signed request, or empty when the request is not signed. */
    static Optional<String> accessKeyId(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null && authorization.startsWith(ALGORITHM)) {
            int credential = authorization.indexOf("Credential=");
            if (credential < 0) {
                return Optional.empty();
            }
            int start = credential + "Credential=".length();
            int end = authorization.indexOf('/', start);
            return end > start ? Optional.of(authorization.substring(start, end)) : Optional.empty();
        }
        Fields query = Request.extractQueryParameters(request);
        String presigned = query.getValue("X-Amz-Credential");
        if (ALGORITHM.equals(query.getValue("X-Amz-Algorithm")) && presigned != null && presigned.contains("/")) {
            return Optional.of(presigned.substring(0, presigned.indexOf('/')));
        }
        return Optional.empty();
    }
}
