package io.wschat.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.wschat.shared.testing.FakeSns;
import io.wschat.shared.testing.Fixtures;
import io.wschat.shared.testing.HttpReplies;
import io.wschat.shared.testing.ShadedJar;
import io.wschat.shared.testing.ShadedJarTestBase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The built connect.jar, run on its own in a child JVM through the Lambda constructor. */
@Timeout(90)
class ConnectJarIT extends ShadedJarTestBase {

    private static final String SECRET = "jar-test-secret-of-at-least-32-bytes!!";

    ConnectJarIT() {
        super("connect", ConnectHandler.class);
    }

    /** As the template deploys it: the key named by JWT_SECRET_ARN, read from Secrets Manager at start-up. */
    @Test
    void jar_readsItsKeyFromSecretsManager_primesAndConnects_onItsOwn_withContainerCredentials() throws Exception {
        String connectionId = Fixtures.connectionId();
        String arn = "arn:aws:secretsmanager:us-east-1:000000000000:secret:wschat-jwt-AbCdEf";
        try (SecretsManagerStub secrets = SecretsManagerStub.start().put(arn, SECRET)) {
            Map<String, String> env = backends.environment();
            env.put("AUTH_MODE", "hs256");
            env.put("JWT_SECRET_ARN", arn);
            env.put("SECRETSMANAGER_ENDPOINT", secrets.endpoint());
            env.put("AWS_LAMBDA_FUNCTION_NAME", "ConnectFunction");

            ShadedJar.Result result = run(env,
                    new ShadedJar.Event("$connect", "CONNECT", "refused=", null, "room=lobby&token=not-a-token"),
                    new ShadedJar.Event("$connect", "CONNECT", connectionId, null,
                            "room=lobby&token=" + token(SECRET, "u-alice", "alice")));

            result.assertRanCleanly(401, 200);
            assertThat(secrets.calls()).as(result.output())
                    .containsExactly(new SecretsManagerStub.Call("secretsmanager.GetSecretValue", arn, true));
            assertThat(store.find(connectionId))
                    .hasValueSatisfying(connection -> assertThat(connection.userId()).isEqualTo("u-alice"));
            assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("connected", "joined");
            assertThat(jar.credentialRequests()).isPositive();
        }
    }

    /** The child exited normally, every priming step succeeded, and the events were answered with {@code statuses}. */
    private static String token(String secret, String subject, String name) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("name", name)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void jar_verifiesRs256AgainstAJwks_onItsOwn() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").keyUse(KeyUse.SIGNATURE).generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        HttpServer keys = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        keys.createContext("/jwks.json", exchange -> {
            try (exchange) {
                HttpReplies.send(exchange, 200, "application/json", jwks);
            }
        });
        keys.start();
        try {
            String connectionId = Fixtures.connectionId();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                    new JWTClaimsSet.Builder().subject("u-bob").claim("name", "bob").issueTime(new Date())
                            .issuer("https://issuer.example").audience("wschat")
                            .expirationTime(Date.from(Instant.now().plusSeconds(3600))).build());
            jwt.sign(new RSASSASigner(key));
            Map<String, String> env = backends.environment();
            env.put("AUTH_MODE", "jwks");
            env.put("JWKS_URL", "http://127.0.0.1:" + keys.getAddress().getPort() + "/jwks.json");
            env.put("JWT_ISSUER", "https://issuer.example");
            env.put("JWT_AUDIENCE", "wschat");

            ShadedJar.Result result = run(env, new ShadedJar.Event("$connect", "CONNECT", connectionId, null,
                    "room=lobby&token=" + jwt.serialize()));

            result.assertRanCleanly(200);
            assertThat(store.find(connectionId))
                    .hasValueSatisfying(connection -> assertThat(connection.userId()).isEqualTo("u-bob"));
        } finally {
            keys.stop(0);
        }
    }
}
