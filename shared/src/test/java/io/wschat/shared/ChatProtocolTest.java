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
import org.junit.jupiter.params.provider.MethodSource;

class ChatProtocolTest {

    private static final Instant NOW = Instant.parse("2026-11-28T18:20:28Z");
    private static final int MAX = 20;

    private static final Connection ALICE = Connection.open("c-alice", "lobby", "alice", "u-alice", NOW,
            Optional.empty(), Optional.empty());

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ChatProtocol protocol = new ChatProtocol(MAX, new IdGenerator(clock), clock);

    static Stream<Arguments> badFrames() {
        return Stream.of(
                Arguments.of("empty", "", ErrorCode.INVALID_JSON),
                Arguments.of("blank", "  \n", ErrorCode.INVALID_JSON),
                Arguments.of("plain text", "hello there", ErrorCode.INVALID_JSON),
                Arguments.of("truncated", "{\"action\":\"sendmessage\",\"data\":\"hi\"", ErrorCode.INVALID_JSON),
                Arguments.of("trailing text", "{\"action\":\"sendmessage\",\"data\":\"hi\"} extra", ErrorCode.INVALID_JSON),
                Arguments.of("two values", "{\"action\":\"sendmessage\",\"data\":\"hi\"}{}", ErrorCode.INVALID_JSON),
                Arguments.of("single quotes", "{'action':'sendmessage','data':'hi'}", ErrorCode.INVALID_JSON),
                Arguments.of("unquoted key", "{action:\"sendmessage\",\"data\":\"hi\"}", ErrorCode.INVALID_JSON),
                Arguments.of("comment", "{/*x*/\"action\":\"sendmessage\",\"data\":\"hi\"}", ErrorCode.INVALID_JSON),
                Arguments.of("NaN", "{\"action\":\"sendmessage\",\"data\":\"hi\",\"n\":NaN}", ErrorCode.INVALID_JSON),
                Arguments.of("array", "[{\"action\":\"sendmessage\",\"data\":\"hi\"}]", ErrorCode.INVALID_JSON),
                Arguments.of("string", "\"sendmessage\"", ErrorCode.INVALID_JSON),
                Arguments.of("number", "42", ErrorCode.INVALID_JSON),
                Arguments.of("null", "null", ErrorCode.INVALID_JSON),
                Arguments.of("repeated key", "{\"action\":\"sendmessage\",\"action\":\"join\",\"data\":\"hi\"}",
                        ErrorCode.INVALID_JSON),
                Arguments.of("too deep", "{\"action\":\"sendmessage\",\"data\":\"hi\",\"x\":" + nested(32) + "}",
                        ErrorCode.INVALID_JSON),
                Arguments.of("missing action", "{\"data\":\"hi\"}", ErrorCode.INVALID_ACTION),
                Arguments.of("null action", "{\"action\":null,\"data\":\"hi\"}", ErrorCode.INVALID_ACTION),
                Arguments.of("number action", "{\"action\":1,\"data\":\"hi\"}", ErrorCode.INVALID_ACTION),
                Arguments.of("object action", "{\"action\":{},\"data\":\"hi\"}", ErrorCode.INVALID_ACTION),
                Arguments.of("unknown action", "{\"action\":\"shout\",\"data\":\"hi\"}", ErrorCode.INVALID_ACTION),
                Arguments.of("action case", "{\"action\":\"SendMessage\",\"data\":\"hi\"}", ErrorCode.INVALID_ACTION),
                Arguments.of("missing data", "{\"action\":\"sendmessage\"}", ErrorCode.INVALID_TEXT),
                Arguments.of("null data", "{\"action\":\"sendmessage\",\"data\":null}", ErrorCode.INVALID_TEXT),
                Arguments.of("number data", "{\"action\":\"sendmessage\",\"data\":5}", ErrorCode.INVALID_TEXT),
                Arguments.of("array data", "{\"action\":\"sendmessage\",\"data\":[\"hi\"]}", ErrorCode.INVALID_TEXT),
                Arguments.of("object data", "{\"action\":\"sendmessage\",\"data\":{\"t\":\"hi\"}}", ErrorCode.INVALID_TEXT),
                Arguments.of("boolean data", "{\"action\":\"sendmessage\",\"data\":true}", ErrorCode.INVALID_TEXT),
                Arguments.of("empty data", "{\"action\":\"sendmessage\",\"data\":\"\"}", ErrorCode.INVALID_TEXT),
                Arguments.of("blank data", "{\"action\":\"sendmessage\",\"data\":\" \\n\\t \"}", ErrorCode.INVALID_TEXT),
                Arguments.of("oversized data", frame("x".repeat(MAX + 1)), ErrorCode.INVALID_TEXT),
                Arguments.of("NUL in data", "{\"action\":\"sendmessage\",\"data\":\"a\\u0000b\"}", ErrorCode.INVALID_TEXT),
                Arguments.of("escape in data", "{\"action\":\"sendmessage\",\"data\":\"a\\u001b[31mb\"}",
                        ErrorCode.INVALID_TEXT),
                Arguments.of("carriage return", "{\"action\":\"sendmessage\",\"data\":\"a\\rb\"}", ErrorCode.INVALID_TEXT),
                Arguments.of("DEL in data", "{\"action\":\"sendmessage\",\"data\":\"a\\u007fb\"}", ErrorCode.INVALID_TEXT),
                Arguments.of("C1 control", "{\"action\":\"sendmessage\",\"data\":\"a\\u0085b\"}", ErrorCode.INVALID_TEXT),
                Arguments.of("raw control", "{\"action\":\"sendmessage\",\"data\":\"a\u0007b\"}", ErrorCode.INVALID_JSON),
                Arguments.of("lone surrogate", "{\"action\":\"sendmessage\",\"data\":\"a\\ud800b\"}",
                        ErrorCode.INVALID_TEXT),
                Arguments.of("bidi override", "{\"action\":\"sendmessage\",\"data\":\"invoice\\u202egnp.exe\"}",
                        ErrorCode.INVALID_TEXT),
                Arguments.of("zero-width space", "{\"action\":\"sendmessage\",\"data\":\"pay\\u200bpal\"}",
                        ErrorCode.INVALID_TEXT),
                Arguments.of("bidi isolate in an edit", "{\"action\":\"edit\",\"seq\":1,\"data\":\"a\\u2066b\"}",
                        ErrorCode.INVALID_TEXT),
                Arguments.of("zero-width joiner in a whisper",
                        "{\"action\":\"whisper\",\"to\":\"bob\",\"data\":\"ad\\u200dmin\"}", ErrorCode.INVALID_TEXT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
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
