package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The actions beyond sendmessage, and the frames they answer with. */
class ChatProtocolActionsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T18:20:28Z");
    private static final Connection ALICE = Connection.open("c-alice", "lobby", "alice", "u-alice", NOW,
            Optional.empty(), Optional.empty());

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ChatProtocol protocol = new ChatProtocol(4000, new IdGenerator(clock), clock);

    static Stream<Arguments> validFrames() {
        return Stream.of(
                Arguments.of("{\"action\":\"join\",\"room\":\"support_2-b\"}", new ChatRequest.Join("support_2-b")),
                Arguments.of("{\"action\":\"leave\",\"room\":\"ignored\"}", new ChatRequest.Leave()),
                Arguments.of("{\"action\":\"whisper\",\"to\":\"auth0|42\",\"data\":\"psst\",\"from\":\"bob\"}",
                        new ChatRequest.Whisper("auth0|42", "psst")),
                Arguments.of("{\"action\":\"history\"}", new ChatRequest.History(50)),
                Arguments.of("{\"action\":\"history\",\"limit\":null}", new ChatRequest.History(50)),
                Arguments.of("{\"action\":\"history\",\"limit\":1}", new ChatRequest.History(1)),
                Arguments.of("{\"action\":\"history\",\"limit\":100}", new ChatRequest.History(100)),
                Arguments.of("{\"action\":\"history\",\"limit\":7.0}", new ChatRequest.History(7)),
                Arguments.of("{\"action\":\"who\"}", new ChatRequest.Who()),
                Arguments.of("{\"action\":\"rename\",\"name\":\"Zoë B.\"}", new ChatRequest.Rename("Zoë B.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFrames")
    void parse_acceptsEachAction(String body, ChatRequest expected) throws ProtocolException {
        assertThat(protocol.parse(body)).isEqualTo(expected);
    }

    static Stream<Class<?>> requestTypes() {
        return Arrays.stream(ChatRequest.class.getPermittedSubclasses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestTypes")
    void action_isTheRequestTypesActionConstant_andOneTheProtocolDecodes(Class<?> type)
            throws ReflectiveOperationException {
        Class<?>[] componentTypes = Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Object[] values = Arrays.stream(componentTypes)
                .map(component -> component == String.class ? "x" : component == int.class ? (Object) 1 : (Object) 1L)
                .toArray();
        ChatRequest request = (ChatRequest) type.getDeclaredConstructor(componentTypes).newInstance(values);

        assertThat(request.action()).isEqualTo(type.getField("ACTION").get(null));
        assertThat(protocol.actions()).contains(request.action());
    }

    @Test
    void actions_areOnePerRequestType() {
        assertThat(protocol.actions()).hasSize(ChatRequest.class.getPermittedSubclasses().length);
    }

    /** Fields too long to write out in the table of bad frames. */
    static Stream<Arguments> oversizedFields() {
        return Stream.of(
                Arguments.of("{\"action\":\"join\",\"room\":\"x" + "y".repeat(64) + "\"}", ErrorCode.INVALID_ROOM),
                Arguments.of("{\"action\":\"whisper\",\"to\":\"" + "b".repeat(257) + "\",\"data\":\"hi\"}",
                        ErrorCode.INVALID_FIELD),
                Arguments.of("{\"action\":\"rename\",\"name\":\"" + "n".repeat(33) + "\"}", ErrorCode.INVALID_NAME));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"action":"join"}                                  | INVALID_ROOM
            {"action":"join","room":""}                        | INVALID_ROOM
            {"action":"join","room":"a b"}                     | INVALID_ROOM
            {"action":"join","room":7}                         | INVALID_ROOM
            {"action":"whisper","data":"hi"}                   | INVALID_FIELD
            {"action":"whisper","to":"","data":"hi"}           | INVALID_FIELD
            {"action":"whisper","to":["bob"],"data":"hi"}      | INVALID_FIELD
            {"action":"whisper","to":"b\\u0000ob","data":"hi"} | INVALID_FIELD
            {"action":"whisper","to":"bob"}                    | INVALID_TEXT
            {"action":"history","limit":0}                     | INVALID_FIELD
            {"action":"history","limit":101}                   | INVALID_FIELD
            {"action":"history","limit":-5}                    | INVALID_FIELD
            {"action":"history","limit":2.5}                   | INVALID_FIELD
            {"action":"history","limit":"10"}                  | INVALID_FIELD
            {"action":"history","limit":1e400}                 | INVALID_FIELD
            {"action":"rename"}                                | INVALID_NAME
            {"action":"rename","name":" bob"}                  | INVALID_NAME
            {"action":"rename","name":"<script>"}              | INVALID_NAME
            """)
    @MethodSource("oversizedFields")
    void parse_rejectsBadFields_withTheMatchingCode(String body, ErrorCode expected) {
        assertThatThrownBy(() -> protocol.parse(body))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(expected))
                .hasMessageNotContaining("<script>");
    }

    @Test
    void notices_carryTypeIdTsRoomAndTheMembersStoredIdentity() {
        RoomMember bob = new RoomMember("c-bob", "bob", "u-bob");

        JsonObject joined = json(protocol.joined("support", bob));
        JsonObject left = json(protocol.left("lobby", bob));
        JsonObject renamed = json(protocol.renamed("support", new RoomMember("c-bob", "robert", "u-bob"), "bob"));

        assertThat(joined.keySet()).containsExactly("type", "id", "ts", "room", "name", "userId", "tag");
        assertThat(joined.get("type").getAsString()).isEqualTo("joined");
        assertThat(joined.get("room").getAsString()).isEqualTo("support");
        assertThat(joined.get("userId").getAsString()).isEqualTo("u-bob");
        assertThat(joined.get("tag").getAsString()).isEqualTo(Names.tag("u-bob"));
        assertThat(joined.get("ts").getAsLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(left.get("type").getAsString()).isEqualTo("left");
        assertThat(renamed.keySet()).containsExactly("type", "id", "ts", "room", "name", "userId", "tag", "previous");
        assertThat(renamed.get("name").getAsString()).isEqualTo("robert");
        assertThat(renamed.get("previous").getAsString()).isEqualTo("bob");
        assertThat(joined.toString()).doesNotContain("c-bob");
    }

    @Test
    void whisper_carriesSenderRoomAddresseeAndText() {
        ChatMessage whisper = protocol.message(ALICE, "psst");

        JsonObject frame = json(protocol.whisper(whisper, "u-bob"));

        assertThat(frame.keySet()).containsExactly("type", "id", "ts", "room", "from", "userId", "tag", "to", "data");
        assertThat(frame.get("type").getAsString()).isEqualTo("whisper");
        assertThat(frame.get("id").getAsString()).isEqualTo(whisper.id());
        assertThat(frame.get("from").getAsString()).isEqualTo("alice");
        assertThat(frame.get("to").getAsString()).isEqualTo("u-bob");
    }

    @Test
    void presence_listsNameUserIdTagAndDevicesOnly() {
        JsonObject frame = json(protocol.presence("lobby",
                List.of(new RoomMember("c-1", "alice", "u-alice"), new RoomMember("c-2", "bob", "u-bob")), false));

        assertThat(frame.get("type").getAsString()).isEqualTo("presence");
        assertThat(frame.get("truncated").getAsBoolean()).isFalse();
        JsonArray members = frame.getAsJsonArray("members");
        assertThat(members).hasSize(2);
        assertThat(members.get(0).getAsJsonObject().keySet()).containsExactly("name", "userId", "tag", "devices");
        assertThat(members.get(1).getAsJsonObject().get("userId").getAsString()).isEqualTo("u-bob");
        assertThat(members.get(1).getAsJsonObject().get("devices").getAsInt()).isEqualTo(1);
    }

    @Test
    void history_isOldestFirst() {
        List<ChatMessage> newestFirst = List.of(
                new ChatMessage("03", 3, "lobby", "bob", "u-bob", "third"),
                new ChatMessage("02", 2, "lobby", "alice", "u-alice", "second"),
                new ChatMessage("01", 1, "lobby", "bob", "u-bob", "first"));

        JsonObject frame = json(protocol.history("lobby", newestFirst));

        assertThat(frame.get("type").getAsString()).isEqualTo("history");
        assertThat(frame.get("room").getAsString()).isEqualTo("lobby");
        assertThat(frame.get("truncated").getAsBoolean()).isFalse();
        assertThat(frame.getAsJsonArray("messages")).extracting(m -> m.getAsJsonObject().get("data").getAsString())
                .containsExactly("first", "second", "third");
        assertThat(frame.getAsJsonArray("messages").get(0).getAsJsonObject().get("type").getAsString())
                .isEqualTo("message");
    }

    @Test
    void history_leavesOutTheOldest_toFitThePostLimit() {
        String big = "\u00e9".repeat(4000);
        List<ChatMessage> newestFirst = new ArrayList<>();
        for (int i = 100; i > 0; i--) {
            newestFirst.add(new ChatMessage(String.format("%02d", i), i, "lobby", "bob", "u-bob", i + big));
        }

        String text = protocol.history("lobby", newestFirst);
        JsonObject frame = json(text);

        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ChatProtocol.MAX_FRAME_BYTES);
        JsonArray messages = frame.getAsJsonArray("messages");
        assertThat(messages.size()).isBetween(10, 99);
        assertThat(frame.get("truncated").getAsBoolean()).isTrue();
        assertThat(messages.get(messages.size() - 1).getAsJsonObject().get("ts").getAsLong())
                .as("the newest is kept").isEqualTo(100);
        assertThat(messages.get(0).getAsJsonObject().get("ts").getAsLong()).isEqualTo(100 - messages.size() + 1);
    }

    @Test
    void presence_isTruncated_whenTheCallerSaysMoreExist() {
        JsonObject frame = json(protocol.presence("lobby", List.of(new RoomMember("c-1", "a", "a")), true));

        assertThat(frame.get("truncated").getAsBoolean()).isTrue();
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }
}
