package io.wschat.connect.auth;

import java.util.Map;

/** Finds the token of a {@code $connect} request: {@code Authorization: Bearer}, else the {@code token} parameter. */
final class BearerToken {

    static final String QUERY_PARAMETER = "token";
    private static final String HEADER = "Authorization";
    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    /** The token, or null when the request carries none. */
    static String find(Map<String, String> queryStringParameters, Map<String, String> headers) {
        String fromHeader = fromAuthorization(header(headers));
        if (fromHeader != null) {
            return fromHeader;
        }
        return queryStringParameters == null ? null : nonBlank(queryStringParameters.get(QUERY_PARAMETER));
    }

    private static String header(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        // API Gateway keeps the client's header case; HTTP/2 clients send it in lower case.
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (HEADER.equalsIgnoreCase(entry.getKey())) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String fromAuthorization(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (!trimmed.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        return nonBlank(trimmed.substring(SCHEME.length()));
    }

    private static String nonBlank(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
