package io.wschat.connect.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Authentication settings read from a {@code Map<String,String>} (the Lambda environment, or the template's
 * values locally).
 *
 * <ul>
 *   <li>{@code AUTH_MODE}: {@code none} (default when absent, except inside Lambda), {@code hs256} or {@code jwks}</li>
 *   <li>{@code JWT_SECRET_ARN}: for {@code hs256}, the Secrets Manager secret (ARN or name) whose SecretString is
 *       the HMAC key, read once when the function starts; what the template deploys</li>
 *   <li>{@code JWT_SECRET}: for {@code hs256}, the HMAC key itself, for local runs and tests; when set,
 *       {@code JWT_SECRET_ARN} is not read. Either way at least 32 bytes of UTF-8</li>
 *   <li>{@code JWKS_URL}: key set URL for {@code jwks}; https, or http to a loopback address</li>
 *   <li>{@code JWT_ISSUER}: the exact {@code iss} required; required for {@code jwks}, optional for {@code hs256}</li>
 *   <li>{@code JWT_AUDIENCE}: comma-separated accepted values of {@code aud} (or, for access tokens without
 *       {@code aud}, of {@code client_id}); required for {@code jwks}, optional for {@code hs256}</li>
 *   <li>{@code JWT_TOKEN_USE}: {@code access} (default) or {@code id}: which kind of token is accepted; a token whose
 *       {@code token_use} claim (Cognito's) names the other kind is refused</li>
 *   <li>{@code JWT_MAX_AGE_SECONDS}: when set, tokens must carry {@code iat} and be at most this old</li>
 * </ul>
 *
 * <p>Use {@link #builder(Mode)} to build one in code.
 *
 * @param mode        how tokens are checked
 * @param secret      the HMAC secret, only in {@link Mode#HS256}; never printed by {@link #toString()}
 * @param jwksUrl     the key set URL, only in {@link Mode#JWKS}
 * @param issuer      required issuer, or null for any (never null in {@link Mode#JWKS})
 * @param audiences   accepted audiences, empty for any (never empty in {@link Mode#JWKS})
 * @param tokenUse    the kind of token accepted
 * @param maxTokenAge the greatest accepted age ({@code now - iat}), or null for no limit
 */
public record AuthConfig(Mode mode, String secret, URI jwksUrl, String issuer, Set<String> audiences,
        TokenUse tokenUse, Duration maxTokenAge) {

    /** The minimum HS256 secret length: the length of the HMAC-SHA256 output (RFC 7518 section 3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    /** How {@code $connect} requests are authenticated. */
    public enum Mode { NONE, HS256, JWKS }

    /** Which kind of token {@code $connect} accepts; Cognito names it in the {@code token_use} claim. */
    public enum TokenUse {
        /** OAuth access tokens: Cognito's carry {@code client_id} and no {@code aud}. */
        ACCESS("access"),
        /** OpenID Connect ID tokens: {@code aud} is the app client. */
        ID("id");

        private final String claim;

        TokenUse(String claim) {
            this.claim = claim;
        }

        /** The value of {@code token_use} in tokens of this kind. */
        public String claim() {
            return claim;
        }
    }

    public AuthConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(tokenUse, "tokenUse");
        audiences = audiences == null ? Set.of() : Set.copyOf(audiences);
        if (maxTokenAge != null && (maxTokenAge.isNegative() || maxTokenAge.isZero())) {
            throw new IllegalArgumentException("JWT_MAX_AGE_SECONDS must be a positive number of seconds");
        }
        if (mode == Mode.HS256) {
            if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("AUTH_MODE=hs256 needs a secret of at least " + MIN_SECRET_BYTES
                        + " bytes: JWT_SECRET_ARN naming one in Secrets Manager, or JWT_SECRET (local runs)");
            }
        }
        if (mode == Mode.JWKS) {
            checkJwksUrl(jwksUrl);
            // Without these, any token the key set's owner ever signed passes: tokens of every app client of a
            // Cognito pool, of every tenant of a shared identity provider.
            if (issuer == null || issuer.isBlank()) {
                throw new IllegalArgumentException("AUTH_MODE=jwks needs JWT_ISSUER (the exact iss of accepted "
                        + "tokens, e.g. https://cognito-idp.<region>.amazonaws.com/<pool id>)");
            }
            if (audiences.isEmpty()) {
                throw new IllegalArgumentException("AUTH_MODE=jwks needs JWT_AUDIENCE (the app client id, or the "
                        + "audience the identity provider puts in aud)");
            }
        }
    }

    /** A builder for {@code mode}, defaulting to access tokens, any issuer and audience, and no age limit. */
    public static Builder builder(Mode mode) {
        return new Builder(mode);
    }

    /**
     * Reads the settings; {@code JWT_SECRET_ARN} cannot be read this way (use {@link #from(Map, SecretReader)}).
     *
     * @throws IllegalArgumentException when a setting is missing or invalid
     */
    public static AuthConfig from(Map<String, String> env) {
        return from(env, SecretReader.unavailable());
    }

    /**
     * Reads the settings, and in {@code hs256} mode without {@code JWT_SECRET} the secret that
     * {@code JWT_SECRET_ARN} names, through {@code secrets}.
     *
     * @throws IllegalArgumentException when a setting is missing or invalid; the message never contains the secret
     * @throws SecretReadException      when the secret cannot be read
     */
    public static AuthConfig from(Map<String, String> env, SecretReader secrets) {
        Map<String, String> source = env == null ? Map.of() : env;
        Mode mode = parseMode(source);
        return builder(mode)
                .secret(mode == Mode.HS256 ? secret(source, secrets) : null)
                .jwksUrl(mode == Mode.JWKS ? parseUrl(trimToNull(source.get("JWKS_URL"))) : null)
                .issuer(trimToNull(source.get("JWT_ISSUER")))
                .audiences(parseList(source.get("JWT_AUDIENCE")))
                .tokenUse(parseTokenUse(trimToNull(source.get("JWT_TOKEN_USE"))))
                .maxTokenAge(parseMaxAge(trimToNull(source.get("JWT_MAX_AGE_SECONDS"))))
                .build();
    }

    private static Mode parseMode(Map<String, String> env) {
        String value = trimToNull(env.get("AUTH_MODE"));
        if (value == null) {
            // Off by default for local runs, but a deployed function must never be open by omission.
            if (trimToNull(env.get("AWS_LAMBDA_FUNCTION_NAME")) != null) {
                throw new IllegalArgumentException(
                        "AUTH_MODE must be set explicitly in Lambda: none, hs256 or jwks");
            }
            return Mode.NONE;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none" -> Mode.NONE;
            case "hs256" -> Mode.HS256;
            case "jwks" -> Mode.JWKS;
            default -> throw new IllegalArgumentException(
                    "AUTH_MODE must be none, hs256 or jwks, not '" + value + "'");
        };
    }

    private static String secret(Map<String, String> env, SecretReader secrets) {
        // The direct value wins: the template never sets it, the local runtime and tests do (next to the
        // template's JWT_SECRET_ARN, which names no secret locally).
        String direct = env.get("JWT_SECRET");
        if (direct != null && !direct.isEmpty()) {
            return direct;
        }
        String secretId = trimToNull(env.get("JWT_SECRET_ARN"));
        return secretId == null ? null : secrets.read(secretId);
    }

    private static TokenUse parseTokenUse(String value) {
        if (value == null) {
            return TokenUse.ACCESS;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "access" -> TokenUse.ACCESS;
            case "id" -> TokenUse.ID;
            default -> throw new IllegalArgumentException(
                    "JWT_TOKEN_USE must be access or id, not '" + value + "'");
        };
    }

    private static Duration parseMaxAge(String value) {
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("JWT_MAX_AGE_SECONDS must be a positive integer, not '" + value + "'");
    }

    private static URI parseUrl(String value) {
        if (value == null) {
            throw new IllegalArgumentException("AUTH_MODE=jwks needs JWKS_URL");
        }
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("JWKS_URL is not a valid URL: " + value, e);
        }
    }

    private static void checkJwksUrl(URI url) {
        if (url == null) {
            throw new IllegalArgumentException("AUTH_MODE=jwks needs JWKS_URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        if (host == null || !(scheme.equals("https") || (scheme.equals("http") && LoopbackHost.is(host)))) {
            throw new IllegalArgumentException(
                    "JWKS_URL must be an https URL (http only to localhost, 127.x.y.z or [::1]): " + url);
        }
    }

    private static Set<String> parseList(String value) {
        if (value == null) {
            return Set.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String trimToNull(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    @Override
    public String toString() {
        return "AuthConfig[mode=" + mode
                + ", secret=" + (secret == null ? "none" : "***")
                + ", jwksUrl=" + jwksUrl
                + ", issuer=" + issuer
                + ", audiences=" + audiences
                + ", tokenUse=" + tokenUse
                + ", maxTokenAge=" + maxTokenAge + "]";
    }

    /** Builds an {@link AuthConfig}; {@link #build()} applies the same checks as {@link AuthConfig#from(Map)}. */
    public static final class Builder {

        private final Mode mode;
        private String secret;
        private URI jwksUrl;
        private String issuer;
        private Set<String> audiences = Set.of();
        private TokenUse tokenUse = TokenUse.ACCESS;
        private Duration maxTokenAge;

        private Builder(Mode mode) {
            this.mode = mode;
        }

        public Builder secret(String value) {
            this.secret = value;
            return this;
        }

        public Builder jwksUrl(URI value) {
            this.jwksUrl = value;
            return this;
        }

        public Builder issuer(String value) {
            this.issuer = value;
            return this;
        }

        public Builder audiences(Set<String> value) {
            this.audiences = value;
            return this;
        }

        public Builder tokenUse(TokenUse value) {
            this.tokenUse = value;
            return this;
        }

        /** Null for no limit. */
        public Builder maxTokenAge(Duration value) {
            this.maxTokenAge = value;
            return this;
        }

        /** @throws IllegalArgumentException when the settings are incomplete or invalid for the mode */
        public AuthConfig build() {
            return new AuthConfig(mode, secret, jwksUrl, issuer, audiences, tokenUse, maxTokenAge);
        }
    }
}
