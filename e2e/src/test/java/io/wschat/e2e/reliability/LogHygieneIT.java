package io.wschat.e2e.reliability;

import static io.wschat.e2e.ChatFrames.nextOfType;
import static io.wschat.e2e.ChatFrames.sendMessage;
import static io.wschat.e2e.ProjectStacks.encode;
import static io.wschat.e2e.reliability.ChatClients.expectError;
import static io.wschat.e2e.reliability.ChatClients.handshake;
import static io.wschat.e2e.reliability.ChatClients.newRoom;
import static io.wschat.e2e.reliability.ChatClients.nextMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.local.LocalStack;
import io.wschat.local.RecordedInvocations;
import io.wschat.local.TestClient;
import io.wschat.token.MintToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Everything the functions (and the local stack) print during a chat with authentication on and LOG_LEVEL=INFO:
 * no token, no part of one, no secret and no chat text, while the lines that should be there are.
 *
 * <p>The functions' {@code Log} writes to the {@code System.out} of the moment their dependencies are built, so the
 * capture replaces it before the stack starts and restores it afterwards (failsafe runs test classes one at a time).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LogHygieneIT {

    private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();
    private static final RecordedInvocations INVOCATIONS = new RecordedInvocations();
    private static PrintStream original;
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        original = System.out;
        PrintStream tee = new PrintStream(new Tee(original, CAPTURED), true, StandardCharsets.UTF_8);
        System.setOut(tee);
        stack = LocalStack.start(BadTokenIT.authStack().withParameters(Map.of("AuthMode", "hs256",
                "JwtIssuer", BadTokenIT.ISSUER, "JwtAudience", BadTokenIT.AUDIENCE, "LogLevel", "INFO")), tee);
        stack.addInvocationListener(INVOCATIONS);
    }

    @AfterAll
    static void stop() {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void chatWithAuthOn_logsNoTokenNoSecretAndNoText() throws Exception {
        String room = newRoom();
        String aliceSubject = "alice-" + UUID.randomUUID();
        String bobSubject = "bob-" + UUID.randomUUID();
        String aliceToken = BadTokenIT.token(aliceSubject, "Alice");
        String bobToken = BadTokenIT.token(bobSubject, "Bob");
        List<String> tokens = new ArrayList<>(List.of(aliceToken, bobToken));
        List<String> texts = new ArrayList<>();

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

        String log = CAPTURED.toString(StandardCharsets.UTF_8);
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
        return INVOCATIONS.count(i -> i.routeKey().equals("$disconnect"));
    }

    /** Waits until the stack has run this many {@code $disconnect} invocations (their log lines are written). */
    private static void awaitDisconnects(int expected) throws InterruptedException {
        INVOCATIONS.await(i -> disconnects() >= expected);
    }

    /** Writes to both streams. */
    private static final class Tee extends OutputStream {

        private final OutputStream first;
        private final ByteArrayOutputStream second;

        Tee(OutputStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) {
            second.write(b);
            try {
                first.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            second.write(bytes, offset, length);
            try {
                first.write(bytes, offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            first.flush();
        }
    }
}
