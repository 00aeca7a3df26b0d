package io.wschat.connect.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.wschat.connect.auth.AuthConfig.Mode;
import io.wschat.connect.auth.AuthConfig.TokenUse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        assertThat(AuthConfig.from(jwks("https://example.com/jwks.json")).mode()).isEqualTo(Mode.JWKS);
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
                .withMessageContaining("secret of at least 32 bytes")
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
                .isThrownBy(() -> AuthConfig.from(jwks("http://example.com/jwks")))
                .withMessageContaining("https");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuthConfig.from(jwks("not a url")))
                .withMessageContaining("JWKS_URL");
    }

    /** A complete jwks configuration for {@code url}: issuer and audience set. */
    private static Map<String, String> jwks(String url) {
        return Map.of("AUTH_MODE", "jwks", "JWKS_URL", url, "JWT_ISSUER", "https://issuer.example",
                "JWT_AUDIENCE", "client-a");
    }

    @Test
    void from_allowsPlainHttpJwksUrl_onlyForLoopbackAddresses() {
        for (String url : new String[] {"http://127.0.0.1:9999/jwks", "http://127.10.20.30/jwks",
                "http://127.255.255.255/jwks", "http://localhost/jwks", "http://LOCALHOST:8080/jwks",
                "http://[::1]:9999/jwks", "http://[0:0:0:0:0:0:0:1]/jwks"}) {
            assertThat(AuthConfig.from(jwks(url)).jwksUrl()).as(url).hasToString(url);
        }
    }

    @Test
    void from_refusesPlainHttpJwksUrl_forNamesThatOnlyLookLikeLoopback() {
        for (String url : new String[] {"http://127.evil.example/jwks", "http://127.0.0.1.evil.example/jwks",
                "http://127.0.0.256/jwks", "http://127.0.0/jwks", "http://0177.0.0.1/jwks", "http://128.0.0.1/jwks",
                "http://localhost.evil.example/jwks", "http://[::2]/jwks", "http://[::ffff:10.0.0.1]/jwks",
                "http://10.0.0.1/jwks"}) {
            assertThatIllegalArgumentException().as(url)
                    .isThrownBy(() -> AuthConfig.from(jwks(url)))
                    .withMessageContaining("https");
        }
    }

    @Test
    void from_requiresIssuerAndAudience_forJwks() {
        Map<String, String> noIssuer = new HashMap<>(jwks("https://example.com/jwks.json"));
        noIssuer.remove("JWT_ISSUER");
        Map<String, String> blankAudience = new HashMap<>(jwks("https://example.com/jwks.json"));
        blankAudience.put("JWT_AUDIENCE", " , ");

        assertThatIllegalArgumentException().isThrownBy(() -> AuthConfig.from(noIssuer))
                .withMessageContaining("AUTH_MODE=jwks needs JWT_ISSUER");
        assertThatIllegalArgumentException().isThrownBy(() -> AuthConfig.from(blankAudience))
                .withMessageContaining("AUTH_MODE=jwks needs JWT_AUDIENCE");
    }

    @Test
    void from_readsTokenUse_accessByDefault() {
        Map<String, String> id = new HashMap<>(jwks("https://example.com/jwks.json"));
        id.put("JWT_TOKEN_USE", " ID ");
        Map<String, String> odd = new HashMap<>(jwks("https://example.com/jwks.json"));
        odd.put("JWT_TOKEN_USE", "both");

        assertThat(AuthConfig.from(jwks("https://example.com/jwks.json")).tokenUse()).isEqualTo(TokenUse.ACCESS);
        assertThat(AuthConfig.from(id).tokenUse()).isEqualTo(TokenUse.ID);
        assertThatIllegalArgumentException().isThrownBy(() -> AuthConfig.from(odd))
                .withMessageContaining("JWT_TOKEN_USE must be access or id");
    }

    @Test
    void from_readsMaxAge_positiveSecondsOnly() {
        Map<String, String> env = new HashMap<>(jwks("https://example.com/jwks.json"));
        assertThat(AuthConfig.from(env).maxTokenAge()).isNull();
        env.put("JWT_MAX_AGE_SECONDS", "3600");
        assertThat(AuthConfig.from(env).maxTokenAge()).isEqualTo(Duration.ofHours(1));
        for (String bad : new String[] {"0", "-5", "1h"}) {
            env.put("JWT_MAX_AGE_SECONDS", bad);
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> AuthConfig.from(env))
                    .withMessageContaining("JWT_MAX_AGE_SECONDS");
        }
    }

    @Test
    void from_readsTheSecretThatJwtSecretArnNames_once() {
        String secret = "s".repeat(40);
        List<String> reads = new ArrayList<>();

        AuthConfig config = AuthConfig.from(Map.of("AUTH_MODE", "hs256", "JWT_SECRET_ARN", "arn:secret"), id -> {
            reads.add(id);
            return secret;
        });

        assertThat(config.secret()).isEqualTo(secret);
        assertThat(reads).containsExactly("arn:secret");
    }

    @Test
    void from_prefersJwtSecret_andReadsNoArn_whenBothAreSet() {
        AuthConfig config = AuthConfig.from(Map.of("AUTH_MODE", "hs256", "JWT_SECRET", TestTokens.SECRET,
                "JWT_SECRET_ARN", "JwtSigningSecret"), id -> {
                    throw new AssertionError("read " + id);
                });

        assertThat(config.secret()).isEqualTo(TestTokens.SECRET);
    }

    @Test
    void from_refusesJwtSecretArn_whereNoReaderIsGiven_andAShortSecretFromIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuthConfig.from(Map.of("AUTH_MODE", "hs256", "JWT_SECRET_ARN", "arn:secret")))
                .withMessageContaining("JWT_SECRET");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuthConfig.from(Map.of("AUTH_MODE", "hs256", "JWT_SECRET_ARN", "arn:secret"),
                        id -> "short-secret-value"))
                .withMessageContaining("at least 32 bytes")
                .withMessageNotContaining("short-secret-value");
    }

    @Test
    void from_readsNoSecret_outsideHs256() {
        SecretReader refuse = id -> {
            throw new AssertionError("read " + id);
        };
        Map<String, String> env = new HashMap<>(jwks("https://example.com/jwks.json"));
        env.put("JWT_SECRET_ARN", "arn:secret");

        assertThat(AuthConfig.from(env, refuse).secret()).isNull();
        assertThat(AuthConfig.from(Map.of("AUTH_MODE", "none", "JWT_SECRET_ARN", "arn:secret"), refuse).secret())
                .isNull();
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
