package io.wschat.e2e.faults;

import static io.wschat.e2e.ChatFrames.nextOfType;
import static io.wschat.e2e.ChatFrames.sendMessage;
import static io.wschat.e2e.ProjectStacks.connectionRows;
import static io.wschat.e2e.ProjectStacks.names;
import static io.wschat.e2e.faults.ChatStacks.connectionId;
import static io.wschat.e2e.faults.ChatStacks.newRoom;
import static io.wschat.e2e.faults.ChatStacks.sendInvocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.wschat.e2e.ProjectStack;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.RawWebSocket;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
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


    // The vanished clients connected a moment ago: no grace, or their rows would be kept as still connecting.
    @RegisterExtension
    static final ProjectStack STACK = ProjectStack.of(ProjectStacks.options().withDropDisconnects(true)
            .withEnvironment(Map.of("GONE_GRACE_SECONDS", "0"))).capturingConsole();

    @Test
    void clientGoneWithoutACloseFrame_isRemovedByTheFirstBroadcastThatGets410() throws Exception {
        String room = newRoom();
        try (TestClient alice = STACK.join(room, "alice");
                TestClient bob = STACK.join(room, "bob")) {
            RawWebSocket carol = RawWebSocket.connect(STACK.stack().port(), "/?room=" + room + "&name=carol");
            String carolId = connectionId(STACK.invocations(), room, "carol");

            carol.close();
            STACK.console().await(line -> line.contains("DISCONNECT") && line.contains(carolId)
                    && line.contains("($disconnect dropped)"), Duration.ofSeconds(10));
            assertThat(names(connectionRows(STACK.stack(), room))).as("nothing told the backend").contains("carol");

            alice.send(sendMessage("anyone there?"));

            assertThat(nextOfType(bob, "message").get("data").getAsString()).isEqualTo("anyone there?");
            FanOut fanOut = sendInvocation(STACK.invocations(), "anyone there?").result().fanOut();
            assertThat(fanOut.count("POST", 410)).isEqualTo(1);
            assertThat(fanOut.count("POST", 200)).isEqualTo(1);
            assertThat(names(connectionRows(STACK.stack(), room))).containsExactlyInAnyOrder("alice", "bob");
            assertThat(STACK.console().lines()).anyMatch(line -> line.contains("\"removed stale connection\"")
                    && line.contains(carolId));
        }
    }

    @Test
    void expiredRow_isNeitherABroadcastTargetNorListedByWho_beforeTtlDeletesIt() throws Exception {
        String room = newRoom();
        try (TestClient alice = STACK.join(room, "alice");
                TestClient bob = STACK.join(room, "bob")) {
            String ghost = "ghost" + UUID.randomUUID().toString().substring(0, 10) + "=";
            // The engine runs TTL deletion; with it off the row stays, as in AWS until TTL gets round to it.
            timeToLive(false);
            putExpiredRow(ghost, room);

            alice.send(sendMessage("to the living"));

            assertThat(nextOfType(bob, "message").get("data").getAsString()).isEqualTo("to the living");
            FanOut fanOut = sendInvocation(STACK.invocations(), "to the living").result().fanOut();
            assertThat(fanOut.total()).as("no post to the expired row, so no 410 either").isEqualTo(1);
            alice.send("{\"action\":\"who\"}");
            JsonObject presence = nextOfType(alice, "presence");
            List<String> listed = StreamSupport.stream(presence.getAsJsonArray("members").spliterator(), false)
                    .map(JsonElement::getAsJsonObject).map(member -> member.get("name").getAsString()).toList();
            assertThat(listed).containsExactlyInAnyOrder("alice", "bob");
            assertThat(names(connectionRows(STACK.stack(), room))).as("TTL, not the functions, deletes it")
                    .containsExactlyInAnyOrder("alice", "bob", "ghost");
        } finally {
            timeToLive(true);
        }
    }

    private static void timeToLive(boolean enabled) {
        try (DynamoDbClient dynamoDb = ProjectStacks.dynamoDb(STACK.stack())) {
            dynamoDb.updateTimeToLive(b -> b.tableName(ProjectStacks.connectionsTable(STACK.stack()))
                    .timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(enabled)));
        }
    }

    @Test
    void everyStoredRow_expiresTwoHoursTenMinutesAfterItsConnection() throws Exception {
        String room = newRoom();
        Instant before = Instant.now();
        try (TestClient alice = STACK.join(room, "alice");
                TestClient bob = STACK.join(room, "bob");
                TestClient carol = STACK.join(room, "carol")) {
            Instant after = Instant.now();

            List<Map<String, AttributeValue>> stored = connectionRows(STACK.stack(), room);

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
        try (DynamoDbClient dynamoDb = ProjectStacks.dynamoDb(STACK.stack())) {
            dynamoDb.putItem(b -> b.tableName(ProjectStacks.connectionsTable(STACK.stack())).item(item));
        }
    }
}
