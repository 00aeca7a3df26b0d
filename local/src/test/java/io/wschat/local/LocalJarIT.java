package io.wschat.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@code ./run-local} starts: local.jar with its lib/ class path, the project's template.yaml, in a
 * process of its own. Catches what in-process tests cannot, such as a dependency missing from the jar's
 * class path.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LocalJarIT {

    /** The banner's line of the gateway's URL, the port the kernel picked for {@code --port 0} in it. */
    private static final Pattern WEBSOCKET_LINE = Pattern.compile("WebSocket\\s+(ws://\\S+)");

    @Test
    void theJar_startsTheStack_andTwoClientsChat() throws Exception {
        Path jar = Path.of("target", "local.jar");
        assertThat(jar).exists();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--template", "../template.yaml", "--port", "0", "--dynamodb-port", "0",
                "--sns-port", "0")
                .redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = output.readLine()) != null) {
                    lines.add(line);
                    System.out.println("[local.jar] " + line);
                    Matcher webSocket = WEBSOCKET_LINE.matcher(line);
                    if (webSocket.find()) {
                        ready.complete(URI.create(webSocket.group(1)));
                    }
                }
            } catch (java.io.IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new AssertionError("local.jar ended before it was ready"));
        }, "local-jar-output");
        reader.setDaemon(true);
        reader.start();
        try {
            URI uri = URI.create(ready.get(90, TimeUnit.SECONDS) + "/?room=jar-it&name=");
            try (TestClient alice = TestClient.connect(URI.create(uri + "alice"));
                    TestClient bob = TestClient.connect(URI.create(uri + "bob"))) {
                alice.send("{\"action\":\"sendmessage\",\"data\":\"over the jar\"}");

                JsonObject frame;
                do {
                    frame = JsonParser.parseString(bob.next()).getAsJsonObject();
                } while (!frame.get("type").getAsString().equals("message"));
                assertThat(frame.get("data").getAsString()).isEqualTo("over the jar");
            }
            assertThat(List.copyOf(lines)).noneMatch(line -> line.contains("NoClassDefFoundError")
                    || line.contains("ClassNotFoundException"));
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(Files.exists(Path.of("dynamodb-local-metadata.json"))).as("telemetry file").isFalse();
    }
}
