package io.wschat.connect.auth;

import static io.wschat.connect.auth.TestTokens.NOW;
import static io.wschat.connect.auth.TestTokens.base64Url;
import static io.wschat.connect.auth.TestTokens.claims;
import static io.wschat.connect.auth.TestTokens.hs256;
import static io.wschat.connect.auth.TestTokens.query;
import static io.wschat.connect.auth.TestTokens.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.wschat.connect.auth.AuthenticationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Hs256AuthenticatorTest {

    private final Authenticator authenticator = authenticator(null, Set.of());

    private static Authenticator authenticator(String issuer, Set<String> audiences) {
        return JwtAuthenticator.hs256(AuthConfig.builder(AuthConfig.Mode.HS256).secret(TestTokens.SECRET)
                .issuer(issuer).audiences(audiences).build(), TestTokens.CLOCK);
    }

    @Test
    void authenticate_returnsIdentityFromClaims_forValidTokenInQuery() throws Exception {
        String token = hs256(claims().build());

        Identity identity = authenticator.authenticate(query(token), Map.of());

        assertThat(identity).isEqualTo(Identity.authenticated("user-alice", "Alice"));
        assertThat(identity.anonymous()).isFalse();
    }

    @Test
    void authenticate_ignoresNameParameter_whenTokenChecked() throws Exception {
        String token = hs256(claims().build());

        Identity identity = authenticator.authenticate(Map.of("token", token, "name", "mallory"), null);

        assertThat(identity.name()).isEqualTo("Alice");
    }

    @Test
    void authenticate_fallsBackThroughNameClaims_thenSub() throws Exception {
        JWTClaimsSet preferred = claims().claim("name", null).claim("preferred_username", "ali").build();
        JWTClaimsSet cognito = claims().claim("name", " ").claim("cognito:username", "alice_c").build();
        JWTClaimsSet access = claims().claim("name", 42).claim("username", "alice_u").build();
        JWTClaimsSet none = claims().claim("name", null).build();

        assertThat(authenticator.authenticate(query(hs256(preferred)), null).name()).isEqualTo("ali");
        assertThat(authenticator.authenticate(query(hs256(cognito)), null).name()).isEqualTo("alice_c");
        assertThat(authenticator.authenticate(query(hs256(access)), null).name()).isEqualTo("alice_u");
        assertThat(authenticator.authenticate(query(hs256(none)), null).name()).isEqualTo("user-alice");
    }

    @Test
    void authenticate_acceptsBearerHeader_inAnyCase() throws Exception {
        String token = hs256(claims().build());

        assertThat(authenticator.authenticate(null, Map.of("Authorization", "Bearer " + token)).userId())
                .isEqualTo("user-alice");
        assertThat(authenticator.authenticate(Map.of(), Map.of("authorization", "bearer  " + token + " ")).userId())
                .isEqualTo("user-alice");
    }

    @Test
    void authenticate_prefersHeader_overQueryParameter() throws Exception {
        String token = hs256(claims().build());

        Identity identity = authenticator.authenticate(query("garbage"), Map.of("Authorization", "Bearer " + token));

        assertThat(identity.userId()).isEqualTo("user-alice");
    }

    @Test
    void authenticate_rejectsWith401_whenNoToken() {
        List<Map<String, String>> headerCases = List.of(Map.of(), Map.of("Authorization", "Basic dXNlcjpwdw=="),
                Map.of("Authorization", "Bearer "));
        List<Map<String, String>> paramCases = java.util.Arrays.asList(null, Map.of(), Map.of("token", "  "));

        for (Map<String, String> headers : headerCases) {
            for (Map<String, String> params : paramCases) {
                AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                        () -> authenticator.authenticate(params, headers));
                assertThat(e).isNotNull();
                assertThat(e.reason()).isEqualTo(Reason.MISSING_TOKEN);
                assertThat(e.status()).isEqualTo(401);
            }
        }
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> authenticator.authenticate(null, null));
        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void authenticate_rejectsExpiredToken_beyondSkew() {
        String token = hs256(claims().expirationTime(Date.from(NOW.minusSeconds(61))).build());

        AuthenticationException e = rejection(authenticator, token);

        assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void authenticate_acceptsRecentlyExpiredToken_withinSkew() throws Exception {
        String token = hs256(claims().expirationTime(Date.from(NOW.minusSeconds(30))).build());

        assertThat(authenticator.authenticate(query(token), null).userId()).isEqualTo("user-alice");
    }

    @Test
    void authenticate_rejectsTokenNotYetValid_beyondSkew() throws Exception {
        String future = hs256(claims().notBeforeTime(Date.from(NOW.plusSeconds(120))).build());
        String nearlyValid = hs256(claims().notBeforeTime(Date.from(NOW.plusSeconds(30))).build());

        AuthenticationException e = rejection(authenticator, future);

        assertThat(e.reason()).isEqualTo(Reason.INVALID_CLAIMS);
        assertThat(e.status()).isEqualTo(401);
        assertThat(authenticator.authenticate(query(nearlyValid), null).userId()).isEqualTo("user-alice");
    }

    @Test
    void authenticate_rejectsTokenSignedWithOtherSecret() {
        String token = hs256(TestTokens.OTHER_SECRET, claims().build());

        AuthenticationException e = rejection(authenticator, token);

        assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void authenticate_rejectsTamperedPayload_keptWithOriginalSignature() {
        String[] parts = hs256(claims().build()).split("\\.");
        String payload = TestTokens.decodeBase64Url(parts[1]).replace("user-alice", "user-admin");
        assertThat(payload).contains("user-admin");
        String tampered = parts[0] + "." + base64Url(payload) + "." + parts[2];

        AuthenticationException e = rejection(authenticator, tampered);

        assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void authenticate_rejectsUnsignedToken_algNone() {
        String payload = base64Url(claims().build().toString());
        // {"alg":"none"} as many attack tools send it, with and without a leftover signature.
        String unsigned = "eyJhbGciOiJub25lIn0." + payload + ".";
        String withSignature = "eyJhbGciOiJub25lIn0." + payload + "." + hs256(claims().build()).split("\\.")[2];
        String noneCapitalised = base64Url("{\"alg\":\"None\",\"typ\":\"JWT\"}") + "." + payload + ".";

        assertThat(rejection(authenticator, unsigned).reason()).isEqualTo(Reason.ALGORITHM_NOT_ACCEPTED);
        assertThat(rejection(authenticator, withSignature).status()).isEqualTo(401);
        assertThat(rejection(authenticator, noneCapitalised).reason())
                .isIn(Reason.ALGORITHM_NOT_ACCEPTED, Reason.MALFORMED_TOKEN);
    }

    @Test
    void authenticate_rejectsOtherHmacAlgorithm_evenWithRightSecret() throws JOSEException {
        String hs512 = TestTokens.sign(new JWSHeader(JWSAlgorithm.HS512),
                new MACSigner("z".repeat(64).getBytes(StandardCharsets.UTF_8)), claims().build());
        Authenticator longSecret = JwtAuthenticator.hs256(
                AuthConfig.builder(AuthConfig.Mode.HS256).secret("z".repeat(64)).build(), TestTokens.CLOCK);

        AuthenticationException e = rejection(longSecret, hs512);

        assertThat(e.reason()).isEqualTo(Reason.ALGORITHM_NOT_ACCEPTED);
        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void authenticate_rejectsRs256Token_inHs256Mode() throws JOSEException {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        String rs256 = TestTokens.sign(new JWSHeader(JWSAlgorithm.RS256), new RSASSASigner(rsa), claims().build());

        assertThat(rejection(authenticator, rs256).reason()).isEqualTo(Reason.ALGORITHM_NOT_ACCEPTED);
    }

    @Test
    void authenticate_rejectsTokenWithoutSubOrExp() {
        String noSub = hs256(claims().subject(null).build());
        String blankSub = hs256(claims().subject(" ").build());
        String noExp = hs256(claims().expirationTime(null).build());

        for (String token : List.of(noSub, blankSub, noExp)) {
            AuthenticationException e = rejection(authenticator, token);
            assertThat(e.reason()).isEqualTo(Reason.INVALID_CLAIMS);
            assertThat(e.status()).isEqualTo(401);
        }
    }

    @Test
    void authenticate_rejectsWith403_whenIssuerWrongOrMissing() throws Exception {
        Authenticator checked = authenticator("https://issuer.example", Set.of());
        String right = hs256(claims().issuer("https://issuer.example").build());
        String wrong = hs256(claims().issuer("https://issuer.example.evil").build());
        String missing = hs256(claims().build());

        assertThat(checked.authenticate(query(right), null).userId()).isEqualTo("user-alice");
        for (String token : List.of(wrong, missing)) {
            AuthenticationException e = rejection(checked, token);
            assertThat(e.reason()).isEqualTo(Reason.WRONG_ISSUER);
            assertThat(e.status()).isEqualTo(403);
        }
    }

    @Test
    void authenticate_checksAudience_thenClientIdWhenAudAbsent() throws Exception {
        Authenticator checked = authenticator(null, Set.of("client-a", "client-b"));
        String idToken = hs256(claims().audience(List.of("other", "client-b")).build());
        String accessToken = hs256(claims().claim("client_id", "client-a").build());

        assertThat(checked.authenticate(query(idToken), null).userId()).isEqualTo("user-alice");
        assertThat(checked.authenticate(query(accessToken), null).userId()).isEqualTo("user-alice");

        String wrongAud = hs256(claims().audience("other").build());
        // client_id must not rescue a token whose aud names another audience.
        String wrongAudRightClientId = hs256(claims().audience("other").claim("client_id", "client-a").build());
        String wrongClientId = hs256(claims().claim("client_id", "other").build());
        String neither = hs256(claims().build());
        for (String token : List.of(wrongAud, wrongAudRightClientId, wrongClientId, neither)) {
            AuthenticationException e = rejection(checked, token);
            assertThat(e.reason()).isEqualTo(Reason.WRONG_AUDIENCE);
            assertThat(e.status()).isEqualTo(403);
        }
    }

    @Test
    void authenticate_answers401Not403_whenTokenBothInvalidAndForOtherAudience() {
        Authenticator checked = authenticator("https://issuer.example", Set.of("client-a"));
        String forged = hs256(TestTokens.OTHER_SECRET, claims().issuer("x").audience("y").build());
        String expired = hs256(claims().issuer("x").audience("y")
                .expirationTime(Date.from(NOW.minusSeconds(3600))).build());

        assertThat(rejection(checked, forged).status()).isEqualTo(401);
        assertThat(rejection(checked, expired).reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void authenticate_rejectsMalformedTokens_withoutEchoingThem() {
        String valid = hs256(claims().build());
        List<String> malformed = List.of("abc", "a.b.c", "..", "Bearer", valid + ".extra",
                "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24." + valid.split("\\.")[2],
                valid.substring(0, valid.length() / 2),
                base64Url("null") + "." + valid.split("\\.")[1] + "." + valid.split("\\.")[2],
                "x".repeat(JwtAuthenticator.MAX_TOKEN_LENGTH + 1));

        for (String token : malformed) {
            AuthenticationException e = rejection(authenticator, token);
            assertThat(e.status()).as(token).isEqualTo(401);
            assertThat(e.getCause()).isNull();
            assertThat(e.toString()).doesNotContain(token);
        }
    }

    @Test
    void authenticationFailures_neverContainTokenOrItsParts() {
        String valid = hs256(claims().build());
        String[] parts = valid.split("\\.");
        List<String> rejected = List.of(
                hs256(TestTokens.OTHER_SECRET, claims().build()),
                hs256(claims().expirationTime(Date.from(NOW.minusSeconds(600))).build()),
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + "AAAA",
                "eyJhbGciOiJub25lIn0." + parts[1] + ".");

        for (String token : rejected) {
            AuthenticationException e = rejection(authenticator, token);
            for (String part : token.split("\\.")) {
                assertThat(e.getMessage()).doesNotContain(part);
            }
            assertThat(e.getMessage()).doesNotContain("user-alice").doesNotContain("Alice");
        }
    }

    @Test
    void authenticate_neverThrowsAnythingButAuthenticationException_forGarbage() {
        Random random = new Random(20260101L);
        String valid = hs256(claims().build());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\":,\u00e9\u0000";
        List<String> fragments = List.of("eyJhbGciOiJIUzI1NiJ9", "eyJhbGciOiJub25lIn0", base64Url("{}"),
                base64Url("{\"alg\":\"RS256\"}"), base64Url("{\"alg\":\"HS256\",\"crit\":[\"x\"],\"x\":1}"),
                base64Url("{\"alg\":\"HS256\",\"kid\":{}}"), base64Url("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}"),
                base64Url("{\"sub\":[1],\"exp\":\"soon\"}"), base64Url("{\"exp\":1e400}"), base64Url("[]"),
                base64Url("null"), base64Url("{\"aud\":{}}"));

        for (int i = 0; i < 5_000; i++) {
            String token = switch (i % 3) {
                case 0 -> randomString(random, alphabet, random.nextInt(200));
                case 1 -> mutate(random, valid, alphabet);
                default -> fragments.get(random.nextInt(fragments.size())) + "."
                        + fragments.get(random.nextInt(fragments.size())) + "."
                        + randomString(random, alphabet, random.nextInt(50))
                        + (random.nextInt(4) == 0 ? "." + fragments.get(random.nextInt(fragments.size())) + ".x" : "");
            };
            Map<String, String> params = new HashMap<>();
            params.put("token", token);

            Throwable thrown = catchThrowable(() -> {
                Identity identity = authenticator.authenticate(params, null);
                // A mutation may leave the token valid (for example unused bits of the last base64 character).
                assertThat(identity).isEqualTo(Identity.authenticated("user-alice", "Alice"));
            });

            if (thrown != null) {
                assertThat(thrown).as("token #%d", i).isInstanceOf(AuthenticationException.class);
                assertThat(((AuthenticationException) thrown).status()).isIn(401, 403);
            }
        }
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder builder = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            builder.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return builder.toString();
    }

    private static String mutate(Random random, String token, String alphabet) {
        StringBuilder builder = new StringBuilder(token);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(builder.length());
            switch (random.nextInt(3)) {
                case 0 -> builder.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> builder.deleteCharAt(at);
                default -> builder.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return builder.toString();
    }

    private static Authenticator maxAge(Duration age) {
        return JwtAuthenticator.hs256(AuthConfig.builder(AuthConfig.Mode.HS256).secret(TestTokens.SECRET)
                .maxTokenAge(age).build(), TestTokens.CLOCK);
    }

    @Test
    void authenticate_refusesIssuedAtInTheFuture_beyondClockSkew() throws Exception {
        int skew = JwtAuthenticator.MAX_CLOCK_SKEW_SECONDS;
        String withinSkew = hs256(claims().issueTime(Date.from(NOW.plusSeconds(skew))).build());
        String future = hs256(claims().issueTime(Date.from(NOW.plusSeconds(skew + 1))).build());

        assertThat(authenticator.authenticate(query(withinSkew), null).userId()).isEqualTo("user-alice");
        AuthenticationException e = rejection(authenticator, future);
        assertThat(e.reason()).isEqualTo(Reason.INVALID_CLAIMS);
        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void authenticate_refusesTokensOlderThanMaxAge_andWithoutIat() throws Exception {
        Authenticator tenMinutes = maxAge(Duration.ofMinutes(10));
        int skew = JwtAuthenticator.MAX_CLOCK_SKEW_SECONDS;
        String fresh = hs256(claims().issueTime(Date.from(NOW.minusSeconds(600 + skew))).build());
        String old = hs256(claims().issueTime(Date.from(NOW.minusSeconds(600 + skew + 1))).build());
        String noIat = hs256(claims().issueTime(null).build());

        assertThat(tenMinutes.authenticate(query(fresh), null).userId()).isEqualTo("user-alice");
        AuthenticationException tooOld = rejection(tenMinutes, old);
        assertThat(tooOld.reason()).isEqualTo(Reason.TOO_OLD);
        assertThat(tooOld.status()).isEqualTo(401);
        assertThat(rejection(tenMinutes, noIat).reason()).isEqualTo(Reason.INVALID_CLAIMS);
        // Without a maximum age, neither an old iat nor a missing one matters.
        assertThat(authenticator.authenticate(query(old), null).userId()).isEqualTo("user-alice");
        assertThat(authenticator.authenticate(query(noIat), null).userId()).isEqualTo("user-alice");
    }

    @Test
    void authenticate_appliesTokenUse_toHs256TokensToo() throws Exception {
        Authenticator idTokens = JwtAuthenticator.hs256(AuthConfig.builder(AuthConfig.Mode.HS256)
                .secret(TestTokens.SECRET).tokenUse(AuthConfig.TokenUse.ID).build(), TestTokens.CLOCK);
        String access = hs256(claims().claim("token_use", "access").build());
        String unmarked = hs256(claims().build());

        assertThat(rejection(idTokens, access).reason()).isEqualTo(Reason.WRONG_TOKEN_USE);
        assertThat(idTokens.authenticate(query(unmarked), null).userId()).isEqualTo("user-alice");
        assertThat(authenticator.authenticate(query(access), null).userId()).isEqualTo("user-alice");
    }
}
