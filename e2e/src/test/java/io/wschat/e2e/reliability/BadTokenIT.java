package io.wschat.e2e.reliability;

import static io.wschat.e2e.ChatFrames.sendMessage;
import static io.wschat.e2e.ProjectStacks.encode;
import static io.wschat.e2e.reliability.ChatClients.assertStillServes;
import static io.wschat.e2e.reliability.ChatClients.connectWithToken;
import static io.wschat.e2e.reliability.ChatClients.handshake;
import static io.wschat.e2e.reliability.ChatClients.newRoom;
import static io.wschat.e2e.reliability.ChatClients.nextMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.wschat.e2e.ProjectStack;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.LocalOptions;
import io.wschat.local.TestClient;
import io.wschat.token.MintToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code $connect} with authentication on (AUTH_MODE=hs256 with issuer and audience checks, as a deployment sets
 * them), end to end through the local STACK.stack(): every bad token is refused at the handshake with 401 or 403 and a body
 * that never echoes it, a good one connects under the token's identity, and two authenticated bystanders keep
 * chatting throughout.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BadTokenIT {

    static final String SECRET = "reliability-test-secret-0123456789abcdef";
    static final String ISSUER = "wschat";
    static final String AUDIENCE = "wschat";
    private static final Duration HOUR = Duration.ofHours(1);


    private String room;
    private TestClient alice;
    private TestClient bob;

    @RegisterExtension
    static final ProjectStack STACK = ProjectStack.of(authStack());

    /**
     * template.yaml with the template's own AUTH_MODE path: hs256 with issuer and audience. The key is given as
     * JWT_SECRET, as for every local run: the template's JWT_SECRET_ARN names a Secrets Manager secret, which the
     * local runtime does not stand in for.
     */
    static LocalOptions authStack() {
        return ProjectStacks.options()
                .withAuthFromTemplate(true)
                .withParameters(Map.of("AuthMode", "hs256", "JwtIssuer", ISSUER, "JwtAudience", AUDIENCE))
                .withEnvironment(Map.of("JWT_SECRET", SECRET));
    }

    static String token(String subject, String name) {
        return MintToken.mint(SECRET, subject, name, HOUR, ISSUER, AUDIENCE);
    }

    @BeforeEach
    void bystanders() throws Exception {
        room = newRoom();
        alice = connectWithToken(STACK.stack(), room, token("alice-" + UUID.randomUUID(), "Alice"));
        bob = connectWithToken(STACK.stack(), room, token("bob-" + UUID.randomUUID(), "Bob"));
    }

    @AfterEach
    void closeBystanders() {
        alice.close();
        bob.close();
    }

    /** The handshake with this token in the query string is refused with the status, without echoing it. */
    private void refused(String token, int status) throws Exception {
        ChatClients.Handshake answer = handshake(STACK.stack(), "/?room=" + room + "&token=" + encode(token), Map.of());
        assertThat(answer.status()).as("handshake status for %s", token).isEqualTo(status);
        assertThat(answer.body()).startsWith("Authentication failed");
        for (String part : token.split("\\.")) {
            if (part.length() >= 8) {
                assertThat(answer.body()).doesNotContain(part);
            }
        }
        assertStillServes(alice, bob);
    }

    @Test
    void missingToken_is401() throws Exception {
        ChatClients.Handshake answer = handshake(STACK.stack(), "/?room=" + room + "&name=admin", Map.of());
        assertThat(answer.status()).isEqualTo(401);
        assertStillServes(alice, bob);
    }

    @Test
    void garbageToken_is401() throws Exception {
        refused("not-a-jwt", 401);
        refused("a.b.c", 401);
        refused("x".repeat(7000), 401);
    }

    @Test
    void tokenSignedWithAnotherSecret_is401() throws Exception {
        refused(MintToken.mint("another-secret-of-at-least-32-bytes-long", "mallory", "Mallory", HOUR, ISSUER,
                AUDIENCE), 401);
    }

    @Test
    void expiredToken_is401() throws Exception {
        refused(MintToken.mint(SECRET, "carol", "Carol", HOUR, ISSUER, AUDIENCE,
                Instant.now().minus(Duration.ofHours(2))), 401);
    }

    @Test
    void tamperedPayload_is401() throws Exception {
        String[] parts = token("mallory", "Mallory").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"mallory\"", "\"alice\"");
        refused(parts[0] + "." + base64Url(claims) + "." + parts[2], 401);
    }

    @Test
    void otherAlgorithms_are401() throws Exception {
        String[] parts = token("mallory", "Mallory").split("\\.");
        refused(base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".", 401);
        refused(base64Url("{\"alg\":\"NONE\"}") + "." + parts[1] + ".", 401);
        refused(base64Url("{\"alg\":\"HS512\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2], 401);
        refused(base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2], 401);
    }

    @Test
    void validTokenForAnotherIssuerOrAudience_is403() throws Exception {
        refused(MintToken.mint(SECRET, "dave", "Dave", HOUR, "someone-else", AUDIENCE), 403);
        refused(MintToken.mint(SECRET, "dave", "Dave", HOUR, ISSUER, "another-app"), 403);
        refused(MintToken.mint(SECRET, "dave", "Dave", HOUR, null, AUDIENCE), 403);
    }

    @Test
    void goodToken_connectsUnderTheTokensIdentity_andTheNameParameterIsIgnored() throws Exception {
        String subject = "erin-" + UUID.randomUUID();
        String query = "/?room=" + room + "&name=admin&token=" + encode(token(subject, "Erin"));
        try (TestClient erin = TestClient.connect(java.net.URI.create(STACK.stack().webSocketUri() + query))) {
            erin.send(sendMessage("hi from erin"));
            JsonObject atBob = nextMessage(bob, "hi from erin");
            assertThat(atBob.get("from").getAsString()).isEqualTo("Erin");
            assertThat(atBob.get("userId").getAsString()).isEqualTo(subject);
        }
    }

    @Test
    void bearerHeader_isAcceptedLikeTheQueryParameter() throws Exception {
        String subject = "frank-" + UUID.randomUUID();
        try (TestClient frank = TestClient.connect(java.net.URI.create(STACK.stack().webSocketUri() + "/?room=" + room),
                Map.of("Authorization", "Bearer " + token(subject, "Frank")), List.of())) {
            frank.send(sendMessage("hi from frank"));
            assertThat(nextMessage(alice, "hi from frank").get("userId").getAsString()).isEqualTo(subject);
        }
        assertThat(handshake(STACK.stack(), "/?room=" + room, Map.of("Authorization", "Bearer not-a-jwt")).status())
                .isEqualTo(401);
    }

    @Test
    void markupInTheTokensName_becomesAPlainDisplayName() throws Exception {
        String subject = "gina-" + UUID.randomUUID();
        try (TestClient gina = connectWithToken(STACK.stack(), room, token(subject, "<script>alert(1)</script>Gina"))) {
            gina.send(sendMessage("hi from gina"));
            JsonObject atBob = nextMessage(bob, "hi from gina");
            assertThat(atBob.get("from").getAsString()).doesNotContain("<", ">", "(", ")").contains("Gina");
        }
    }

    @Test
    void authenticatedConnection_cannotRename() throws Exception {
        alice.send("{\"action\":\"rename\",\"name\":\"Bob\"}");
        ChatClients.expectError(alice, "NOT_ALLOWED");
        assertStillServes(alice, bob);
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
