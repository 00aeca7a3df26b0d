package io.wschat.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.shared.Connection;
import io.wschat.shared.testing.FakeSns;
import io.wschat.shared.testing.Fixtures;
import io.wschat.shared.testing.HandlerTestBase;
import io.wschat.shared.testing.TestContext;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class ConnectHandlerIT extends HandlerTestBase {

    private final String connectionId = Fixtures.connectionId();

    /** The last $connect event handed to the handler. */
    private APIGatewayV2WebSocketEvent sent;

    private APIGatewayV2WebSocketResponse connect(Map<String, String> query) {
        return connect(query, env -> { });
    }

    private APIGatewayV2WebSocketResponse connect(Map<String, String> query, Consumer<Map<String, String>> tweak) {
        APIGatewayV2WebSocketEvent event = Fixtures.connect(connectionId, query);
        sent = event;
        return new ConnectHandler(backends.dependencies(tweak)).handle(event, new TestContext("connect"));
    }

    @Test
    void connect_storesTheConnectionWithTtl_andPublishesConnected() {
        APIGatewayV2WebSocketResponse response = connect(Map.of("room", "general", "name", "alice"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        Connection stored = store.find(connectionId).orElseThrow();
        Instant connectedAt = Instant.ofEpochMilli(sent.getRequestContext().getConnectedAt());
        assertThat(stored.room()).isEqualTo("general");
        assertThat(stored.name()).isEqualTo("alice");
        assertThat(stored.userId()).isEqualTo("alice");
        assertThat(stored.connectedAt()).isEqualTo(connectedAt);
        assertThat(stored.expiresAt().getEpochSecond()).isEqualTo(connectedAt.getEpochSecond() + 7800);
        assertThat(stored.sourceIp()).contains("203.0.113.7");
        assertThat(stored.userAgent()).hasValueSatisfying(agent -> assertThat(agent).startsWith("Mozilla/5.0"));
        assertThat(stored.anonymous()).isTrue();
        assertThat(sns.publishes()).hasSize(2);
        assertThat(sns.publishes().get(0)).satisfies(publish -> {
            assertThat(publish.attributes()).isEqualTo(Map.of("eventType", "connected", "room", "general"));
            JsonObject event = publish.json();
            assertThat(event.get("connectionId").getAsString()).isEqualTo(connectionId);
            assertThat(event.get("name").getAsString()).isEqualTo("alice");
        });
        assertThat(sns.publishes().get(1).attributes()).isEqualTo(Map.of("eventType", "joined", "room", "general"));
        assertThat(api.attempts(connectionId)).as("nothing is posted to a connection that does not exist yet").isZero();
    }

    @Test
    void connect_postsJoinedToTheOtherMembersOfTheRoom_only() {
        String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
        String bob = backends.join(room, "bob");
        backends.join(room + "-x", "dave");

        connect(Map.of("room", room, "name", "alice"));

        assertThat(api.recipients()).containsExactly(bob);
        JsonObject joined = JsonParser.parseString(api.posts(bob).get(0)).getAsJsonObject();
        assertThat(joined.get("type").getAsString()).isEqualTo("joined");
        assertThat(joined.get("room").getAsString()).isEqualTo(room);
        assertThat(joined.get("name").getAsString()).isEqualTo("alice");
        assertThat(joined.get("userId").getAsString()).isEqualTo("alice");
    }

    @Test
    void connect_postsNoJoinedNotice_inARoomAboveThePresenceThreshold() {
        String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            backends.join(room, "u" + i);
        }

        APIGatewayV2WebSocketResponse response = connect(Map.of("room", room, "name", "alice"),
                env -> env.put("PRESENCE_NOTICE_MAX_MEMBERS", "3"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(api.recipients()).as("4 members with the new one, threshold 3").isEmpty();
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("connected", "joined");
    }

    @Test
    void connect_usesTheLobbyAndAGuestName_whenTheQueryStringIsEmpty() {
        APIGatewayV2WebSocketResponse response = connect(Map.of());

        assertThat(response.getStatusCode()).isEqualTo(200);
        Connection stored = store.find(connectionId).orElseThrow();
        assertThat(stored.room()).isEqualTo("lobby");
        assertThat(stored.name()).matches("guest-[a-z0-9]{4}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "x/y", "a.b", "65-characters-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void connect_rejectsWith400_whenTheRoomIsInvalid(String room) {
        APIGatewayV2WebSocketResponse response = connect(Map.of("room", room, "name", "alice"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).startsWith("Invalid room");
        assertThat(store.find(connectionId)).isEmpty();
        assertThat(sns.publishes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {" alice", "al\u0000ice", "<script>", "abcdefghijklmnopqrstuvwxyz0123456"})
    void connect_rejectsWith400_whenTheNameIsInvalid(String name) {
        APIGatewayV2WebSocketResponse response = connect(Map.of("room", "lobby", "name", name));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).startsWith("Invalid name");
        assertThat(store.find(connectionId)).isEmpty();
        assertThat(sns.publishes()).isEmpty();
    }

    @Test
    void connect_rejectsTheHandshake_whenTheConnectionCannotBeStored() {
        APIGatewayV2WebSocketResponse response = connect(Map.of("name", "alice"),
                env -> env.put("CONNECTIONS_TABLE", "MissingTable"));

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("MissingTable");
        assertThat(sns.publishes()).isEmpty();
    }

    @Test
    void connect_rejectsWith429_whenTheAddressHasAsManyAnonymousConnectionsAsAllowed_untilOneCloses() {
        String address = "198.51.100." + (1 + new Random().nextInt(250));
        Consumer<Map<String, String>> twoPerAddress = env -> env.put("MAX_CONNECTIONS_PER_ADDRESS", "2");
        String first = connectFrom(address, "alice", twoPerAddress);
        connectFrom(address, "bob", twoPerAddress);

        APIGatewayV2WebSocketEvent third = Fixtures.connect(Fixtures.connectionId(), Map.of("name", "carol"));
        third.getRequestContext().getIdentity().setSourceIp(address);
        APIGatewayV2WebSocketResponse refused = new ConnectHandler(backends.dependencies(twoPerAddress))
                .handle(third, new TestContext("connect"));

        assertThat(refused.getStatusCode()).isEqualTo(429);
        assertThat(refused.getBody()).isEqualTo("Too many connections: at most 2 open at once from one address"
                + " without a token; close one and try again.");
        assertThat(store.find(third.getRequestContext().getConnectionId())).isEmpty();

        // when: the first one's $disconnect gives its place back
        backends.dependencies().limits().releaseConnection("address#" + address, first);
        store.delete(first);

        // then
        assertThat(connectFrom(address, "carol", twoPerAddress)).isNotNull();
    }

    /** An anonymous $connect from {@code address}, which must be accepted; returns its connection id. */
    private String connectFrom(String address, String name, Consumer<Map<String, String>> tweak) {
        APIGatewayV2WebSocketEvent event = Fixtures.connect(Fixtures.connectionId(), Map.of("name", name));
        event.getRequestContext().getIdentity().setSourceIp(address);
        APIGatewayV2WebSocketResponse response = new ConnectHandler(backends.dependencies(tweak))
                .handle(event, new TestContext("connect"));
        assertThat(response.getStatusCode()).as(name + " connects").isEqualTo(200);
        return event.getRequestContext().getConnectionId();
    }

    @Test
    void connect_stillSucceeds_whenSnsIsDown() {
        sns.goDown();

        APIGatewayV2WebSocketResponse response = connect(Map.of("name", "alice"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(store.find(connectionId)).isPresent();
    }
}
