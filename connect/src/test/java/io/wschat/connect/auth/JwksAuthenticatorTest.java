package io.wschat.connect.auth;

import static io.wschat.connect.auth.TestTokens.claims;
import static io.wschat.connect.auth.TestTokens.query;
import static io.wschat.connect.auth.TestTokens.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.nimbusds.jwt.JWTClaimsSet;
import io.wschat.connect.auth.AuthConfig.TokenUse;
import io.wschat.connect.auth.AuthenticationException.Reason;
import io.wschat.shared.testing.HttpReplies;
import io.wschat.shared.testing.TestEnvironment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class JwksAuthenticatorTest {

    private static final String POOL = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TEST";
    private static final String CLIENT = "app-client";

    private static RSAKey signingKey;
    private static RSAKey otherKey;
    private static HttpServer server;
    private static String baseUrl;
    private static final AtomicInteger jwksFetches = new AtomicInteger();

    @BeforeAll
    static void startJwksServer() throws Exception {
        signingKey = new RSAKeyGenerator(2048).keyID("k1").keyUse(KeyUse.SIGNATURE).generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").keyUse(KeyUse.SIGNATURE).generate();
        byte[] jwks = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/pool/.well-known/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            respond(exchange, 200, jwks);
        });
        server.createContext("/broken/jwks.json", exchange -> respond(exchange, 500, new byte[0]));
        server.createContext("/garbage/jwks.json",
                exchange -> respond(exchange, 200, "<html>not json</html>".getBytes(StandardCharsets.UTF_8)));
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopJwksServer() {
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        HttpReplies.send(exchange, status, "application/json", body);
    }

    private static Authenticator authenticator(String path, TokenUse tokenUse) {
        AuthConfig config = AuthConfig.builder(AuthConfig.Mode.JWKS).jwksUrl(URI.create(baseUrl + path))
                .issuer(POOL).audiences(Set.of(CLIENT)).tokenUse(tokenUse).build();
        return JwtAuthenticator.jwks(config, TestTokens.CLOCK);
    }

    private static Authenticator authenticator(String path) {
        return authenticator(path, TokenUse.ACCESS);
    }

    private static Authenticator authenticator() {
        return authenticator("/pool/.well-known/jwks.json");
    }

    /** Claims of a valid token of the pool for the app client (aud, as in ID tokens of other providers). */
    private static JWTClaimsSet.Builder poolClaims() {
        return claims().issuer(POOL).audience(CLIENT);
    }

    private static String rs256(RSAKey key, String kid) throws JOSEException {
        return rs256(key, kid, poolClaims().build());
    }

    private static String rs256(RSAKey key, String kid, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
        try {
            return TestTokens.sign(header, new RSASSASigner(key), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void authenticate_acceptsRs256TokenSignedByKeyInJwks() throws Exception {
        Identity identity = authenticator().authenticate(query(rs256(signingKey, "k1")), null);

        assertThat(identity).isEqualTo(Identity.authenticated("user-alice", "Alice"));
    }

    @Test
    void authenticate_fetchesJwksOnce_forManyTokens() throws Exception {
        Authenticator authenticator = authenticator();
        int before = jwksFetches.get();

        for (int i = 0; i < 5; i++) {
            authenticator.authenticate(query(rs256(signingKey, "k1")), null);
        }

        assertThat(jwksFetches.get() - before).isEqualTo(1);
    }

    @Test
    void fromConfig_buildsJwksAuthenticator_forLoopbackUrl() throws Exception {
        Authenticator authenticator = Authenticator.fromConfig(Map.of(
                "AUTH_MODE", "jwks", "JWKS_URL", baseUrl + "/pool/.well-known/jwks.json",
                "JWT_ISSUER", POOL, "JWT_AUDIENCE", CLIENT));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build();
        String live = TestTokens.sign(header, new RSASSASigner(signingKey), poolClaims()
                .issueTime(new java.util.Date())
                .expirationTime(new java.util.Date(System.currentTimeMillis() + 600_000)).build());

        assertThat(authenticator.authenticate(null, Map.of("Authorization", "Bearer " + live)).userId())
                .isEqualTo("user-alice");
    }

    @Test
    void authenticate_rejectsHs256TokenMacedWithRsaPublicKey_algorithmConfusion() throws Exception {
        Authenticator authenticator = authenticator();
        byte[] der = signingKey.toRSAPublicKey().getEncoded();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
        String jwkJson = signingKey.toPublicJWK().toJSONString();

        for (byte[] secret : new byte[][] {der, pem.getBytes(StandardCharsets.US_ASCII),
                jwkJson.getBytes(StandardCharsets.UTF_8)}) {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k1").build();
            String forged = TestTokens.sign(header, new MACSigner(secret), poolClaims().build());

            AuthenticationException e = rejection(authenticator, forged);

            assertThat(e.reason()).isEqualTo(Reason.ALGORITHM_NOT_ACCEPTED);
            assertThat(e.status()).isEqualTo(401);
        }
    }

    @Test
    void authenticate_rejectsOtherRsaAlgorithms_withTheRightKey() throws Exception {
        for (JWSAlgorithm alg : new JWSAlgorithm[] {JWSAlgorithm.RS512, JWSAlgorithm.PS256}) {
            JWSHeader header = new JWSHeader.Builder(alg).keyID("k1").build();
            String token = TestTokens.sign(header, new RSASSASigner(signingKey), poolClaims().build());

            assertThat(rejection(authenticator(), token).reason()).isEqualTo(Reason.ALGORITHM_NOT_ACCEPTED);
        }
    }

    @Test
    void authenticate_rejectsTokenSignedByAnotherKey_withSameKeyId() throws Exception {
        AuthenticationException e = rejection(authenticator(), rs256(otherKey, "k1"));

        assertThat(e.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void authenticate_rejectsTokenWhoseKeyIdIsNotInJwks() throws Exception {
        Authenticator authenticator = authenticator();

        AuthenticationException first = rejection(authenticator, rs256(otherKey, "k2"));
        int fetchesAfterFirst = jwksFetches.get();
        // Right after that refresh, the rate limiter answers instead of the server: still 401, not 503.
        AuthenticationException second = rejection(authenticator, rs256(otherKey, "k3"));

        assertThat(jwksFetches.get()).isEqualTo(fetchesAfterFirst);

        assertThat(first.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
        assertThat(second.reason()).isEqualTo(Reason.INVALID_SIGNATURE);
        assertThat(second.status()).isEqualTo(401);
    }

    @Test
    void authenticate_answers503_whenJwksUnreachable() throws Exception {
        int closedPort = TestEnvironment.closedPort();
        AuthConfig config = AuthConfig.builder(AuthConfig.Mode.JWKS)
                .jwksUrl(URI.create("http://127.0.0.1:" + closedPort + "/jwks.json"))
                .issuer(POOL).audiences(Set.of(CLIENT)).build();
        Authenticator unreachable = JwtAuthenticator.jwks(config, TestTokens.CLOCK);

        AuthenticationException e = rejection(unreachable, rs256(signingKey, "k1"));

        assertThat(e.reason()).isEqualTo(Reason.KEYS_UNAVAILABLE);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getCause()).isNull();
    }

    @Test
    void authenticate_answers503_whenJwksEndpointFailsOrServesGarbage() throws Exception {
        String token = rs256(signingKey, "k1");

        for (String path : new String[] {"/broken/jwks.json", "/garbage/jwks.json"}) {
            Throwable thrown = catchThrowable(() -> authenticator(path).authenticate(query(token), null));

            assertThat(thrown).as(path).isInstanceOf(AuthenticationException.class);
            assertThat(((AuthenticationException) thrown).status()).as(path).isEqualTo(503);
        }
    }

    /** A Cognito ID token: aud is the app client, token_use id, the name in cognito:username. */
    private static String cognitoIdToken(String audience) {
        return rs256(signingKey, "k1", claims().claim("name", null).issuer(POOL).audience(audience)
                .claim("cognito:username", "alice").claim("token_use", "id").build());
    }

    /** A Cognito access token: no aud, the app client in client_id, token_use access. */
    private static String cognitoAccessToken(String clientId) {
        return rs256(signingKey, "k1", claims().claim("name", null).issuer(POOL).claim("client_id", clientId)
                .claim("username", "alice").claim("token_use", "access").build());
    }

    /** A Cognito token of this use for this app client. */
    private static String cognitoToken(TokenUse use, String client) {
        return use == TokenUse.ID ? cognitoIdToken(client) : cognitoAccessToken(client);
    }

    @ParameterizedTest
    @EnumSource(TokenUse.class)
    void authenticate_acceptsCognitoTokensOfTheConfiguredUse_andRefusesTheOtherUse(TokenUse use) throws Exception {
        Authenticator authenticator = authenticator("/pool/.well-known/jwks.json", use);
        TokenUse otherUse = use == TokenUse.ID ? TokenUse.ACCESS : TokenUse.ID;

        assertThat(authenticator.authenticate(query(cognitoToken(use, CLIENT)), null))
                .isEqualTo(Identity.authenticated("user-alice", "alice"));
        AuthenticationException wrongUse = rejection(authenticator, cognitoToken(otherUse, CLIENT));
        assertThat(wrongUse.reason()).isEqualTo(Reason.WRONG_TOKEN_USE);
        assertThat(wrongUse.status()).isEqualTo(403);
        assertThat(rejection(authenticator, cognitoToken(use, "other-client")).reason())
                .isEqualTo(Reason.WRONG_AUDIENCE);
    }

    @Test
    void authenticate_idMode_neverTakesClientIdForAud_evenWithoutTokenUse() {
        Authenticator id = authenticator("/pool/.well-known/jwks.json", TokenUse.ID);
        String clientIdOnly = rs256(signingKey, "k1", claims().issuer(POOL).claim("client_id", CLIENT).build());

        assertThat(rejection(id, clientIdOnly).reason()).isEqualTo(Reason.WRONG_AUDIENCE);
    }

    @Test
    void authenticate_refusesUnknownTokenUse_inEitherMode() {
        String odd = rs256(signingKey, "k1", poolClaims().claim("token_use", "refresh").build());
        String notText = rs256(signingKey, "k1", poolClaims().claim("token_use", 1).build());

        for (TokenUse use : TokenUse.values()) {
            Authenticator authenticator = authenticator("/pool/.well-known/jwks.json", use);
            assertThat(rejection(authenticator, odd).reason()).as("%s", use).isEqualTo(Reason.WRONG_TOKEN_USE);
            assertThat(rejection(authenticator, notText).reason()).as("%s", use).isEqualTo(Reason.WRONG_TOKEN_USE);
        }
    }

    @Test
    void authenticate_refusesTokenOfAnotherPool_with403() {
        String otherPool = rs256(signingKey, "k1", claims().issuer(POOL + "x").audience(CLIENT).build());
        String noIssuer = rs256(signingKey, "k1", claims().audience(CLIENT).build());

        for (String token : new String[] {otherPool, noIssuer}) {
            AuthenticationException e = rejection(authenticator(), token);
            assertThat(e.reason()).isEqualTo(Reason.WRONG_ISSUER);
            assertThat(e.status()).isEqualTo(403);
        }
    }
}
