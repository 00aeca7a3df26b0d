package io.wschat.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.shared.ChatMessage;
import io.wschat.shared.ChatProtocol;
import io.wschat.shared.Connection;
import io.wschat.shared.Dependencies;
import io.wschat.shared.MessageStore;
import io.wschat.shared.testing.DynamoDbExtension;
import io.wschat.shared.testing.FakeSns;
import io.wschat.shared.testing.Fixtures;
import io.wschat.shared.testing.HandlerTestBase;
import io.wschat.shared.testing.TestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** join, leave, whisper, history, who and rename through the message handler, and the rate limit in front of them. */
@Timeout(30)
class MessageActionsIT extends HandlerTestBase {

    private final String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
    private final String other = room + "-other";
    private final String subAlice = "sub-alice-" + room;
    private final String subBob = "sub-bob-" + room;
    private final String subCarol = "sub-carol-" + room;
    private Dependencies dependencies;
    private MessageHandler handler;
    /**
     * The connections called alice and bob in a test; {@link #startWithAliceAndBob} opens the usual two, anonymous users
     * u-alice and u-bob in {@link #room}.
     */
    private String alice;
    private String bob;

    private void start(Consumer<Map<String, String>> tweak) {
        dependencies = backends.dependencies(tweak);
        handler = new MessageHandler(dependencies);
    }

    private void start() {
        start(env -> { });
    }

    private void startWithAliceAndBob(Consumer<Map<String, String>> tweak) {
        start(tweak);
        alice = connect(room, "alice", "u-alice");
        bob = connect(room, "bob", "u-bob");
    }

    private void startWithAliceAndBob() {
        startWithAliceAndBob(env -> { });
    }

    /**
     * {@code limit} set to {@code value}, with a rate limit window of 2e9 s (about 63 years), which cannot roll over
     * during a test.
     */
    private static Consumer<Map<String, String>> oneWindow(String limit, String value) {
        return env -> {
            env.put(limit, value);
            env.put("RATE_LIMIT_WINDOW_SECONDS", "2000000000");
        };
    }

    private String connect(String roomName, String name, String userId) {
        return connect(roomName, name, userId, true);
    }

    private String connect(String roomName, String name, String userId, boolean anonymous) {
        String id = Fixtures.connectionId();
        store.put(Connection.open(id, roomName, name, userId, Instant.now(), Optional.empty(), Optional.empty(),
                anonymous));
        return id;
    }

    private APIGatewayV2WebSocketResponse act(String routeKey, String connectionId, String body) {
        return handler.handle(Fixtures.action(routeKey, connectionId, body), new TestContext("message"));
    }

    private void say(String connectionId, String text) {
        act("sendmessage", connectionId, "{\"action\":\"sendmessage\",\"data\":\"" + text + "\"}");
    }

    private void join(String connectionId, String roomName) {
        act("join", connectionId, "{\"action\":\"join\",\"room\":\"" + roomName + "\"}");
    }

    private JsonObject only(String connectionId) {
        assertThat(api.posts(connectionId)).as("frames to %s: %s", connectionId, api).hasSize(1);
        return json(api.posts(connectionId).get(0));
    }

    /** The one frame alice got, after checking that no other connection was sent one and nothing was published. */
    private JsonObject onlyAnswerToAlice() {
        assertThat(api.attempts(bob)).as("posts to bob").isZero();
        assertThat(api.recipients()).as("connections sent a frame").containsExactly(alice);
        assertThat(sns.publishes()).as("published").isEmpty();
        return only(alice);
    }

    private JsonObject last(String connectionId) {
        List<JsonObject> frames = frames(connectionId);
        assertThat(frames).as("frames to %s", connectionId).isNotEmpty();
        return frames.get(frames.size() - 1);
    }

    private List<JsonObject> frames(String connectionId) {
        return api.posts(connectionId).stream().map(MessageActionsIT::json).toList();
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private static String type(JsonObject frame) {
        return frame.get("type").getAsString();
    }

    private static String error(JsonObject frame) {
        assertThat(type(frame)).isEqualTo("error");
        return frame.get("code").getAsString();
    }

    // ---------------------------------------------------------------- refused requests

    static Stream<Arguments> refusedRequests() {
        return Stream.of(
                Arguments.of("join", "{\"action\":\"join\",\"room\":\"no spaces/allowed\"}", "INVALID_ROOM"),
                Arguments.of("whisper", "{\"action\":\"whisper\",\"to\":\"nobody\",\"data\":\"psst\"}",
                        "UNKNOWN_USER"),
                Arguments.of("whisper", "{\"action\":\"whisper\",\"data\":\"psst\"}", "INVALID_FIELD"),
                Arguments.of("history", "{\"action\":\"history\",\"limit\":101}", "INVALID_FIELD"),
                Arguments.of("rename", "{\"action\":\"rename\",\"name\":\"<b>alice</b>\"}", "INVALID_NAME"),
                Arguments.of("read", "{\"action\":\"read\",\"seq\":0}", "INVALID_FIELD"),
                Arguments.of("read", "{\"action\":\"read\"}", "INVALID_FIELD"),
                Arguments.of("resume", "{\"action\":\"resume\",\"after\":-1}", "INVALID_FIELD"),
                Arguments.of("resume", "{\"action\":\"resume\",\"after\":\"7\"}", "INVALID_FIELD"),
                Arguments.of("resume", "{\"action\":\"resume\"}", "INVALID_FIELD"));
    }

    @ParameterizedTest(name = "{1} is answered with {2}")
    @MethodSource("refusedRequests")
    void aRefusedRequest_isAnsweredWithItsCode_toTheSenderAlone_andChangesNothing(String routeKey, String body,
            String code) {
        startWithAliceAndBob();

        act(routeKey, alice, body);

        assertThat(error(onlyAnswerToAlice())).isEqualTo(code);
        Connection after = store.find(alice).orElseThrow();
        assertThat(after.room()).as("not moved").isEqualTo(room);
        assertThat(after.name()).as("not renamed").isEqualTo("alice");
        assertThat(store.lastRead(room, "u-alice")).as("no read marker").isZero();
    }

    // ---------------------------------------------------------------- join / leave

    @Test
    void join_movesTheSender_andTellsBothRooms() {
        startWithAliceAndBob();
        String carol = connect(other, "carol", "u-carol");
        String dave = connect(room + "-third", "dave", "u-dave");

        APIGatewayV2WebSocketResponse response = act("join", alice, "{\"action\":\"join\",\"room\":\"" + other
                + "\",\"name\":\"mallory\"}");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(store.find(alice).orElseThrow().room()).isEqualTo(other);
        JsonObject left = only(bob);
        assertThat(type(left)).isEqualTo("left");
        assertThat(left.get("room").getAsString()).isEqualTo(room);
        assertThat(left.get("name").getAsString()).isEqualTo("alice");
        JsonObject joined = only(carol);
        assertThat(type(joined)).isEqualTo("joined");
        assertThat(joined.get("room").getAsString()).isEqualTo(other);
        assertThat(joined.get("name").getAsString()).isEqualTo("alice");
        assertThat(joined.get("userId").getAsString()).isEqualTo("u-alice");
        assertThat(only(alice)).as("the sender's confirmation").isEqualTo(joined);
        assertThat(api.attempts(dave)).isZero();
        assertThat(sns.publishes()).extracting(FakeSns.Publish::attributes).containsExactly(
                Map.of("eventType", "left", "room", room),
                Map.of("eventType", "joined", "room", other));
    }

    @Test
    void join_thenSendmessage_reachesTheNewRoomOnly() {
        startWithAliceAndBob();
        String carol = connect(other, "carol", "carol");
        join(alice, other);

        say(alice, "hi new room");

        assertThat(frames(carol)).extracting(MessageActionsIT::type).containsExactly("joined", "message");
        assertThat(frames(bob)).extracting(MessageActionsIT::type).containsExactly("left");
    }

    @Test
    void join_toTheCurrentRoom_onlyConfirmsToTheSender() {
        startWithAliceAndBob();

        join(alice, room);

        assertThat(type(onlyAnswerToAlice())).isEqualTo("joined");
    }

    @Test
    void leave_movesTheSenderBackToTheLobby() {
        startWithAliceAndBob();

        act("leave", alice, "{\"action\":\"leave\"}");

        assertThat(store.find(alice).orElseThrow().room()).isEqualTo("lobby");
        assertThat(type(only(bob))).isEqualTo("left");
        JsonObject confirmation = only(alice);
        assertThat(type(confirmation)).isEqualTo("joined");
        assertThat(confirmation.get("room").getAsString()).isEqualTo("lobby");
    }

    @Test
    void presenceNotices_areLeftOut_inRoomsAboveTheThreshold_butTheSenderIsStillConfirmed() {
        startWithAliceAndBob(env -> env.put("PRESENCE_NOTICE_MAX_MEMBERS", "2"));
        String carol = connect(room, "carol", "carol");
        connect(room, "erin", "erin");
        String dave = connect(other, "dave", "dave");

        join(alice, other);

        assertThat(api.attempts(bob)).as("3 members left in the old room, threshold 2").isZero();
        assertThat(api.attempts(carol)).isZero();
        assertThat(type(only(dave))).as("2 members in the new room").isEqualTo("joined");
        assertThat(type(only(alice))).isEqualTo("joined");
    }

    // ---------------------------------------------------------------- whisper

    @Test
    void whisper_reachesEveryConnectionOfTheUser_andTheSendersConnections_andNobodyElse() {
        start();
        alice = connect(room, "Alice", subAlice);
        String aliceTab = connect(other, "Alice", subAlice);
        String bobPhone = connect(room, "Bob", subBob);
        String bobLaptop = connect(other, "Bob", subBob);
        String carol = connect(room, "Carol", subCarol);

        act("whisper", alice, "{\"action\":\"whisper\",\"to\":\"" + subBob + "\",\"data\":\"psst\",\"from\":\"Carol\"}");

        assertThat(api.recipients()).containsExactlyInAnyOrder(alice, aliceTab, bobPhone, bobLaptop);
        assertThat(api.attempts(carol)).isZero();
        JsonObject whisper = only(bobLaptop);
        assertThat(type(whisper)).isEqualTo("whisper");
        assertThat(whisper.get("from").getAsString()).isEqualTo("Alice");
        assertThat(whisper.get("userId").getAsString()).isEqualTo(subAlice);
        assertThat(whisper.get("to").getAsString()).isEqualTo(subBob);
        assertThat(whisper.get("data").getAsString()).isEqualTo("psst");
        assertThat(whisper.get("room").getAsString()).isEqualTo(room);
        assertThat(only(bobPhone)).isEqualTo(whisper);
        assertThat(only(alice)).isEqualTo(whisper);
        assertThat(sns.publishes()).singleElement().satisfies(publish -> {
            assertThat(publish.attributes()).isEqualTo(Map.of("eventType", "whisper", "room", room));
            assertThat(publish.json().get("to").getAsString()).isEqualTo(subBob);
            assertThat(publish.json().get("id").getAsString()).isEqualTo(whisper.get("id").getAsString());
        });
    }

    @Test
    void whisper_toAConnectionId_reachesNoOne() {
        startWithAliceAndBob();

        act("whisper", alice, "{\"action\":\"whisper\",\"to\":\"" + bob + "\",\"data\":\"psst\"}");

        assertThat(error(onlyAnswerToAlice())).isEqualTo("UNKNOWN_USER");
    }

    // ---------------------------------------------------------------- history

    @Test
    void history_returnsTheNewestMessages_oldestFirst_fromTheSendersRoomOnly() {
        start(env -> env.put("RATE_LIMIT_MESSAGES", "100"));
        alice = connect(room, "alice", "alice");
        String dave = connect(other, "dave", "dave");
        for (int i = 1; i <= 5; i++) {
            say(alice, "m" + i);
        }
        say(dave, "elsewhere");

        act("history", alice, "{\"action\":\"history\",\"limit\":3}");

        JsonObject history = only(alice);
        assertThat(type(history)).isEqualTo("history");
        assertThat(history.get("room").getAsString()).isEqualTo(room);
        assertThat(history.get("truncated").getAsBoolean()).isFalse();
        JsonArray messages = history.getAsJsonArray("messages");
        assertThat(messages).extracting(m -> m.getAsJsonObject().get("data").getAsString())
                .containsExactly("m3", "m4", "m5");
        assertThat(messages).allSatisfy(m -> {
            assertThat(m.getAsJsonObject().get("type").getAsString()).isEqualTo("message");
            assertThat(m.getAsJsonObject().get("from").getAsString()).isEqualTo("alice");
            assertThat(m.getAsJsonObject().get("room").getAsString()).isEqualTo(room);
        });
    }

    @Test
    void history_defaultsToFifty() {
        start(env -> env.put("RATE_LIMIT_MESSAGES", "100"));
        alice = connect(room, "alice", "alice");
        for (int i = 1; i <= 55; i++) {
            dependencies.messages().append(dependencies.protocol().message(store.find(alice).orElseThrow(), "m" + i),
                    Instant.now().plusSeconds(3600));
        }

        act("history", alice, "{\"action\":\"history\"}");

        assertThat(only(alice).getAsJsonArray("messages")).hasSize(50);
    }

    @Test
    void sendmessage_storesTheMessage_withAnExpiryOfHistoryTtlHours() {
        start();
        alice = connect(room, "alice", "alice");
        long before = Instant.now().getEpochSecond();

        say(alice, "keep me");

        List<Map<String, AttributeValue>> items = DynamoDbExtension.client().query(b -> b
                .tableName(DYNAMO.messagesTable())
                .keyConditionExpression("#r = :r AND #seq > :counter")
                .expressionAttributeNames(Map.of("#r", "room", "#seq", "seq"))
                .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(room),
                        ":counter", AttributeValue.fromN("0")))).items();
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.get("data").s()).isEqualTo("keep me");
            assertThat(item.get("seq").n()).isEqualTo("1");
            assertThat(Long.parseLong(item.get("expiresAt").n()))
                    .isBetween(before + 24 * 3600, Instant.now().getEpochSecond() + 24 * 3600);
        });
    }

    // ---------------------------------------------------------------- who

    @Test
    void who_listsEachUserOfTheRoomOnce_withTheNumberOfTheirConnections() {
        start();
        alice = connect(room, "Alice", subAlice);
        connect(room, "Alice", subAlice);
        connect(room, "Bob", subBob);
        connect(other, "Carol", subCarol);

        act("who", alice, "{\"action\":\"who\"}");

        JsonObject presence = only(alice);
        assertThat(type(presence)).isEqualTo("presence");
        assertThat(presence.get("room").getAsString()).isEqualTo(room);
        assertThat(presence.get("truncated").getAsBoolean()).isFalse();
        Map<String, Integer> devices = new HashMap<>();
        for (JsonElement member : presence.getAsJsonArray("members")) {
            JsonObject entry = member.getAsJsonObject();
            assertThat(entry.keySet()).containsExactly("name", "userId", "tag", "devices");
            assertThat(devices.put(entry.get("userId").getAsString(), entry.get("devices").getAsInt())).isNull();
        }
        assertThat(devices).containsOnly(entry(subAlice, 2), entry(subBob, 1));
    }

    // ---------------------------------------------------------------- rename

    @Test
    void rename_changesTheStoredName_andTellsTheRoom() {
        startWithAliceAndBob();
        String carol = connect(other, "carol", "carol");

        act("rename", bob, "{\"action\":\"rename\",\"name\":\"robert\"}");
        say(bob, "it is me");

        assertThat(store.find(bob).orElseThrow().name()).isEqualTo("robert");
        List<JsonObject> toAlice = frames(alice);
        assertThat(toAlice).extracting(MessageActionsIT::type).containsExactly("renamed", "message");
        assertThat(toAlice.get(0).get("name").getAsString()).isEqualTo("robert");
        assertThat(toAlice.get(0).get("previous").getAsString()).isEqualTo("bob");
        assertThat(toAlice.get(0).get("userId").getAsString()).isEqualTo("u-bob");
        assertThat(toAlice.get(1).get("from").getAsString()).isEqualTo("robert");
        assertThat(type(only(bob))).isEqualTo("renamed");
        assertThat(api.attempts(carol)).isZero();
        assertThat(sns.publishes().get(0).attributes()).isEqualTo(Map.of("eventType", "renamed", "room", room));
    }

    @Test
    void rename_isNotAllowed_forAnAuthenticatedConnection() {
        start();
        alice = connect(room, "Alice", subAlice, false);
        bob = connect(room, "bob", "bob");

        act("rename", alice, "{\"action\":\"rename\",\"name\":\"admin\"}");

        assertThat(error(onlyAnswerToAlice())).isEqualTo("NOT_ALLOWED");
        assertThat(store.find(alice).orElseThrow().name()).isEqualTo("Alice");
    }

    // ---------------------------------------------------------------- rate limit

    @Test
    void rateLimit_refusesTheActionAfterTheLimit_withRateLimited_andDoesNotBroadcastIt() {
        startWithAliceAndBob(oneWindow("RATE_LIMIT_MESSAGES", "3"));

        for (int i = 1; i <= 4; i++) {
            say(alice, "m" + i);
        }
        act("who", alice, "{\"action\":\"who\"}");

        assertThat(frames(bob)).extracting(f -> f.get("data").getAsString()).containsExactly("m1", "m2", "m3");
        assertThat(frames(alice)).extracting(MessageActionsIT::error).containsExactly("RATE_LIMITED", "RATE_LIMITED");
        assertThat(sns.publishes()).hasSize(3);
        assertThat(dependencies.messages().latest(room, 10, Instant.now())).hasSize(3);
    }

    @Test
    void rateLimit_isPerConnection() {
        startWithAliceAndBob(oneWindow("RATE_LIMIT_MESSAGES", "1"));

        say(alice, "from alice");
        say(bob, "from bob");

        assertThat(only(alice).get("data").getAsString()).isEqualTo("from bob");
        assertThat(only(bob).get("data").getAsString()).isEqualTo("from alice");
    }

    @Test
    void userRateLimit_holdsAcrossTheUsersConnections() {
        start(oneWindow("USER_RATE_LIMIT_MESSAGES", "3"));
        String phone = connect(room, "alice", subAlice, false);
        String laptop = connect(room, "alice", subAlice, false);
        bob = connect(room, "bob", subBob, false);

        say(phone, "m1");
        say(laptop, "m2");
        say(phone, "m3");
        say(laptop, "m4");
        say(bob, "from bob");

        assertThat(frames(bob)).extracting(f -> f.get("data").getAsString()).containsExactly("m1", "m2", "m3");
        JsonObject refused = frames(laptop).get(frames(laptop).size() - 2);
        assertThat(error(refused)).isEqualTo("RATE_LIMITED");
        assertThat(refused.get("message").getAsString()).contains("from this user across its connections");
        assertThat(frames(phone)).extracting(f -> f.has("data") ? f.get("data").getAsString() : type(f))
                .containsExactly("m2", "from bob");
    }

    @Test
    void addressRateLimit_holdsAcrossAnonymousConnectionsFromOneAddress() {
        start(oneWindow("ADDRESS_RATE_LIMIT_MESSAGES", "2"));
        String address = "198.51.100." + (1 + new Random().nextInt(250));
        String first = connectFrom(address, "guest-a");
        String second = connectFrom(address, "guest-b");

        act("who", first, "{\"action\":\"who\"}");
        act("who", second, "{\"action\":\"who\"}");
        act("who", second, "{\"action\":\"who\"}");

        assertThat(frames(second)).extracting(MessageActionsIT::type).containsExactly("presence", "error");
        assertThat(frames(second).get(1).get("message").getAsString()).contains("from this address");
    }

    @Test
    void refusedFrames_countAgainstTheLimit() {
        startWithAliceAndBob(oneWindow("RATE_LIMIT_MESSAGES", "3"));

        act("$default", alice, "not json");
        act("$default", alice, "{\"action\":\"dance\"}");
        say(alice, "");
        say(alice, "now a good one");

        assertThat(frames(alice)).extracting(MessageActionsIT::error)
                .containsExactly("INVALID_JSON", "INVALID_ACTION", "INVALID_TEXT", "RATE_LIMITED");
        assertThat(frames(bob)).isEmpty();
    }

    @Test
    void aFrameLongerThanAnyValidRequest_isRefusedAsTooLarge_beforeItIsParsed() {
        startWithAliceAndBob(env -> env.put("MAX_TEXT_LENGTH", "10"));
        int longest = MessageRouter.maxFrameLength(10);
        String valid = "{\"action\":\"sendmessage\",\"data\":\"" + "\\ud83d\\ude00".repeat(10) + "\"}";

        act("sendmessage", alice, valid);
        act("$default", alice, "[".repeat(longest + 1));

        assertThat(valid.length()).as("the longest text, every character escaped").isLessThanOrEqualTo(longest);
        assertThat(only(bob).get("data").getAsString()).isEqualTo("\uD83D\uDE00".repeat(10));
        assertThat(error(only(alice))).as("not parsed, so not INVALID_JSON").isEqualTo("TOO_LARGE");
    }

    @Test
    void roomChanges_areLimitedPerUser_acrossConnections() {
        start(oneWindow("ROOM_CHANGE_LIMIT", "2"));
        String phone = connect(room, "alice", subAlice, false);
        String laptop = connect(room, "alice", subAlice, false);

        join(phone, other);
        act("leave", laptop, "{\"action\":\"leave\"}");
        join(laptop, other);
        join(phone, other);

        assertThat(store.find(laptop).orElseThrow().room()).as("its second move was refused").isEqualTo("lobby");
        assertThat(error(last(laptop))).isEqualTo("RATE_LIMITED");
        assertThat(type(last(phone))).as("joining the room it is in is no move")
                .isEqualTo("joined");
    }

    // ---------------------------------------------------------------- read markers

    @Test
    void read_movesTheUsersMarkerForward_tellsEachOfItsConnections_andHistoryCarriesIt() {
        start();
        String phone = connect(room, "alice", subAlice, false);
        String laptop = connect(other, "alice", subAlice, false);
        bob = connect(room, "bob", subBob, false);

        act("read", phone, "{\"action\":\"read\",\"seq\":5}");
        act("read", phone, "{\"action\":\"read\",\"seq\":3}");
        act("history", phone, "{\"action\":\"history\"}");
        act("history", bob, "{\"action\":\"history\"}");

        JsonObject read = frames(laptop).get(0);
        assertThat(frames(laptop)).as("an older seq moves nothing and sends nothing").hasSize(1);
        assertThat(type(read)).isEqualTo("read");
        assertThat(read.get("room").getAsString()).isEqualTo(room);
        assertThat(read.get("seq").getAsLong()).isEqualTo(5);
        assertThat(type(frames(phone).get(0))).isEqualTo("read");
        assertThat(frames(phone).get(1).get("lastRead").getAsLong()).isEqualTo(5);
        assertThat(only(bob).get("lastRead").getAsLong()).as("bob's own marker").isZero();
        assertThat(store.lastRead(room, subAlice)).isEqualTo(5);
        assertThat(store.lastRead(other, subAlice)).as("per room").isZero();
    }

    /** An anonymous connection from {@code address}, in {@link #room}. */
    private String connectFrom(String address, String name) {
        String id = Fixtures.connectionId();
        store.put(Connection.open(id, room, name, name, Instant.now(), Optional.of(address), Optional.empty(), true));
        return id;
    }

    @Test
    void everyAction_fromAnUnknownConnection_isAnsweredWithNotConnected() {
        start();
        String stranger = Fixtures.connectionId();

        for (String body : List.of("{\"action\":\"join\",\"room\":\"x\"}", "{\"action\":\"leave\"}",
                "{\"action\":\"whisper\",\"to\":\"bob\",\"data\":\"x\"}", "{\"action\":\"history\"}",
                "{\"action\":\"who\"}", "{\"action\":\"rename\",\"name\":\"x\"}")) {
            act("join", stranger, body);
        }

        assertThat(frames(stranger)).extracting(MessageActionsIT::error).containsOnly("NOT_CONNECTED").hasSize(6);
        assertThat(api.recipients()).containsExactly(stranger);
        assertThat(store.find(stranger)).isEmpty();
    }

    @Test
    void join_andLeave_withOneOfAUsersDevices_tellTheRoomOnlyOfTheFirstIn_andTheLastOut() {
        start();
        alice = connect(other, "alice", "u-alice");
        String alicePhone = connect(other, "alice", "u-alice");
        bob = connect(room, "bob", "u-bob");

        join(alice, room);
        join(alicePhone, room);
        act("leave", alice, "{\"action\":\"leave\"}");
        act("leave", alicePhone, "{\"action\":\"leave\"}");

        assertThat(frames(bob)).extracting(MessageActionsIT::type).containsExactly("joined", "left");
        assertThat(frames(alicePhone)).extracting(MessageActionsIT::type)
                .as("the device's own confirmations, and nothing about its sibling").containsExactly("joined", "joined");
    }

    // ---------------------------------------------------------------- sequence, resume, edit, delete, typing

    @Test
    void sendmessage_numbersTheRoomsMessages_andAcknowledgesWithTheNumber_whenTheFrameHasARef() {
        startWithAliceAndBob();

        say(alice, "one");
        act("sendmessage", alice, "{\"action\":\"sendmessage\",\"data\":\"two\",\"ref\":\"c-2\"}");

        assertThat(frames(bob)).extracting(f -> f.get("seq").getAsLong(), f -> f.get("data").getAsString())
                .containsExactly(tuple(1L, "one"), tuple(2L, "two"));
        JsonObject sent = only(alice);
        assertThat(type(sent)).isEqualTo("sent");
        assertThat(sent.get("seq").getAsLong()).isEqualTo(2);
        assertThat(sent.get("ref").getAsString()).isEqualTo("c-2");
        assertThat(sent.get("id").getAsString()).isEqualTo(frames(bob).get(1).get("id").getAsString());
        assertThat(sns.publishes()).extracting(p -> p.json().get("seq").getAsLong()).containsExactly(1L, 2L);
    }

    @Test
    void resume_sendsEveryMessageAfterTheGivenOne_inOrder_andSaysWhenMoreFollow() {
        start(env -> env.put("RATE_LIMIT_MESSAGES", "1000"));
        alice = connect(room, "alice", "u-alice");
        for (int i = 1; i <= ChatProtocol.MAX_RESUME_MESSAGES + 5; i++) {
            say(alice, "m" + i);
        }
        String back = connect(room, "alice", "u-alice");

        act("resume", back, "{\"action\":\"resume\",\"after\":3}");
        JsonObject first = last(back);
        act("resume", back, "{\"action\":\"resume\",\"after\":" + (ChatProtocol.MAX_RESUME_MESSAGES + 3) + "}");
        JsonObject second = last(back);

        assertThat(type(first)).isEqualTo("resumed");
        assertThat(first.get("gap").getAsBoolean()).isFalse();
        assertThat(first.get("truncated").getAsBoolean()).isTrue();
        assertThat(seqs(first)).containsExactlyElementsOf(LongStream.rangeClosed(4, 103).boxed().toList());
        assertThat(second.get("truncated").getAsBoolean()).isFalse();
        assertThat(seqs(second)).containsExactly(104L, 105L);
        act("resume", back, "{\"action\":\"resume\",\"after\":105}");
        assertThat(seqs(last(back))).isEmpty();
        assertThat(last(back).get("gap").getAsBoolean()).isFalse();
    }

    private static List<Long> seqs(JsonObject frame) {
        List<Long> seqs = new ArrayList<>();
        for (JsonElement message : frame.getAsJsonArray("messages")) {
            seqs.add(message.getAsJsonObject().get("seq").getAsLong());
        }
        return seqs;
    }

    @Test
    void resume_saysGap_andSendsTheNewestPage_whenTheMissedMessagesAreNoLongerKept() {
        start();
        alice = connect(room, "alice", "u-alice");
        MessageStore messages = dependencies.messages();
        Instant now = Instant.now();
        messages.append(new ChatMessage("01A", now.toEpochMilli(), room, "alice", "u-alice", "gone"),
                now.minusSeconds(1));
        say(alice, "kept");

        act("resume", alice, "{\"action\":\"resume\",\"after\":0}");
        JsonObject expired = last(alice);
        act("resume", alice, "{\"action\":\"resume\",\"after\":50}");
        JsonObject ahead = last(alice);

        assertThat(expired.get("gap").getAsBoolean()).isTrue();
        assertThat(seqs(expired)).containsExactly(2L);
        assertThat(ahead.get("gap").getAsBoolean()).as("a number beyond the room's newest").isTrue();
        assertThat(seqs(ahead)).containsExactly(2L);
    }

    @Test
    void edit_byTheSender_fromAnyOfItsConnections_isStored_toldToTheWholeRoom_andPublished() {
        startWithAliceAndBob();
        String alicePhone = connect(room, "alice", "u-alice");
        say(alice, "helo");

        act("edit", alicePhone, "{\"action\":\"edit\",\"seq\":1,\"data\":\"hello\"}");

        for (String member : List.of(alice, alicePhone, bob)) {
            JsonObject edited = last(member);
            assertThat(type(edited)).isEqualTo("edited");
            assertThat(edited.get("seq").getAsLong()).isEqualTo(1);
            assertThat(edited.get("data").getAsString()).isEqualTo("hello");
            assertThat(edited.get("editedAt").getAsLong()).isPositive();
        }
        act("history", bob, "{\"action\":\"history\"}");
        JsonObject stored = last(bob).getAsJsonArray("messages").get(0).getAsJsonObject();
        assertThat(stored.get("data").getAsString()).isEqualTo("hello");
        assertThat(stored.has("editedAt")).isTrue();
        FakeSns.Publish event = sns.publishes().get(sns.publishes().size() - 1);
        assertThat(event.attributes()).isEqualTo(Map.of("eventType", "edited", "room", room));
        assertThat(event.json().get("seq").getAsLong()).isEqualTo(1);
        assertThat(event.json().get("data").getAsString()).isEqualTo("hello");
    }

    @Test
    void edit_andDelete_ofSomeoneElsesMessage_orAnUnknownOne_getAnError_andChangeNothing() {
        startWithAliceAndBob();
        say(alice, "mine");
        int published = sns.publishes().size();

        act("edit", bob, "{\"action\":\"edit\",\"seq\":1,\"data\":\"yours now\"}");
        act("delete", bob, "{\"action\":\"delete\",\"seq\":1}");
        act("delete", bob, "{\"action\":\"delete\",\"seq\":9}");
        act("edit", alice, "{\"action\":\"edit\",\"seq\":0,\"data\":\"x\"}");

        assertThat(frames(bob)).extracting(MessageActionsIT::type).containsExactly("message", "error", "error",
                "error");
        assertThat(frames(bob).subList(1, 4)).extracting(MessageActionsIT::error)
                .containsExactly("NOT_ALLOWED", "NOT_ALLOWED", "NOT_FOUND");
        assertThat(error(only(alice))).isEqualTo("INVALID_FIELD");
        assertThat(dependencies.messages().latest(room, 5, Instant.now())).singleElement()
                .satisfies(m -> assertThat(m.data()).isEqualTo("mine"));
        assertThat(sns.publishes()).hasSize(published);
    }

    @Test
    void delete_leavesATombstoneInHistory_tellsTheRoom_andCannotBeUndone() {
        startWithAliceAndBob();
        say(alice, "oops");

        act("delete", alice, "{\"action\":\"delete\",\"seq\":1}");
        act("edit", alice, "{\"action\":\"edit\",\"seq\":1,\"data\":\"back\"}");

        JsonObject deleted = frames(bob).get(1);
        assertThat(type(deleted)).isEqualTo("deleted");
        assertThat(deleted.get("seq").getAsLong()).isEqualTo(1);
        assertThat(deleted.has("data")).isFalse();
        assertThat(frames(alice)).extracting(MessageActionsIT::type).containsExactly("deleted", "error");
        assertThat(error(last(alice))).isEqualTo("NOT_FOUND");
        act("history", bob, "{\"action\":\"history\"}");
        JsonObject tombstone = last(bob).getAsJsonArray("messages").get(0).getAsJsonObject();
        assertThat(tombstone.get("deleted").getAsBoolean()).isTrue();
        assertThat(tombstone.has("data")).isFalse();
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("message", "deleted");
    }

    @Test
    void typing_tellsTheOtherMembers_isNotStoredOrPublished_andIsThrottledPerUserAcrossConnections() {
        startWithAliceAndBob();
        String alicePhone = connect(room, "alice", "u-alice");

        act("typing", alice, "{\"action\":\"typing\"}");
        act("typing", alicePhone, "{\"action\":\"typing\"}");
        act("typing", bob, "{\"action\":\"typing\"}");

        JsonObject typing = only(bob);
        assertThat(type(typing)).isEqualTo("typing");
        assertThat(typing.get("userId").getAsString()).isEqualTo("u-alice");
        assertThat(frames(alice)).extracting(f -> f.get("userId").getAsString()).containsExactly("u-bob");
        assertThat(frames(alicePhone)).extracting(f -> f.get("userId").getAsString()).containsExactly("u-alice",
                "u-bob");
        assertThat(dependencies.messages().latest(room, 5, Instant.now())).isEmpty();
        assertThat(sns.publishes()).isEmpty();
    }
}
