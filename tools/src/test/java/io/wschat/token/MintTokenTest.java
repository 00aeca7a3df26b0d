package io.wschat.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.wschat.connect.auth.AuthenticationException;
import io.wschat.connect.auth.Authenticator;
import io.wschat.connect.auth.Identity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MintTokenTest {

    private static final String SECRET = "local-dev-secret-0123456789abcdef0123";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return MintToken.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Authenticator hs256(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("AUTH_MODE", "hs256");
        env.put("JWT_SECRET", SECRET);
        return Authenticator.fromConfig(env);
    }

    @Test
    void mint_producesTokenThatHs256AuthenticatorAccepts() throws Exception {
        String token = MintToken.mint(SECRET, "u-1", "Alice", Duration.ofMinutes(5), "wschat-dev", "wschat");

        Identity identity = hs256(Map.of("JWT_ISSUER", "wschat-dev", "JWT_AUDIENCE", "wschat"))
                .authenticate(Map.of("token", token), null);

        assertThat(identity).isEqualTo(Identity.authenticated("u-1", "Alice"));
    }

    @Test
    void mint_producesExpiredToken_whenIssuedLongAgo() {
        String token = MintToken.mint(SECRET, "u-1", null, Duration.ofMinutes(5), null, null,
                Instant.now().minus(Duration.ofHours(1)));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> hs256(Map.of()).authenticate(Map.of("token", token), null));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.reason()).isEqualTo(AuthenticationException.Reason.EXPIRED);
    }

    @Test
    void mint_rejectsShortSecretAndBlankSubject() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MintToken.mint("short", "u-1", null, Duration.ofMinutes(1), null, null))
                .withMessageNotContaining("short");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MintToken.mint(SECRET, " ", null, Duration.ofMinutes(1), null, null));
    }

    @Test
    void run_printsTokenForCommandLineArguments() throws Exception {
        int status = run(Map.of(), "--secret", SECRET, "--sub", "alice", "--name", "Alice", "--ttl", "60");

        assertThat(status).isZero();
        String token = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(hs256(Map.of()).authenticate(null, Map.of("Authorization", "Bearer " + token)))
                .isEqualTo(Identity.authenticated("alice", "Alice"));
    }

    @Test
    void run_readsSecretFromEnvironment_whenNotGiven() throws Exception {
        int status = run(Map.of("JWT_SECRET", SECRET), "--sub", "bob");

        assertThat(status).isZero();
        String token = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(hs256(Map.of()).authenticate(Map.of("token", token), null).name()).isEqualTo("bob");
    }

    @Test
    void run_failsWithUsage_onBadArguments() {
        assertThat(run(Map.of(), "--sub", "alice")).isEqualTo(2);
        assertThat(run(Map.of(), "--secret", SECRET)).isEqualTo(2);
        assertThat(run(Map.of(), "--secret", SECRET, "--sub", "alice", "--ttl", "soon")).isEqualTo(2);
        assertThat(run(Map.of(), "--secret", SECRET, "--sub", "alice", "--ttl", "0")).isEqualTo(2);
        assertThat(run(Map.of(), "--secret", SECRET, "--sub")).isEqualTo(2);
        assertThat(run(Map.of(), "--secret", "too-short-secret", "--sub", "alice")).isEqualTo(2);

        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: MintToken").doesNotContain(SECRET)
                .doesNotContain("too-short-secret");
    }
}
