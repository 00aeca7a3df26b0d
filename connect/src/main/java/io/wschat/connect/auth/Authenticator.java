package io.wschat.connect.auth;

import java.util.Map;

/** Establishes the {@link Identity} of a WebSocket client on {@code $connect}. */
public interface Authenticator {

    /**
     * Authenticates a {@code $connect} request.
     *
     * @param queryStringParameters the event's query string parameters; may be null
     * @param headers               the event's headers (names in any case); may be null
     * @return the caller's identity, never null
     * @throws AuthenticationException when the request must be rejected, with the status to return
     */
    Identity authenticate(Map<String, String> queryStringParameters, Map<String, String> headers)
            throws AuthenticationException;

    /**
     * Builds the authenticator configured by {@code AUTH_MODE} and friends (see {@link AuthConfig}), where
     * {@code JWT_SECRET_ARN} cannot be read (give {@code JWT_SECRET}).
     *
     * @throws IllegalArgumentException when the configuration is invalid; the message never contains the secret
     */
    static Authenticator fromConfig(Map<String, String> env) {
        return create(AuthConfig.from(env));
    }

    /**
     * Builds the authenticator configured by {@code AUTH_MODE} and friends, reading the secret that
     * {@code JWT_SECRET_ARN} names through {@code secrets} (once, now).
     *
     * @throws IllegalArgumentException when the configuration is invalid; the message never contains the secret
     * @throws SecretReadException      when the secret cannot be read
     */
    static Authenticator fromConfig(Map<String, String> env, SecretReader secrets) {
        return create(AuthConfig.from(env, secrets));
    }

    /** Builds the authenticator for a parsed configuration. */
    static Authenticator create(AuthConfig config) {
        return switch (config.mode()) {
            case NONE -> new AnonymousAuthenticator();
            case HS256 -> JwtAuthenticator.hs256(config, java.time.Clock.systemUTC());
            case JWKS -> JwtAuthenticator.jwks(config, java.time.Clock.systemUTC());
        };
    }
}
