package io.wschat.e2e.reliability;

import static io.wschat.e2e.ChatFrames.nextOfType;
import static io.wschat.e2e.ChatFrames.sendMessage;
import static io.wschat.e2e.ProjectStacks.encode;
import static io.wschat.e2e.reliability.ChatClients.expectError;
import static io.wschat.e2e.reliability.ChatClients.handshake;
import static io.wschat.e2e.reliability.ChatClients.newRoom;
import static io.wschat.e2e.reliability.ChatClients.nextMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.e2e.ProjectStack;
import io.wschat.local.LocalStack;
import io.wschat.local.TestClient;
import io.wschat.token.MintToken;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Everything the functions (and the local stack) print during a chat with authentication on and LOG_LEVEL=INFO:
 * no token, no part of one, no secret and no chat text, while the lines that should be there are.
 *
 * <p>The functions' {@code Log} writes to the {@code System.out} of the moment their dependencies are built, so the
 * stack's console capture replaces it before the stack starts and restores it afterwards (failsafe runs test classes
 * one at a time).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LogHygieneIT {

    @RegisterExtension
    static final ProjectStack STACK = ProjectStack.of(BadTokenIT.authStack().withParameters(Map.of("AuthMode",
            "hs256", "JwtIssuer", BadTokenIT.ISSUER, "JwtAudience", BadTokenIT.AUDIENCE, "LogLevel", "INFO")))
            .capturingConsole();

    @Test
    void chatWithAuthOn_logsNoTokenNoSecretAndNoText() throws Exception {
        String room = newRoom();
        String aliceSubject = "alice-" + UUID.randomUUID();
        String bobSubject = "bob-" + UUID.randomUUID();
        String aliceToken = BadTokenIT.token(aliceSubject, "Alice");
        String bobToken = BadTokenIT.token(bobSubject, "Bob");
        List<String> tokens = new ArrayList<>(List.of(aliceToken, bobToken));
        List<String> texts = new ArrayList<>();
        LocalStack stack = STACK.stack();

        try (TestClient alice = TestClient.connect(URI.create(stack.webSocketUri() + "/?room=" + room + "&token="
                + encode(aliceToken)));
                TestClient bob = TestClient.connect(URI.create(stack.webSocketUri() + "/?room=" + room),
                        Map.of("Authorization", "Bearer " + bobToken), List.of())) {
            String message = "message-text-" + UUID.randomUUID();
            texts.add(message);
            alice.send(sendMessage(message));
            nextMessage(bob, message);

            String whisper = "whisper-text-" + UUID.randomUUID();
            texts.add(whisper);
            alice.send("{\"action\":\"whisper\",\"to\":\"" + bobSubject + "\",\"data\":\"" + whisper + "\"}");
            assertThat(nextOfType(bob, "whisper").get("data").getAsString()).isEqualTo(whisper);

            String refused = "refused-text-" + UUID.randomUUID();
            texts.add(refused);
            alice.send(sendMessage(refused + "\u0007"));
            expectError(alice, "INVALID_TEXT");
            alice.send("{\"action\":\"history\",\"limit\":10}");
            assertThat(nextOfType(alice, "history").toString()).contains(message);
            bob.send("{\"action\":\"who\"}");
            nextOfType(bob, "presence");

            for (String bad : badTokens()) {
                tokens.add(bad);
                assertThat(handshake(stack, "/?room=" + room + "&token=" + encode(bad), Map.of()).status())
                        .isIn(401, 403);
            }
            alice.closeNormally();
            bob.closeNormally();
            alice.awaitClose();
            bob.awaitClose();
        }
        awaitDisconnects(2);

        String log = String.join("\n", STACK.console().lines());
        assertThat(log).as("the capture saw the functions' lines")
                .contains("\"message\":\"connection stored\"", "\"message\":\"message broadcast\"",
                        "\"message\":\"whisper delivered\"", "\"message\":\"frame rejected\"",
                        "\"message\":\"connection rejected\"", "\"message\":\"connection removed\"");
        assertThat(log).doesNotContain("\"level\":\"DEBUG\"");
        assertThat(log).doesNotContain(BadTokenIT.SECRET);
        for (String token : tokens) {
            for (String part : token.split("\\.")) {
                if (part.length() >= 8) {
                    assertThat(log).as("a token part").doesNotContain(part);
                }
            }
        }
        for (String text : texts) {
            assertThat(log).as("chat text").doesNotContain(text);
        }
    }

    private static List<String> badTokens() {
        String[] parts = BadTokenIT.token("mallory", "Mallory").split("\\.");
        return List.of(
                parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA",
                MintToken.mint(BadTokenIT.SECRET, "carol", "Carol", Duration.ofHours(1), BadTokenIT.ISSUER,
                        BadTokenIT.AUDIENCE, Instant.now().minus(Duration.ofHours(3))),
                MintToken.mint(BadTokenIT.SECRET, "dave", "Dave", Duration.ofHours(1), BadTokenIT.ISSUER,
                        "another-app"),
                MintToken.mint("another-secret-of-at-least-32-bytes-long", "erin", "Erin", Duration.ofHours(1),
                        BadTokenIT.ISSUER, BadTokenIT.AUDIENCE));
    }

    private static long disconnects() {
        return STACK.invocations().count(i -> i.routeKey().equals("$disconnect"));
    }

    /** Waits until the stack has run this many {@code $disconnect} invocations (their log lines are written). */
    private static void awaitDisconnects(int expected) throws InterruptedException {
        STACK.invocations().await(i -> disconnects() >= expected);
    }
}
