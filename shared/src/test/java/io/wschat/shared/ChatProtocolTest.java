package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ChatProtocolTest {

    private static final Instant NOW = Instant.parse("2026-11-28T18:20:28Z");
    private static final int MAX = 20;

    private static final Connection ALICE = Connection.open("c-alice", "lobby", "alice", "u-alice", NOW,
            Optional.empty(), Optional.empty());

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ChatProtocol protocol = new ChatProtocol(MAX, new IdGenerator(clock), clock);

    /** Frames the table of bad frames cannot hold: whitespace, single quotes, raw control characters, long ones. */
    static Stream<Arguments> unwritableFrames() {
        return Stream.of(
                Arguments.of("empty", "", ErrorCode.INVALID_JSON),
                Arguments.of("blank", "  \n", ErrorCode.INVALID_JSON),
                Arguments.of("single quotes", "{'action':'sendmessage','data':'hi'}", ErrorCode.INVALID_JSON),
                Arguments.of("too deep", "{\"action\":\"sendmessage\",\"data\":\"hi\",\"x\":" + nested(32) + "}",
                        ErrorCode.INVALID_JSON),
                Arguments.of("raw control", "{\"action\":\"sendmessage\",\"data\":\"a\u0007b\"}",
                        ErrorCode.INVALID_JSON),
                Arguments.of("oversized data", frame("x".repeat(MAX + 1)), ErrorCode.INVALID_TEXT));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain text                     | hello there                                             | INVALID_JSON
            truncated                      | {"action":"sendmessage","data":"hi"                     | INVALID_JSON
            trailing text                  | {"action":"sendmessage","data":"hi"} extra              | INVALID_JSON
            two values                     | {"action":"sendmessage","data":"hi"}{}                  | INVALID_JSON
            unquoted key                   | {action:"sendmessage","data":"hi"}                      | INVALID_JSON
            comment                        | {/*x*/"action":"sendmessage","data":"hi"}               | INVALID_JSON
            NaN                            | {"action":"sendmessage","data":"hi","n":NaN}            | INVALID_JSON
            array                          | [{"action":"sendmessage","data":"hi"}]                  | INVALID_JSON
            string                         | "sendmessage"                                           | INVALID_JSON
            number                         | 42                                                      | INVALID_JSON
            null                           | null                                                    | INVALID_JSON
            repeated key                   | {"action":"sendmessage","action":"join","data":"hi"}    | INVALID_JSON
            missing action                 | {"data":"hi"}                                           | INVALID_ACTION
            null action                    | {"action":null,"data":"hi"}                             | INVALID_ACTION
            number action                  | {"action":1,"data":"hi"}                                | INVALID_ACTION
            object action                  | {"action":{},"data":"hi"}                               | INVALID_ACTION
            unknown action                 | {"action":"shout","data":"hi"}                          | INVALID_ACTION
            action case                    | {"action":"SendMessage","data":"hi"}                    | INVALID_ACTION
            missing data                   | {"action":"sendmessage"}                                | INVALID_TEXT
            null data                      | {"action":"sendmessage","data":null}                    | INVALID_TEXT
            number data                    | {"action":"sendmessage","data":5}                       | INVALID_TEXT
            array data                     | {"action":"sendmessage","data":["hi"]}                  | INVALID_TEXT
            object data                    | {"action":"sendmessage","data":{"t":"hi"}}              | INVALID_TEXT
            boolean data                   | {"action":"sendmessage","data":true}                    | INVALID_TEXT
            empty data                     | {"action":"sendmessage","data":""}                      | INVALID_TEXT
            blank data                     | {"action":"sendmessage","data":" \\n\\t "}              | INVALID_TEXT
            NUL in data                    | {"action":"sendmessage","data":"a\\u0000b"}             | INVALID_TEXT
            escape in data                 | {"action":"sendmessage","data":"a\\u001b[31mb"}         | INVALID_TEXT
            carriage return                | {"action":"sendmessage","data":"a\\rb"}                 | INVALID_TEXT
            DEL in data                    | {"action":"sendmessage","data":"a\\u007fb"}             | INVALID_TEXT
            C1 control                     | {"action":"sendmessage","data":"a\\u0085b"}             | INVALID_TEXT
            lone surrogate                 | {"action":"sendmessage","data":"a\\ud800b"}             | INVALID_TEXT
            bidi override                  | {"action":"sendmessage","data":"invoice\\u202egnp.exe"} | INVALID_TEXT
            zero-width space               | {"action":"sendmessage","data":"pay\\u200bpal"}         | INVALID_TEXT
            bidi isolate in an edit        | {"action":"edit","seq":1,"data":"a\\u2066b"}            | INVALID_TEXT
            zero-width joiner in a whisper | {"action":"whisper","to":"bob","data":"ad\\u200dmin"}   | INVALID_TEXT
            """)
    @MethodSource("unwritableFrames")
    void parse_rejectsWithTheMatchingCode(String description, String body, ErrorCode expected) {
        assertThatThrownBy(() -> protocol.parse(body))
                .isInstanceOf(ProtocolException.class)
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(expected));
    }

    @Test
    void parse_rejectsNull() {
        assertThatThrownBy(() -> protocol.parse(null))
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.INVALID_JSON));
    }

    @Test
    void parse_acceptsAValidSendMessage() throws ProtocolException {
        ChatRequest request = protocol.parse("{\"action\":\"sendmessage\",\"data\":\"hello\"}");

        assertThat(request).isEqualTo(new ChatRequest.SendMessage("hello"));
        assertThat(request.action()).isEqualTo("sendmessage");
    }

    @Test
    void parse_ignoresClientSuppliedSenderFields() throws ProtocolException {
        ChatRequest request = protocol.parse(
                "{\"from\":\"admin\",\"name\":\"root\",\"sender\":\"x\",\"action\":\"sendmessage\",\"data\":\"hi\"}");

        assertThat(request).isEqualTo(new ChatRequest.SendMessage("hi"));
    }

    @Test
    void parse_keepsLineFeedsTabsAndUnicode() throws ProtocolException {
        ChatRequest request = protocol.parse("{\"action\":\"sendmessage\",\"data\":\"a\\nb\\tc \u00e9 \uD83D\uDE00\"}");

        assertThat(((ChatRequest.SendMessage) request).data()).isEqualTo("a\nb\tc \u00e9 \uD83D\uDE00");
    }

    @Test
    void parse_countsCodePoints_soMaxEmojisFit() throws ProtocolException {
        String emojis = "\uD83D\uDE00".repeat(MAX);

        assertThat(protocol.parse(frame(emojis))).isEqualTo(new ChatRequest.SendMessage(emojis));
        assertThatThrownBy(() -> protocol.parse(frame(emojis + "\uD83D\uDE00")))
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.INVALID_TEXT));
    }

    @Test
    void parse_acceptsNestingUpToTheLimit() throws ProtocolException {
        // the frame object itself is level 1
        String body = "{\"action\":\"sendmessage\",\"data\":\"hi\",\"x\":" + nested(ChatProtocol.MAX_DEPTH - 1) + "}";

        assertThat(protocol.parse(body)).isEqualTo(new ChatRequest.SendMessage("hi"));
    }

    @Test
    @Timeout(5)
    void parse_rejectsVeryDeepNesting_withoutExhaustingTheStack() {
        String body = "[".repeat(100_000) + "]".repeat(100_000);

        assertThatThrownBy(() -> protocol.parse(body))
                .satisfies(e -> assertThat(((ProtocolException) e).code()).isEqualTo(ErrorCode.INVALID_JSON));
    }

    @Test
    void parse_errorMessages_doNotEchoTheFrame() {
        assertThatThrownBy(() -> protocol.parse("{\"action\":\"<img src=x>\"}"))
                .hasMessageNotContaining("<img");
        assertThatThrownBy(() -> protocol.parse("not json <img src=x>"))
                .hasMessageNotContaining("<img");
    }

    @Test
    void encode_writesTheMessageFrame_withServerAssignedIdAndTime() {
        ChatMessage message = protocol.message(ALICE, "hello <b>");

        JsonObject frame = JsonParser.parseString(protocol.encode(message)).getAsJsonObject();

        assertThat(frame.keySet()).containsExactly("type", "id", "ts", "room", "from", "userId", "tag", "data");
        assertThat(frame.get("userId").getAsString()).isEqualTo("u-alice");
        assertThat(frame.get("tag").getAsString()).isEqualTo(Names.tag("u-alice"));
        assertThat(frame.get("type").getAsString()).isEqualTo("message");
        assertThat(frame.get("id").getAsString()).isEqualTo(message.id()).hasSize(26);
        assertThat(frame.get("ts").getAsLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(frame.get("room").getAsString()).isEqualTo("lobby");
        assertThat(frame.get("from").getAsString()).isEqualTo("alice");
        assertThat(frame.get("data").getAsString()).isEqualTo("hello <b>");
    }

    @Test
    void message_givesEachMessageItsOwnId() {
        assertThat(protocol.message(ALICE, "a").id()).isNotEqualTo(protocol.message(ALICE, "a").id());
    }

    @Test
    void error_writesTheErrorFrame() {
        JsonObject frame = JsonParser.parseString(protocol.error(ErrorCode.INVALID_TEXT, "data must be text"))
                .getAsJsonObject();

        assertThat(frame.keySet()).containsExactly("type", "id", "ts", "code", "message");
        assertThat(frame.get("type").getAsString()).isEqualTo("error");
        assertThat(frame.get("id").getAsString()).hasSize(26);
        assertThat(frame.get("ts").getAsLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(frame.get("code").getAsString()).isEqualTo("INVALID_TEXT");
        assertThat(frame.get("message").getAsString()).isEqualTo("data must be text");
    }

    private static String frame(String data) {
        JsonObject frame = new JsonObject();
        frame.addProperty("action", "sendmessage");
        frame.addProperty("data", data);
        return frame.toString();
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
