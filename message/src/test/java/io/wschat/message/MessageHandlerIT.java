package io.wschat.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.shared.Connection;
import io.wschat.shared.Dependencies;
import io.wschat.shared.testing.FakeManagementApi;
import io.wschat.shared.testing.Fixtures;
import io.wschat.shared.testing.HandlerTestBase;
import io.wschat.shared.testing.TestContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class MessageHandlerIT extends HandlerTestBase {

    private final String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
    private final String sender = Fixtures.connectionId();
    private final String bob = Fixtures.connectionId();
    private final String carol = Fixtures.connectionId();
    private final String elsewhere = Fixtures.connectionId();
    private MessageHandler handler;

    @BeforeEach
    void setUp() {
        handler = new MessageHandler(backends.dependencies());
        join(sender, room, "alice");
        join(bob, room, "bob");
        join(carol, room, "carol");
        join(elsewhere, room + "-other", "dave");
    }

    private void join(String connectionId, String roomName, String name) {
        store.put(Connection.open(connectionId, roomName, name, name, Instant.now(), Optional.empty(), Optional.empty()));
    }

    private APIGatewayV2WebSocketResponse send(APIGatewayV2WebSocketEvent event) {
        return handler.handle(event, new TestContext("message"));
    }

    private static JsonObject frame(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    @Test
    void sendmessage_deliversToTheOtherMembersOfTheRoomExactlyOnce() {
        APIGatewayV2WebSocketResponse response = send(Fixtures.sendMessage(sender,
                "{\"action\":\"sendmessage\",\"data\":\"hello room\",\"from\":\"mallory\",\"name\":\"root\"}"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(api.recipients()).containsExactlyInAnyOrder(bob, carol);
        assertThat(api.posts(bob)).hasSize(1);
        assertThat(api.posts(carol)).hasSize(1).isEqualTo(api.posts(bob));
        assertThat(api.attempts(sender)).isZero();
        assertThat(api.attempts(elsewhere)).isZero();
        JsonObject frame = frame(api.posts(bob).get(0));
        assertThat(frame.get("type").getAsString()).isEqualTo("message");
        assertThat(frame.get("room").getAsString()).isEqualTo(room);
        assertThat(frame.get("from").getAsString()).as("the stored name, not the client's").isEqualTo("alice");
        assertThat(frame.get("userId").getAsString()).isEqualTo("alice");
        assertThat(frame.get("data").getAsString()).isEqualTo("hello room");
        assertThat(frame.get("id").getAsString()).hasSize(26);
        assertThat(frame.has("name")).isFalse();
    }

    @Test
    void sendmessage_publishesTheMessageEvent_withTheDeliveredIdAndText() {
        send(Fixtures.sendMessage(sender, "{\"action\":\"sendmessage\",\"data\":\"hello room\"}"));

        JsonObject delivered = frame(api.posts(bob).get(0));
        assertThat(sns.publishes()).singleElement().satisfies(publish -> {
            assertThat(publish.attributes()).isEqualTo(Map.of("eventType", "message", "room", room));
            JsonObject event = publish.json();
            assertThat(event.get("id").getAsString()).isEqualTo(delivered.get("id").getAsString());
            assertThat(event.get("ts").getAsLong()).isEqualTo(delivered.get("ts").getAsLong());
            assertThat(event.get("connectionId").getAsString()).isEqualTo(sender);
            assertThat(event.get("name").getAsString()).isEqualTo("alice");
            assertThat(event.get("data").getAsString()).isEqualTo("hello room");
        });
    }

    @Test
    void sendmessage_removesTheGoneRecipient_andNotTheSender() {
        api.gone(bob);

        send(Fixtures.sendMessage(sender, "{\"action\":\"sendmessage\",\"data\":\"hi\"}"));

        assertThat(store.find(bob)).isEmpty();
        assertThat(store.find(sender)).isPresent();
        assertThat(store.find(carol)).isPresent();
        assertThat(api.posts(carol)).hasSize(1);
    }

    @Test
    void sendmessage_stillDeliversToTheOthers_whenOneRecipientFailsAndAnotherHangs() {
        String erin = Fixtures.connectionId();
        join(erin, room, "erin");
        api.fail(bob, 500, 100);
        api.hang(carol);

        APIGatewayV2WebSocketResponse response = send(Fixtures.sendMessage(sender,
                "{\"action\":\"sendmessage\",\"data\":\"hi\"}"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(api.posts(erin)).hasSize(1);
        assertThat(api.attempts(bob)).isEqualTo(3);
        assertThat(store.find(bob)).isPresent();
        assertThat(store.find(carol)).isPresent();
        assertThat(sns.publishes()).hasSize(1);
    }

    @Test
    void sendmessage_deliversAfterThrottling() {
        api.fail(bob, 429, 1);

        send(Fixtures.sendMessage(sender, "{\"action\":\"sendmessage\",\"data\":\"hi\"}"));

        assertThat(api.attempts(bob)).isEqualTo(2);
        assertThat(api.posts(bob)).hasSize(1);
        assertThat(api.posts(carol)).hasSize(1);
    }

    @Test
    void sendmessage_stillDelivers_whenSnsIsDown() {
        sns.goDown();

        APIGatewayV2WebSocketResponse response = send(Fixtures.sendMessage(sender,
                "{\"action\":\"sendmessage\",\"data\":\"hi\"}"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(api.recipients()).containsExactlyInAnyOrder(bob, carol);
    }

    @Test
    void sendmessage_toARoomOfOne_postsNothing_butIsStillPublished() {
        String loner = Fixtures.connectionId();
        join(loner, room + "-solo", "solo");

        send(Fixtures.sendMessage(loner, "{\"action\":\"sendmessage\",\"data\":\"anyone?\"}"));

        assertThat(api.recipients()).isEmpty();
        assertThat(sns.publishes()).hasSize(1);
    }

    static Stream<Arguments> badFrames() {
        return Stream.of(
                Arguments.of(Fixtures.SEND_MESSAGE, "{\"action\":\"sendmessage\",\"data\":\"\"}", "INVALID_TEXT"),
                Arguments.of(Fixtures.SEND_MESSAGE, "{\"action\":\"sendmessage\",\"data\":42}", "INVALID_TEXT"),
                Arguments.of(Fixtures.SEND_MESSAGE, "{\"action\":\"sendmessage\"}", "INVALID_TEXT"),
                Arguments.of(Fixtures.SEND_MESSAGE, "{\"action\":\"sendmessage\",\"data\":\"" + "x".repeat(4001) + "\"}",
                        "INVALID_TEXT"),
                Arguments.of(Fixtures.SEND_MESSAGE, "{\"action\":\"sendmessage\",\"data\":\"a\\u0000b\"}", "INVALID_TEXT"),
                Arguments.of(Fixtures.DEFAULT, "hello there", "INVALID_JSON"),
                Arguments.of(Fixtures.DEFAULT, "[1,2,3]", "INVALID_JSON"),
                Arguments.of(Fixtures.DEFAULT, "{\"data\":\"hi\"}", "INVALID_ACTION"),
                Arguments.of(Fixtures.DEFAULT, "{\"action\":\"shout\",\"data\":\"hi\"}", "INVALID_ACTION"),
                Arguments.of(Fixtures.DEFAULT, "{\"action\":7,\"data\":\"hi\"}", "INVALID_ACTION"));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("badFrames")
    void badInput_sendsAnErrorFrameToTheSenderOnly_andNothingElse(String fixture, String body, String code) {
        APIGatewayV2WebSocketEvent event = Fixtures.event(fixture);
        event.getRequestContext().setConnectionId(sender);
        event.setBody(body);

        APIGatewayV2WebSocketResponse response = send(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(api.recipients()).containsExactly(sender);
        JsonObject error = frame(api.posts(sender).get(0));
        assertThat(api.posts(sender)).hasSize(1);
        assertThat(error.get("type").getAsString()).isEqualTo("error");
        assertThat(error.get("code").getAsString()).isEqualTo(code);
        assertThat(error.get("message").getAsString()).isNotBlank();
        assertThat(error.get("id").getAsString()).hasSize(26);
        assertThat(error.get("ts").getAsLong()).isPositive();
        assertThat(sns.publishes()).isEmpty();
    }

    @Test
    void defaultRoute_fixture_isAnsweredWithInvalidAction() {
        APIGatewayV2WebSocketEvent event = Fixtures.event(Fixtures.DEFAULT);
        event.getRequestContext().setConnectionId(sender);

        send(event);

        assertThat(frame(api.posts(sender).get(0)).get("code").getAsString()).isEqualTo("INVALID_ACTION");
        assertThat(api.recipients()).isEqualTo(Set.of(sender));
    }

    @Test
    void sendmessage_onTheDefaultRoute_isHandledLikeTheSendmessageRoute() {
        send(Fixtures.defaultRoute(sender, "{\"action\":\"sendmessage\",\"data\":\"via default\"}"));

        assertThat(api.recipients()).containsExactlyInAnyOrder(bob, carol);
    }

    @Test
    void sendmessage_thatCannotBeStored_isAnsweredWithInternalError_andNeitherDeliveredNorPublished() {
        Dependencies broken = backends.dependencies(env -> env.put("MESSAGES_TABLE", "no-such-table"));
        new MessageHandler(broken).handle(
                Fixtures.sendMessage(sender, "{\"action\":\"sendmessage\",\"data\":\"lost?\"}"),
                new TestContext("message"));

        assertThat(api.recipients()).containsExactly(sender);
        assertThat(frame(api.posts(sender).get(0)).get("code").getAsString()).isEqualTo("INTERNAL_ERROR");
        assertThat(sns.publishes()).isEmpty();
    }

    @Test
    void sendmessage_withLessTimeLeftThanOnePost_startsNoPost_andStillAnswers() {
        // Less left than POST_TIMEOUT_MS and a second to answer: a post started now could outlive the invocation.
        APIGatewayV2WebSocketResponse response = handler.handle(
                Fixtures.sendMessage(sender, "{\"action\":\"sendmessage\",\"data\":\"too late\"}"),
                new TestContext("message", 1_500));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(api.recipients()).isEmpty();
        assertThat(sns.publishes()).hasSize(1);
    }

    @Test
    void sendmessage_fromAnUnknownConnection_isAnsweredWithNotConnected_andNotBroadcast() {
        String stranger = Fixtures.connectionId();

        send(Fixtures.sendMessage(stranger, "{\"action\":\"sendmessage\",\"data\":\"hi\"}"));

        assertThat(api.recipients()).containsExactly(stranger);
        assertThat(frame(api.posts(stranger).get(0)).get("code").getAsString()).isEqualTo("NOT_CONNECTED");
        assertThat(sns.publishes()).isEmpty();
    }

    @Test
    void sendmessage_usesTheEventsEndpoint_whenNoCallbackUrlIsConfigured() {
        // The derived endpoint is https://{domainName}/{stage}: an HTTPS fake stands behind the event's domain name.
        try (FakeManagementApi eventsEndpoint = FakeManagementApi.startHttps()) {
            Dependencies derived = FakeManagementApi.trusting(
                    () -> backends.dependencies(env -> env.remove("CALLBACK_URL")));
            APIGatewayV2WebSocketEvent event = Fixtures.sendMessage(sender,
                    "{\"action\":\"sendmessage\",\"data\":\"x\"}");
            event.getRequestContext().setDomainName(eventsEndpoint.callbackUrl().getAuthority());
            event.getRequestContext().setStage(FakeManagementApi.STAGE);

            assertThat(io.wschat.shared.AwsClients.callbackEndpoint(derived.config(), event.getRequestContext()))
                    .hasToString("https://" + eventsEndpoint.callbackUrl().getAuthority() + "/"
                            + FakeManagementApi.STAGE);

            APIGatewayV2WebSocketResponse response = new MessageHandler(derived).handle(event,
                    new TestContext("message"));

            assertThat(response.getStatusCode()).isEqualTo(200);
            // The fake accepts only /{stage}/@connections/{id}: a delivery there is a post to domainName and stage.
            assertThat(eventsEndpoint.recipients()).containsExactlyInAnyOrder(bob, carol);
            assertThat(eventsEndpoint.posts(bob)).singleElement().satisfies(frame ->
                    assertThat(frame(frame).get("data").getAsString()).isEqualTo("x"));
            assertThat(eventsEndpoint.attempts(elsewhere)).isZero();
            assertThat(api.recipients()).as("the configured fake, which CALLBACK_URL named").isEmpty();
        }
    }
}
