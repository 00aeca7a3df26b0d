package io.wschat.connect.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.wschat.connect.auth.AuthConfig.Mode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthConfigTest {

    @Test
    void from_defaultsToNone_whenAuthModeAbsentOutsideLambda() {
        assertThat(AuthConfig.from(Map.of()).mode()).isEqualTo(Mode.NONE);
        assertThat(AuthConfig.from(null).mode()).isEqualTo(Mode.NONE);
        assertThat(AuthConfig.from(Map.of("AUTH_MODE", " ")).mode()).isEqualTo(Mode.NONE);
    }

    @Test
    void from_fails_whenAuthModeAbsentInsideLambda() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuthConfig.from(Map.of("AWS_LAMBDA_FUNCTION_NAME", "ConnectFunction")))
                .withMessageContaining("AUTH_MODE must be set explicitly");
    }

    @Test
    void from_acceptsModesInAnyCase() {
        assertThat(AuthConfig.from(Map.of("AUTH_MODE", "None")).mode()).isEqualTo(Mode.NONE);
        assertThat(AuthConfig.from(Map.of("AUTH_MODE", "HS256", "JWT_SECRET", TestTokens.SECRET)).mode())
                .isEqualTo(Mode.HS256);
        assertThat(AuthConfig.from(Map.of("AUTH_MODE", "jwks", "JWKS_URL", "https://example.com/jwks.json")).mode())
                .isEqualTo(Mode.JWKS);
    }

    @Test
    void from_fails_whenAuthModeUnknown() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuthConfig.from(Map.of("AUTH_MODE", "rs256")))
                .withMessageContaining("none, hs256 or jwks");
    }

    @Test
    void from_failsWithoutEchoingSecret_whenSecretShorterThan32Bytes() {
        String shortSecret = "only-31-bytes-long-secret-value";
        assertThat(shortSecret).hasSize(31);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuthConfig.from(Map.of("AUTH_MODE", "hs256", "JWT_SECRET", shortSecret)))
                .withMessageContaining("JWT_SECRET of at least 32 bytes")
                .withMessageNotContaining(shortSecret);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuthConfig.from(Map.of("AUTH_MODE", "hs256")))
                .withMessageContaining("JWT_SECRET");
    }

    @Test
    void from_accepts32ByteSecret() {
        String secret = "x".repeat(32);

        AuthConfig config = AuthConfig.from(Map.of("AUTH_MODE", "hs256", "JWT_SECRET", secret));

        assertThat(config.secret()).isEqualTo(secret);
        assertThat(config.toString()).doesNotContain(secret);
    }

    @Test
    void from_fails_whenJwksUrlMissingOrNotHttps() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuthConfig.from(Map.of("AUTH_MODE", "jwks")))
                .withMessageContaining("JWKS_URL");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuthConfig.from(Map.of("AUTH_MODE", "jwks", "JWKS_URL", "http://example.com/jwks")))
                .withMessageContaining("https");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuthConfig.from(Map.of("AUTH_MODE", "jwks", "JWKS_URL", "not a url")))
                .withMessageContaining("JWKS_URL");
    }

    @Test
    void from_allowsPlainHttpJwksUrl_onlyForLoopback() {
        assertThat(AuthConfig.from(Map.of("AUTH_MODE", "jwks", "JWKS_URL", "http://127.0.0.1:9999/jwks")).jwksUrl())
                .hasToString("http://127.0.0.1:9999/jwks");
        assertThat(AuthConfig.from(Map.of("AUTH_MODE", "jwks", "JWKS_URL", "http://localhost/jwks")).mode())
                .isEqualTo(Mode.JWKS);
    }

    @Test
    void from_readsIssuerAndCommaSeparatedAudiences() {
        Map<String, String> env = new HashMap<>();
        env.put("AUTH_MODE", "hs256");
        env.put("JWT_SECRET", TestTokens.SECRET);
        env.put("JWT_ISSUER", " https://issuer.example ");
        env.put("JWT_AUDIENCE", "client-a, client-b,,");

        AuthConfig config = AuthConfig.from(env);

        assertThat(config.issuer()).isEqualTo("https://issuer.example");
        assertThat(config.audiences()).containsExactlyInAnyOrder("client-a", "client-b");
    }

    @Test
    void from_leavesIssuerAndAudienceUnchecked_whenBlank() {
        AuthConfig config = AuthConfig.from(Map.of("AUTH_MODE", "none", "JWT_ISSUER", "", "JWT_AUDIENCE", " "));

        assertThat(config.issuer()).isNull();
        assertThat(config.audiences()).isEmpty();
    }
}
