package io.wschat.disconnect;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.shared.Connection;
import io.wschat.shared.Dependencies;
import io.wschat.shared.UserLimits;
import io.wschat.shared.testing.FakeSns;
import io.wschat.shared.testing.Fixtures;
import io.wschat.shared.testing.HandlerTestBase;
import io.wschat.shared.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DisconnectHandlerIT extends HandlerTestBase {

    private final String connectionId = Fixtures.connectionId();

    private DisconnectHandler handler(Map<String, String> overrides) {
        return new DisconnectHandler(backends.dependencies(env -> env.putAll(overrides)));
    }

    /** Stores this test's connection, of {@code name} and {@code userId}, in {@code room}, connected now. */
    private void connected(String room, String name, String userId) {
        store.put(Connection.open(connectionId, room, name, userId, Instant.now(), Optional.empty(), Optional.empty()));
    }

    private APIGatewayV2WebSocketResponse disconnect(DisconnectHandler handler) {
        return handler.handle(Fixtures.disconnect(connectionId), new TestContext("disconnect"));
    }

    @Test
    void disconnect_logsTheRemoval_withTheRoute_theRequestId_andTheConnectionId() {
        connected("general", "alice", "alice");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = backends.environment();
        env.put("LOG_LEVEL", "INFO");

        try (Dependencies dependencies = Dependencies.from(env, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            disconnect(new DisconnectHandler(dependencies));
        }

        Stream<JsonObject> lines = out.toString(StandardCharsets.UTF_8).lines()
                .map(line -> JsonParser.parseString(line).getAsJsonObject());
        assertThat(lines.filter(line -> line.has("message")
                && line.get("message").getAsString().equals("connection removed")))
                .singleElement().satisfies(line -> {
                    assertThat(line.get("route").getAsString()).isEqualTo("$disconnect");
                    assertThat(line.get("requestId").getAsString()).isEqualTo("Ce8cWEuMoAMFaUQ=");
                    assertThat(line.get("connectionId").getAsString()).isEqualTo(connectionId);
                    assertThat(line.get("room").getAsString()).isEqualTo("general");
                });
    }

    @Test
    void disconnect_givesTheConnectionsPlaceBack_soTheUserMayConnectAgain() {
        // given: the user's only place (of one) is held by this connection, as $connect left it
        String sub = "sub-" + UUID.randomUUID();
        Connection connection = Connection.open(connectionId, "general", "alice", sub, Instant.now(), Optional.empty(),
                Optional.empty(), false);
        UserLimits limits = backends.dependencies().limits();
        String key = UserLimits.keyOf(connection);
        store.put(connection);
        assertThat(limits.claimConnection(key, connectionId, connection.expiresAt(), 1)).isTrue();
        String next = Fixtures.connectionId();
        store.put(Connection.open(next, "general", "alice", sub, Instant.now(), Optional.empty(), Optional.empty(),
                false));
        assertThat(limits.claimConnection(key, next, connection.expiresAt(), 1)).as("while it is open").isFalse();

        // when
        disconnect(handler(Map.of()));

        // then
        assertThat(limits.claimConnection(key, next, connection.expiresAt(), 1)).isTrue();
    }

    @Test
    void disconnect_deletesTheRow_andPublishesDisconnectedAndLeftWithRoomAndName() {
        connected("general", "alice", "u-alice");

        APIGatewayV2WebSocketResponse response = disconnect(handler(Map.of()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(store.find(connectionId)).isEmpty();
        assertThat(sns.publishes()).hasSize(2);
        assertThat(sns.publishes().get(0)).satisfies(publish -> {
            assertThat(publish.attributes()).isEqualTo(Map.of("eventType", "disconnected", "room", "general"));
            assertThat(publish.json().get("connectionId").getAsString()).isEqualTo(connectionId);
            assertThat(publish.json().get("room").getAsString()).isEqualTo("general");
            assertThat(publish.json().get("name").getAsString()).isEqualTo("alice");
        });
        assertThat(sns.publishes().get(1)).satisfies(publish -> {
            assertThat(publish.attributes()).isEqualTo(Map.of("eventType", "left", "room", "general"));
            assertThat(publish.json().get("userId").getAsString()).isEqualTo("u-alice");
        });
    }

    @Test
    void disconnect_postsLeftToTheRoomsRemainingMembers_only() {
        String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
        connected(room, "alice", "u-alice");
        String bob = backends.join(room, "bob");
        String carol = backends.join(room, "carol");
        backends.join(room + "-x", "dave");

        disconnect(handler(Map.of()));

        assertThat(api.recipients()).containsExactlyInAnyOrder(bob, carol);
        JsonObject left = JsonParser.parseString(api.posts(bob).get(0)).getAsJsonObject();
        assertThat(left.get("type").getAsString()).isEqualTo("left");
        assertThat(left.get("room").getAsString()).isEqualTo(room);
        assertThat(left.get("name").getAsString()).isEqualTo("alice");
        assertThat(left.get("userId").getAsString()).isEqualTo("u-alice");
        assertThat(left.get("id").getAsString()).hasSize(26);
        assertThat(api.posts(carol)).isEqualTo(api.posts(bob));
    }

    @Test
    void disconnect_ofOneOfAUsersDevices_tellsTheRoomNothing_untilItsLastConnectionLeaves() {
        String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
        String phone = connectionId + "p";
        connected(room, "alice", "u-alice");
        store.put(Connection.open(phone, room, "alice", "u-alice", Instant.now(), Optional.empty(), Optional.empty()));
        String bob = backends.join(room, "bob");

        disconnect(handler(Map.of()));
        handler(Map.of()).handle(Fixtures.disconnect(phone), new TestContext("disconnect"));

        assertThat(api.recipients()).containsExactly(bob);
        assertThat(api.posts(bob)).singleElement().satisfies(frame -> {
            JsonObject left = JsonParser.parseString(frame).getAsJsonObject();
            assertThat(left.get("type").getAsString()).isEqualTo("left");
            assertThat(left.get("userId").getAsString()).isEqualTo("u-alice");
        });
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType)
                .as("events stay per connection").containsExactly("disconnected", "left", "disconnected", "left");
    }

    @Test
    void disconnect_postsNoLeftNotice_inARoomAboveThePresenceThreshold() {
        String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
        connected(room, "alice", "alice");
        for (int i = 0; i < 3; i++) {
            backends.join(room, "user" + i);
        }

        disconnect(handler(Map.of("PRESENCE_NOTICE_MAX_MEMBERS", "2")));

        assertThat(api.recipients()).isEmpty();
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("disconnected", "left");
    }

    @Test
    void disconnect_isIdempotent_whenDeliveredTwice() {
        connected("general", "alice", "alice");
        DisconnectHandler handler = handler(Map.of());

        APIGatewayV2WebSocketResponse first = disconnect(handler);
        APIGatewayV2WebSocketResponse second = disconnect(handler);

        assertThat(first.getStatusCode()).isEqualTo(200);
        assertThat(second.getStatusCode()).isEqualTo(200);
        assertThat(store.find(connectionId)).isEmpty();
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType)
                .as("left only while the row existed").containsExactly("disconnected", "left", "disconnected");
        assertThat(sns.publishes().get(2).json().has("room")).as("the second call no longer knows the room").isFalse();
    }

    @Test
    void disconnect_succeeds_forAConnectionThatWasNeverStored() {
        APIGatewayV2WebSocketResponse response = disconnect(handler(Map.of()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(sns.publishes()).singleElement()
                .satisfies(publish -> assertThat(publish.attributes()).isEqualTo(Map.of("eventType", "disconnected")));
    }

    @Test
    void disconnect_leavesOtherConnectionsAlone() {
        connected("general", "alice", "alice");
        String other = backends.join("general", "bob");

        disconnect(handler(Map.of()));

        assertThat(store.find(other)).isPresent();
    }

    @Test
    void disconnect_stillSucceeds_whenSnsIsDown() {
        sns.goDown();
        connected("general", "alice", "alice");

        APIGatewayV2WebSocketResponse response = disconnect(handler(Map.of()));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(store.find(connectionId)).isEmpty();
    }

    @Test
    void disconnect_answers500_whenTheStoreFails() {
        APIGatewayV2WebSocketResponse response = disconnect(handler(Map.of("CONNECTIONS_TABLE", "MissingTable")));

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(sns.publishes()).isEmpty();
    }
}
