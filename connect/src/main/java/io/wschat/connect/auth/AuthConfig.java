package io.wschat.connect.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
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
 *   <li>{@code JWT_SECRET}: HMAC secret for {@code hs256}, at least 32 bytes of UTF-8</li>
 *   <li>{@code JWKS_URL}: key set URL for {@code jwks}; https, or http to a loopback host</li>
 *   <li>{@code JWT_ISSUER}: when set, the exact {@code iss} required</li>
 *   <li>{@code JWT_AUDIENCE}: when set, comma-separated accepted values of {@code aud}, or of {@code client_id}
 *       when the token has no {@code aud} (Cognito access tokens)</li>
 * </ul>
 *
 * @param secret    the HMAC secret, only in {@link Mode#HS256}; never printed by {@link #toString()}
 * @param jwksUrl   the key set URL, only in {@link Mode#JWKS}
 * @param issuer    required issuer, or null for any
 * @param audiences accepted audiences, empty for any
 */
public record AuthConfig(Mode mode, String secret, URI jwksUrl, String issuer, Set<String> audiences) {

    /** The minimum HS256 secret length: the length of the HMAC-SHA256 output (RFC 7518 section 3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    /** How {@code $connect} requests are authenticated. */
    public enum Mode { NONE, HS256, JWKS }

    public AuthConfig {
        Objects.requireNonNull(mode, "mode");
        audiences = audiences == null ? Set.of() : Set.copyOf(audiences);
        if (mode == Mode.HS256) {
            if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException(
                        "AUTH_MODE=hs256 needs JWT_SECRET of at least " + MIN_SECRET_BYTES + " bytes");
            }
        }
        if (mode == Mode.JWKS) {
            checkJwksUrl(jwksUrl);
        }
    }

    /**
     * Reads the settings.
     *
     * @throws IllegalArgumentException when a setting is missing or invalid
     */
    public static AuthConfig from(Map<String, String> env) {
        Map<String, String> source = env == null ? Map.of() : env;
        Mode mode = parseMode(source);
        String secret = mode == Mode.HS256 ? source.get("JWT_SECRET") : null;
        URI jwksUrl = mode == Mode.JWKS ? parseUrl(trimToNull(source.get("JWKS_URL"))) : null;
        String issuer = trimToNull(source.get("JWT_ISSUER"));
        Set<String> audiences = parseList(source.get("JWT_AUDIENCE"));
        return new AuthConfig(mode, secret, jwksUrl, issuer, audiences);
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
        if (host == null || !(scheme.equals("https") || (scheme.equals("http") && isLoopback(host)))) {
            throw new IllegalArgumentException(
                    "JWKS_URL must be an https URL (http only to localhost): " + url);
        }
    }

    private static boolean isLoopback(String host) {
        return host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("[::1]");
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
                + ", audiences=" + audiences + "]";
    }
}
