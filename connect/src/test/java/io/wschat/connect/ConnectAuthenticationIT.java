package io.wschat.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wschat.shared.Connection;
import io.wschat.shared.Dependencies;
import io.wschat.shared.testing.Fixtures;
import io.wschat.shared.testing.HandlerTestBase;
import io.wschat.shared.testing.TestContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code $connect} with {@code AUTH_MODE=hs256}: the identity comes from the token, a refused token fails the handshake. */
@Timeout(30)
class ConnectAuthenticationIT extends HandlerTestBase {

    private static final String SECRET = "connect-test-secret-0123456789abcdef0123";
    private static final String AUDIENCE = "wschat";

    private final String connectionId = Fixtures.connectionId();
    private ConnectHandler handler;

    @BeforeEach
    void setUp() {
        handler = new ConnectHandler(backends.dependencies(env -> {
            env.put("AUTH_MODE", "hs256");
            env.put("JWT_SECRET", SECRET);
            env.put("JWT_AUDIENCE", AUDIENCE);
        }));
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject("sub-alice-42")
                .claim("name", "Alice Liddell")
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)));
    }

    private static String token(JWTClaimsSet claims, String secret) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String token(UnaryOperator<JWTClaimsSet.Builder> change) {
        return token(change.apply(claims()).build(), SECRET);
    }

    private APIGatewayV2WebSocketResponse connect(Map<String, String> query) {
        return handler.handle(Fixtures.connect(connectionId, query), new TestContext("connect"));
    }

    @Test
    void connect_takesUserIdAndNameFromTheTokensClaims_andIgnoresTheNameParameter() {
        APIGatewayV2WebSocketResponse response = connect(Map.of("room", "lobby", "name", "mallory",
                "token", token(c -> c)));

        assertThat(response.getStatusCode()).isEqualTo(200);
        Connection stored = store.find(connectionId).orElseThrow();
        assertThat(stored.userId()).isEqualTo("sub-alice-42");
        assertThat(stored.name()).isEqualTo("Alice Liddell");
        assertThat(stored.anonymous()).isFalse();
        assertThat(sns.publishes().get(0).json().get("userId").getAsString()).isEqualTo("sub-alice-42");
    }

    @Test
    void connect_makesAClaimedNameFitTheNameRules() {
        connect(Map.of("token", token(c -> c.claim("name", "  <b>Alice</b> (admin) \u0007"))));

        assertThat(store.find(connectionId).orElseThrow().name()).isEqualTo("bAliceb admin");
    }

    @Test
    void connect_acceptsTheTokenInTheAuthorizationHeader() {
        var event = Fixtures.connect(connectionId, Map.of("room", "lobby"));
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("Authorization", "Bearer " + token(c -> c));
        event.setHeaders(headers);

        APIGatewayV2WebSocketResponse response = handler.handle(event, new TestContext("connect"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(store.find(connectionId).orElseThrow().userId()).isEqualTo("sub-alice-42");
    }

    @Test
    void connect_rejectsWith401_withoutAToken() {
        assertRejected(connect(Map.of("room", "lobby", "name", "alice")), 401);
    }

    @Test
    void connect_rejectsWith401_anExpiredToken() {
        String expired = token(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(3600))));

        assertRejected(connect(Map.of("token", expired)), 401);
    }

    @Test
    void connect_rejectsWith401_aTokenSignedWithAnotherSecret() {
        String forged = token(claims().build(), "another-secret-0123456789abcdef0123456789");

        assertRejected(connect(Map.of("token", forged)), 401);
    }

    @Test
    void connect_rejectsWith401_aTamperedToken() {
        String[] parts = token(c -> c).split("\\.");
        String otherPayload = token(c -> c.subject("admin")).split("\\.")[1];

        assertRejected(connect(Map.of("token", parts[0] + "." + otherPayload + "." + parts[2])), 401);
    }

    @Test
    void connect_rejectsWith401_garbage() {
        assertRejected(connect(Map.of("token", "not-a-jwt")), 401);
    }

    @Test
    void connect_rejectsWith403_aValidTokenForAnotherAudience() {
        assertRejected(connect(Map.of("token", token(c -> c.audience("another-service")))), 403);
    }

    @Test
    void constructor_failsFast_inLambdaWithoutAuthMode() {
        Map<String, String> env = backends.environment();
        env.put("AWS_LAMBDA_FUNCTION_NAME", "wschat-connect");
        try (Dependencies lambda = Dependencies.from(env)) {
            assertThatThrownBy(() -> new ConnectHandler(lambda))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("AUTH_MODE");
        }
    }

    private void assertRejected(APIGatewayV2WebSocketResponse response, int status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getBody()).startsWith("Authentication failed").doesNotContain("eyJ");
        assertThat(store.find(connectionId)).isEmpty();
        assertThat(sns.publishes()).isEmpty();
        assertThat(api.recipients()).isEmpty();
    }

    @Test
    void connect_limitsOpenConnectionsPerUser_whateverTheAddress() {
        ConnectHandler onePerUser = new ConnectHandler(backends.dependencies(env -> {
            env.put("AUTH_MODE", "hs256");
            env.put("JWT_SECRET", SECRET);
            env.put("JWT_AUDIENCE", AUDIENCE);
            env.put("MAX_CONNECTIONS_PER_USER", "1");
        }));
        String sub = "sub-" + UUID.randomUUID();
        String token = token(c -> c.subject(sub));
        APIGatewayV2WebSocketEvent second = Fixtures.connect(Fixtures.connectionId(), Map.of("token", token));
        second.getRequestContext().getIdentity().setSourceIp("198.51.100.200");

        APIGatewayV2WebSocketResponse first = onePerUser.handle(Fixtures.connect(connectionId, Map.of("token", token)),
                new TestContext("connect"));
        APIGatewayV2WebSocketResponse refused = onePerUser.handle(second, new TestContext("connect"));
        APIGatewayV2WebSocketResponse otherUser = onePerUser.handle(Fixtures.connect(Fixtures.connectionId(),
                Map.of("token", token(c -> c.subject(sub + "-other")))), new TestContext("connect"));

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(refused.getStatusCode()).isEqualTo(429);
        assertThat(refused.getBody()).isEqualTo(
                "Too many connections: at most 1 open at once per user; close one and try again.");
        assertThat(store.find(second.getRequestContext().getConnectionId())).isEmpty();
        assertThat(otherUser.getStatusCode()).as("another user from the same address").isEqualTo(200);
    }
}
