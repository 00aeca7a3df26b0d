package io.wschat.e2e.reliability;

import static io.wschat.e2e.ChatFrames.nextOfType;
import static io.wschat.e2e.ChatFrames.parse;
import static io.wschat.e2e.ChatFrames.sendMessage;
import static io.wschat.e2e.ProjectStacks.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.LocalStack;
import io.wschat.local.TestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/** Chat-level helpers over {@link TestClient} for the reliability tests: frames, expectations, raw handshakes. */
final class ChatClients {

    /** What a rejected (or accepted) handshake answered. */
    record Handshake(int status, String body) {
    }

    private ChatClients() {
    }

    static String newRoom() {
        return "rel-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A name no other test uses, so user ids (the name, with auth off) never collide across tests. */
    static String newName(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    static TestClient connectWithToken(LocalStack stack, String room, String token) throws Exception {
        return TestClient.connect(URI.create(stack.webSocketUri() + "/?room=" + room + "&token=" + encode(token)));
    }

    /** The connection's row in the stack's connections table, read straight from DynamoDB (consistent read). */
    static Optional<Map<String, AttributeValue>> connectionRow(LocalStack stack, String connectionId) {
        try (DynamoDbClient dynamoDb = ProjectStacks.dynamoDb(stack)) {
            GetItemResponse response = dynamoDb.getItem(get -> get.tableName(ProjectStacks.connectionsTable(stack))
                    .consistentRead(true)
                    .key(Map.of("connectionId", AttributeValue.fromS(connectionId))));
            return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
        }
    }

    /** The next chat message carrying exactly this text, skipping anything else. */
    static JsonObject nextMessage(TestClient client, String text) throws InterruptedException {
        while (true) {
            JsonObject frame = nextOfType(client, "message");
            if (frame.get("data").getAsString().equals(text)) {
                return frame;
            }
        }
    }

    /** The next error frame; fails on a chat message first, so an accepted bad frame cannot go unnoticed. */
    static JsonObject nextError(TestClient client) throws InterruptedException {
        while (true) {
            JsonObject frame = parse(client.next());
            assertThat(frame.has("type")).as("a frame without a type (API Gateway's own error?): %s", frame).isTrue();
            String type = frame.get("type").getAsString();
            if (type.equals("error")) {
                return frame;
            }
        }
    }

    static void expectError(TestClient client, String code) throws InterruptedException {
        JsonObject error = nextError(client);
        assertThat(error.get("code").getAsString()).as("error frame %s", error).isEqualTo(code);
        assertThat(error.get("message").getAsString()).isNotBlank();
    }

    /** Both clients still send and receive in their room: each one's message reaches the other. */
    static void assertStillServes(TestClient a, TestClient b) throws Exception {
        String toB = "still here " + UUID.randomUUID();
        a.send(sendMessage(toB));
        assertThat(nextMessage(b, toB).get("data").getAsString()).isEqualTo(toB);
        String toA = "and here " + UUID.randomUUID();
        b.send(sendMessage(toA));
        assertThat(nextMessage(a, toA).get("data").getAsString()).isEqualTo(toA);
    }

    /**
     * A WebSocket handshake over a plain socket, returning the status and body as sent, which the JDK client
     * hides when it refuses the upgrade.
     */
    static Handshake handshake(LocalStack stack, String pathAndQuery, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket("localhost", stack.port())) {
            socket.setSoTimeout(20_000);
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", "localhost:" + stack.port());
            all.put("Upgrade", "websocket");
            all.put("Connection", "Upgrade");
            all.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(key));
            all.put("Sec-WebSocket-Version", "13");
            all.putAll(headers);
            StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n");
            all.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            if (status == 101) {
                return new Handshake(status, "");
            }
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return new Handshake(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during handshake: " + head);
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.UTF_8);
    }
}
