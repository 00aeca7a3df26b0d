package io.wschat.e2e.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.LocalOptions;
import io.wschat.local.LocalStack;
import io.wschat.local.RecordedInvocations;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The real functions from template.yaml, behind the local gateway, with real WebSocket clients. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatEndToEndIT {

    private static LocalStack stack;
    private static final RecordedInvocations INVOCATIONS = new RecordedInvocations();

    @BeforeAll
    static void start() throws Exception {
        stack = TestStacks.start(projectStack());
        stack.addInvocationListener(INVOCATIONS);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static LocalOptions projectStack() {
        return ProjectStacks.options();
    }

    private static String newRoom() {
        return "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static TestClient join(LocalStack target, String room, String name) throws Exception {
        return TestClient.connect(URI.create(target.webSocketUri() + "/?room=" + room + "&name=" + name));
    }

    /** The next frame of the given type, skipping presence notices and other types. */
    static JsonObject nextOfType(TestClient client, String type) throws InterruptedException {
        while (true) {
            JsonObject frame = JsonParser.parseString(client.next()).getAsJsonObject();
            if (frame.get("type").getAsString().equals(type)) {
                return frame;
            }
        }
    }

    /** Frames of the given type that arrive within the window. */
    static List<JsonObject> framesOfType(TestClient client, String type, Duration window) throws InterruptedException {
        List<JsonObject> frames = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        String raw;
        while ((raw = client.poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) != null) {
            JsonObject frame = JsonParser.parseString(raw).getAsJsonObject();
            if (frame.get("type").getAsString().equals(type)) {
                frames.add(frame);
            }
        }
        return frames;
    }

    /** The names stored for a room, read straight from DynamoDB. */
    static List<String> members(LocalStack target, String room) {
        String table = target.template().tables().stream()
                .filter(definition -> definition.logicalId().equals("ConnectionsTable")).findFirst().orElseThrow()
                .tableName();
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .endpointOverride(target.dynamoDbEndpoint().orElseThrow())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            List<String> names = new ArrayList<>();
            dynamoDb.scanPaginator(scan -> scan.tableName(table).filterExpression("room = :room")
                    .expressionAttributeValues(Map.of(":room", AttributeValue.fromS(room))))
                    .items().forEach(item -> names.add(item.get("name").s()));
            return names;
        }
    }

    @Test
    void oneClientSends_everyOtherMemberReceivesItExactlyOnce() throws Exception {
        String room = newRoom();
        try (TestClient alice = join(stack, room, "alice");
                TestClient bob = join(stack, room, "bob");
                TestClient carol = join(stack, room, "carol");
                TestClient outsider = join(stack, newRoom(), "dave")) {

            alice.send("{\"action\":\"sendmessage\",\"data\":\"hello room\"}");

            JsonObject atBob = nextOfType(bob, "message");
            JsonObject atCarol = nextOfType(carol, "message");
            assertThat(atBob.get("data").getAsString()).isEqualTo("hello room");
            assertThat(atBob.get("from").getAsString()).isEqualTo("alice");
            assertThat(atBob.get("room").getAsString()).isEqualTo(room);
            assertThat(atCarol.get("id").getAsString()).isEqualTo(atBob.get("id").getAsString());
            assertThat(framesOfType(bob, "message", Duration.ofMillis(500))).isEmpty();
            assertThat(framesOfType(carol, "message", Duration.ZERO)).isEmpty();
            assertThat(framesOfType(outsider, "message", Duration.ZERO)).isEmpty();
            RecordedInvocations.Invocation send = INVOCATIONS.await(i -> i.routeKey().equals("sendmessage")
                    && i.event().get("body").getAsString().contains("hello room"));
            assertThat(send.result().fanOut().count("POST", 200)).as("posts counted for the invocation")
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void closingClient_isRemovedByDisconnect() throws Exception {
        String room = newRoom();
        try (TestClient alice = join(stack, room, "alice")) {
            assertThat(alice.socket().isOutputClosed()).isFalse();
            TestClient bob = join(stack, room, "bob");
            assertThat(members(stack, room)).containsExactlyInAnyOrder("alice", "bob");

            bob.closeNormally();
            bob.awaitClose();
            String bobId = INVOCATIONS.await(i -> i.routeKey().equals("$connect")
                    && i.event().getAsJsonObject("queryStringParameters").get("room").getAsString().equals(room)
                    && i.event().getAsJsonObject("queryStringParameters").get("name").getAsString().equals("bob"))
                    .connectionId();
            assertThat(INVOCATIONS.await("$disconnect", bobId).result().statusCode()).isEqualTo(200);

            assertThat(members(stack, room)).containsExactly("alice");
        }
    }

    @Test
    void killedClient_whoseDisconnectIsLost_isCleanedUpAfterGone() throws Exception {
        // The killed client connected a moment ago: no grace, or its row would be kept as possibly still connecting.
        try (LocalStack lossy = TestStacks.start(projectStack().withDropDisconnects(true)
                .withEnvironment(Map.of("GONE_GRACE_SECONDS", "0")))) {
            RecordedInvocations invocations = new RecordedInvocations();
            lossy.addInvocationListener(invocations);
            String room = newRoom();
            try (TestClient alice = join(lossy, room, "alice")) {
                TestClient carol = join(lossy, room, "carol");
                assertThat(members(lossy, room)).containsExactlyInAnyOrder("alice", "carol");

                carol.socket().abort();
                alice.send("{\"action\":\"sendmessage\",\"data\":\"anyone there?\"}");

                RecordedInvocations.Invocation send = invocations.await(i -> i.routeKey().equals("sendmessage"));
                assertThat(send.result().fanOut().count("POST", 410)).isEqualTo(1);
                assertThat(members(lossy, room)).containsExactly("alice");
            }
        }
    }
}
