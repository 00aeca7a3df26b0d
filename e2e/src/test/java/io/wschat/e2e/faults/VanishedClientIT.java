package io.wschat.e2e.faults;

import static io.wschat.e2e.faults.ChatStacks.connectionId;
import static io.wschat.e2e.faults.ChatStacks.join;
import static io.wschat.e2e.faults.ChatStacks.names;
import static io.wschat.e2e.faults.ChatStacks.newRoom;
import static io.wschat.e2e.faults.ChatStacks.nextOfType;
import static io.wschat.e2e.faults.ChatStacks.rows;
import static io.wschat.e2e.faults.ChatStacks.sendInvocation;
import static io.wschat.e2e.faults.ChatStacks.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.wschat.local.ConsoleCapture;
import io.wschat.local.LocalStack;
import io.wschat.local.RawWebSocket;
import io.wschat.local.RecordedInvocations;
import io.wschat.local.TestClient;
import io.wschat.local.lambda.FanOut;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Clients that vanish without a close frame, on a gateway that loses every {@code $disconnect} (API Gateway's is best
 * effort): the first broadcast that gets 410 for one removes its row, and a row nobody removed stops counting once its
 * {@code expiresAt} has passed, whether or not TTL has deleted it yet.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class VanishedClientIT {

    private static final long TTL_SECONDS = 2 * 3600 + 10 * 60;

    private static ConsoleCapture console;
    private static LocalStack stack;
    private static final RecordedInvocations INVOCATIONS = new RecordedInvocations();

    @BeforeAll
    static void start() throws Exception {
        console = ConsoleCapture.install();
        // The vanished clients connected a moment ago: no grace, or their rows would be kept as still connecting.
        stack = LocalStack.start(ChatStacks.project().withDropDisconnects(true)
                .withEnvironment(Map.of("GONE_GRACE_SECONDS", "0")), console.stream());
        stack.addInvocationListener(INVOCATIONS);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        console.close();
    }

    @Test
    void clientGoneWithoutACloseFrame_isRemovedByTheFirstBroadcastThatGets410() throws Exception {
        String room = newRoom();
        try (TestClient alice = join(stack, room, "alice");
                TestClient bob = join(stack, room, "bob")) {
            RawWebSocket carol = RawWebSocket.connect(stack.port(), "/?room=" + room + "&name=carol");
            String carolId = connectionId(INVOCATIONS, room, "carol");

            carol.close();
            console.await(line -> line.contains("DISCONNECT") && line.contains(carolId)
                    && line.contains("($disconnect dropped)"), Duration.ofSeconds(10));
            assertThat(names(rows(stack, room))).as("nothing told the backend").contains("carol");

            alice.send(sendMessage("anyone there?"));

            assertThat(nextOfType(bob, "message").get("data").getAsString()).isEqualTo("anyone there?");
            FanOut fanOut = sendInvocation(INVOCATIONS, "anyone there?").result().fanOut();
            assertThat(fanOut.count("POST", 410)).isEqualTo(1);
            assertThat(fanOut.count("POST", 200)).isEqualTo(1);
            assertThat(names(rows(stack, room))).containsExactlyInAnyOrder("alice", "bob");
            assertThat(console.lines()).anyMatch(line -> line.contains("\"removed stale connection\"")
                    && line.contains(carolId));
        }
    }

    @Test
    void expiredRow_isNeitherABroadcastTargetNorListedByWho_beforeTtlDeletesIt() throws Exception {
        String room = newRoom();
        try (TestClient alice = join(stack, room, "alice");
                TestClient bob = join(stack, room, "bob")) {
            String ghost = "ghost" + UUID.randomUUID().toString().substring(0, 10) + "=";
            // The engine runs TTL deletion; with it off the row stays, as in AWS until TTL gets round to it.
            timeToLive(false);
            putExpiredRow(ghost, room);

            alice.send(sendMessage("to the living"));

            assertThat(nextOfType(bob, "message").get("data").getAsString()).isEqualTo("to the living");
            FanOut fanOut = sendInvocation(INVOCATIONS, "to the living").result().fanOut();
            assertThat(fanOut.total()).as("no post to the expired row, so no 410 either").isEqualTo(1);
            alice.send("{\"action\":\"who\"}");
            JsonObject presence = nextOfType(alice, "presence");
            List<String> listed = StreamSupport.stream(presence.getAsJsonArray("members").spliterator(), false)
                    .map(JsonElement::getAsJsonObject).map(member -> member.get("name").getAsString()).toList();
            assertThat(listed).containsExactlyInAnyOrder("alice", "bob");
            assertThat(names(rows(stack, room))).as("TTL, not the functions, deletes it")
                    .containsExactlyInAnyOrder("alice", "bob", "ghost");
        } finally {
            timeToLive(true);
        }
    }

    private static void timeToLive(boolean enabled) {
        try (DynamoDbClient dynamoDb = ChatStacks.dynamoDb(stack)) {
            dynamoDb.updateTimeToLive(b -> b.tableName(ChatStacks.connectionsTable(stack))
                    .timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(enabled)));
        }
    }

    @Test
    void everyStoredRow_expiresTwoHoursTenMinutesAfterItsConnection() throws Exception {
        String room = newRoom();
        Instant before = Instant.now();
        try (TestClient alice = join(stack, room, "alice");
                TestClient bob = join(stack, room, "bob");
                TestClient carol = join(stack, room, "carol")) {
            Instant after = Instant.now();

            List<Map<String, AttributeValue>> stored = rows(stack, room);

            assertThat(stored).hasSize(3).allSatisfy(row -> {
                long connectedAt = Long.parseLong(row.get("connectedAt").n());
                assertThat(connectedAt).isBetween(before.toEpochMilli(), after.toEpochMilli());
                assertThat(Long.parseLong(row.get("expiresAt").n())).isEqualTo(connectedAt / 1000 + TTL_SECONDS);
            });
        }
    }

    /** A row as $connect writes it, for a connection made 3 hours ago whose $disconnect never came. */
    private static void putExpiredRow(String connectionId, String room) {
        long connectedAt = Instant.now().minus(Duration.ofHours(3)).toEpochMilli();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("connectionId", AttributeValue.fromS(connectionId));
        item.put("room", AttributeValue.fromS(room));
        item.put("name", AttributeValue.fromS("ghost"));
        item.put("userId", AttributeValue.fromS("ghost"));
        item.put("anonymous", AttributeValue.fromBool(true));
        item.put("connectedAt", AttributeValue.fromN(Long.toString(connectedAt)));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(connectedAt / 1000 + TTL_SECONDS)));
        try (DynamoDbClient dynamoDb = ChatStacks.dynamoDb(stack)) {
            dynamoDb.putItem(b -> b.tableName(ChatStacks.connectionsTable(stack)).item(item));
        }
    }
}
