package io.wschat.connect.auth;

import java.util.Map;

/** {@code AUTH_MODE=none}: trusts the {@code name} query parameter; for local development only. */
final class AnonymousAuthenticator implements Authenticator {

    static final String NAME_PARAMETER = "name";

    @Override
    public Identity authenticate(Map<String, String> queryStringParameters, Map<String, String> headers) {
        String name = queryStringParameters == null ? null : queryStringParameters.get(NAME_PARAMETER);
        return Identity.anonymous(name);
    }
}
