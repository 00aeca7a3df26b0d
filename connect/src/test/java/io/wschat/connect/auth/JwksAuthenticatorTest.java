package io.wschat.connect.auth;

import static io.wschat.connect.auth.TestTokens.claims;
import static io.wschat.connect.auth.TestTokens.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import io.wschat.connect.auth.AuthenticationException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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

@Timeout(30)
class JwksAuthenticatorTest {

    private static final String POOL = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TEST";

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
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Authenticator authenticator(String path, String issuer, Set<String> audiences) {
        AuthConfig config = new AuthConfig(AuthConfig.Mode.JWKS, null, URI.create(baseUrl + path), issuer, audiences);
        return JwtAuthenticator.jwks(config, TestTokens.CLOCK);
    }

    private static Authenticator authenticator() {
        return authenticator("/pool/.well-known/jwks.json", null, Set.of());
    }

    private static String rs256(RSAKey key, String kid) throws JOSEException {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
        return TestTokens.sign(header, new RSASSASigner(key), claims().build());
    }

    private static AuthenticationException rejection(Authenticator authenticator, String token) {
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> authenticator.authenticate(query(token), Map.of()));
        assertThat(e).as("token must be rejected").isNotNull();
        assertThat(e.getMessage()).isEqualTo(e.reason().text()).doesNotContain(token);
        return e;
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
                "AUTH_MODE", "jwks", "JWKS_URL", baseUrl + "/pool/.well-known/jwks.json"));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build();
        String live = TestTokens.sign(header, new RSASSASigner(signingKey), claims()
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
            String forged = TestTokens.sign(header, new MACSigner(secret), claims().build());

            AuthenticationException e = rejection(authenticator, forged);

            assertThat(e.reason()).isEqualTo(Reason.ALGORITHM_NOT_ACCEPTED);
            assertThat(e.status()).isEqualTo(401);
        }
    }

    @Test
    void authenticate_rejectsOtherRsaAlgorithms_withTheRightKey() throws Exception {
        for (JWSAlgorithm alg : new JWSAlgorithm[] {JWSAlgorithm.RS512, JWSAlgorithm.PS256}) {
            JWSHeader header = new JWSHeader.Builder(alg).keyID("k1").build();
            String token = TestTokens.sign(header, new RSASSASigner(signingKey), claims().build());

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
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        AuthConfig config = new AuthConfig(AuthConfig.Mode.JWKS, null,
                URI.create("http://127.0.0.1:" + closedPort + "/jwks.json"), null, Set.of());
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
            Throwable thrown = catchThrowable(() -> authenticator(path, null, Set.of()).authenticate(query(token), null));

            assertThat(thrown).as(path).isInstanceOf(AuthenticationException.class);
            assertThat(((AuthenticationException) thrown).status()).as(path).isEqualTo(503);
        }
    }

    @Test
    void authenticate_checksCognitoIssuerAndClientId() throws Exception {
        Authenticator authenticator = authenticator("/pool/.well-known/jwks.json", POOL, Set.of("app-client"));
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build();
        String idToken = TestTokens.sign(header, new RSASSASigner(signingKey), claims().claim("name", null)
                .issuer(POOL).audience("app-client").claim("cognito:username", "alice").claim("token_use", "id")
                .build());
        String accessToken = TestTokens.sign(header, new RSASSASigner(signingKey), claims().claim("name", null)
                .issuer(POOL).claim("client_id", "app-client").claim("username", "alice")
                .claim("token_use", "access").build());
        String otherPool = TestTokens.sign(header, new RSASSASigner(signingKey), claims()
                .issuer(POOL + "x").audience("app-client").build());

        assertThat(authenticator.authenticate(query(idToken), null)).isEqualTo(
                Identity.authenticated("user-alice", "alice"));
        assertThat(authenticator.authenticate(query(accessToken), null).name()).isEqualTo("alice");
        assertThat(rejection(authenticator, otherPool).status()).isEqualTo(403);
    }
}
