package io.wschat.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wschat.connect.auth.SecretReadException;
import io.wschat.shared.Dependencies;
import io.wschat.shared.testing.Fixtures;
import io.wschat.shared.testing.HandlerTestBase;
import io.wschat.shared.testing.TestContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code AUTH_MODE=hs256} with {@code JWT_SECRET_ARN}, as the template deploys it: the key comes from Secrets
 * Manager (here a loopback server speaking its protocol), read once while the handler is built.
 */
@Timeout(30)
class ConnectSecretIT extends HandlerTestBase {

    private static final String ARN = "arn:aws:secretsmanager:us-east-1:000000000000:secret:wschat-jwt-AbCdEf";
    private static final String SECRET = "generatedSecretWithoutPunctuation0123456789ABCDEFGHIJKLMNOPQRSTUV";

    private final SecretsManagerStub secrets = SecretsManagerStub.start().put(ARN, SECRET);

    @AfterEach
    void stop() {
        secrets.close();
    }

    private Dependencies dependencies(String secretArn) {
        return backends.dependencies(env -> {
            env.put("AUTH_MODE", "hs256");
            env.put("JWT_SECRET_ARN", secretArn);
            env.put("SECRETSMANAGER_ENDPOINT", secrets.endpoint());
        });
    }

    private static String token(String secret, String subject) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static APIGatewayV2WebSocketResponse connect(ConnectHandler handler, String token) {
        return handler.handle(Fixtures.connect(Fixtures.connectionId(), Map.of("room", "lobby",
                "token", token)), new TestContext("connect"));
    }

    @Test
    void constructor_readsTheKeyFromSecretsManagerOnce_andConnectsWithTokensItSigned() {
        ConnectHandler handler = new ConnectHandler(dependencies(ARN));

        assertThat(secrets.calls()).as("read while the handler is built, before any request")
                .containsExactly(new SecretsManagerStub.Call("secretsmanager.GetSecretValue", ARN, true));
        assertThat(connect(handler, token(SECRET, "u-1")).getStatusCode()).isEqualTo(200);
        assertThat(connect(handler, token(SECRET, "u-2")).getStatusCode()).isEqualTo(200);
        assertThat(connect(handler, token("another-secret-0123456789abcdef0123456789", "u-3")).getStatusCode())
                .isEqualTo(401);
        assertThat(secrets.calls()).as("the key is kept, not read per request").hasSize(1);
    }

    @Test
    void constructor_failsFast_whenTheSecretCannotBeRead_withoutItsValue() {
        Dependencies missing = dependencies(ARN + "-gone");

        assertThatThrownBy(() -> new ConnectHandler(missing))
                .isInstanceOf(SecretReadException.class)
                .hasMessageContaining("JWT_SECRET_ARN " + ARN + "-gone")
                .hasMessageContaining("ResourceNotFoundException")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void constructor_failsFast_whenTheSecretIsShorterThan32Bytes_withoutItsValue() {
        secrets.put(ARN, "too-short-0123456789");

        assertThatThrownBy(() -> new ConnectHandler(dependencies(ARN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("too-short-0123456789");
    }

    @Test
    void constructor_usesJwtSecret_andReadsNothing_whenBothAreSet() {
        String local = "local-secret-0123456789abcdef0123456789";
        ConnectHandler handler = new ConnectHandler(backends.dependencies(env -> {
            env.put("AUTH_MODE", "hs256");
            env.put("JWT_SECRET", local);
            env.put("JWT_SECRET_ARN", ARN);
            env.put("SECRETSMANAGER_ENDPOINT", secrets.endpoint());
        }));

        assertThat(connect(handler, token(local, "u-1")).getStatusCode()).isEqualTo(200);
        assertThat(secrets.calls()).isEmpty();
    }
}
