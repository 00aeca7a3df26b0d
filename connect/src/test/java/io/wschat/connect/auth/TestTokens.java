package io.wschat.connect.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/** Builds tokens for the authenticator tests. */
final class TestTokens {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String SECRET = "test-secret-0123456789abcdef0123456789";
    static final String OTHER_SECRET = "another-secret-0123456789abcdef012345";

    private TestTokens() {
    }

    /** Claims of a valid token for alice, issued now, expiring in an hour. */
    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .subject("user-alice")
                .claim("name", "Alice")
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(3600)));
    }

    static String hs256(String secret, JWTClaimsSet claims) {
        try {
            return sign(new JWSHeader(JWSAlgorithm.HS256), new MACSigner(secret.getBytes(StandardCharsets.UTF_8)),
                    claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hs256(JWTClaimsSet claims) {
        return hs256(SECRET, claims);
    }

    static String sign(JWSHeader header, JWSSigner signer, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeBase64Url(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    static Map<String, String> query(String token) {
        return Map.of("token", token);
    }

    /**
     * The authenticator's refusal of {@code token} in the query string; asserts that it refuses it, with the
     * reason's fixed text as message and no trace of the token.
     */
    static AuthenticationException rejection(Authenticator authenticator, String token) {
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> authenticator.authenticate(query(token), Map.of()));
        assertThat(e).as("token must be rejected").isNotNull();
        assertThat(e.getMessage()).isEqualTo(e.reason().text()).doesNotContain(token);
        return e;
    }
}
