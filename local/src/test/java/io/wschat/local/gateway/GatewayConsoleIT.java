package io.wschat.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import io.wschat.local.ConsoleCapture;
import io.wschat.local.LocalStack;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the gateway writes to the console: a failure of its own code after an invocation is logged and leaves no
 * client waiting; text a client chose is printed escaped.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GatewayConsoleIT {

    private static final String MARKER = "listener-fails";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static ConsoleCapture console;
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        console = ConsoleCapture.echoing();
        stack = LocalStack.start(TestStacks.gatewayOnly(), console.stream());
        stack.addInvocationListener((routeKey, function, event, result) -> {
            if (event.contains(MARKER)) {
                throw new IllegalStateException("listener broke on " + routeKey);
            }
        });
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void listenerThrowingDuringConnect_answersTheHandshakeWith500_andLogsTheFailure() throws Exception {
        URI uri = URI.create(stack.webSocketUri() + "/?" + MARKER + "=1");

        assertThatThrownBy(() -> TestClient.connect(uri))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(500));
        assertThat(console.await(line -> line.contains("ERROR handshake of") && line.contains("answered 500"), WAIT))
                .isNotNull();
        assertThat(console.await(line -> line.contains("IllegalStateException: listener broke on $connect"), WAIT))
                .isNotNull();
    }

    @Test
    void listenerThrowingAfterAMessage_isLogged_andTheConnectionStaysOpen() throws Exception {
        try (TestClient client = TestClient.connect(stack.webSocketUri())) {
            client.send("{\"action\":\"oneway\",\"note\":\"" + MARKER + "\"}");

            assertThat(console.await(line -> line.contains("IllegalStateException: listener broke on oneway"), WAIT))
                    .isNotNull();
            assertThat(console.lines()).anyMatch(line -> line.contains("ERROR oneway of ")
                    && line.contains("failed after the invocation"));
            client.send("{\"action\":\"echo\"}");
            assertThat(JsonParser.parseString(client.next()).getAsJsonObject().get("routeKey").getAsString())
                    .isEqualTo("echo");
        }
    }

    @Test
    void closeReasonWithControlCharacters_isPrintedEscaped() throws Exception {
        String id;
        try (TestClient client = TestClient.connect(stack.webSocketUri())) {
            client.send("{\"action\":\"echo\"}");
            id = JsonParser.parseString(client.next()).getAsJsonObject().get("connectionId").getAsString();
            client.socket().sendClose(1000, "bye\u001b[2J\u001b]0;pwned\u0007").get(10, TimeUnit.SECONDS);
            client.awaitClose();
        }

        String line = console.await(text -> text.contains("DISCONNECT " + id), WAIT);
        assertThat(line).contains("1000 bye\\u001b[2J\\u001b]0;pwned\\u0007").doesNotContain("\u001b");
    }
}
