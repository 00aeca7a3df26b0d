package io.wschat.e2e.reliability;

import static io.wschat.e2e.ChatFrames.nextOfType;
import static io.wschat.e2e.ChatFrames.sendMessage;
import static io.wschat.e2e.ProjectStacks.encode;
import static io.wschat.e2e.ProjectStacks.join;
import static io.wschat.e2e.reliability.ChatClients.assertStillServes;
import static io.wschat.e2e.reliability.ChatClients.connectionRow;
import static io.wschat.e2e.reliability.ChatClients.expectError;
import static io.wschat.e2e.reliability.ChatClients.handshake;
import static io.wschat.e2e.reliability.ChatClients.newName;
import static io.wschat.e2e.reliability.ChatClients.newRoom;
import static io.wschat.e2e.reliability.ChatClients.nextMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.wschat.e2e.ProjectStack;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.RawWebSocket;
import io.wschat.local.RecordedInvocations;
import io.wschat.local.TestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile and malformed input through the local STACK.stack() running template.yaml's functions (auth off): every case
 * gets a precise error frame, close code or handshake status, and two bystanders in the same room still chat
 * afterwards. Tokens are in {@link BadTokenIT}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BadInputIT {


    private String room;
    private TestClient alice;
    private TestClient bob;

    @RegisterExtension
    static final ProjectStack STACK = ProjectStack.of(ProjectStacks.options());

    @BeforeEach
    void bystanders() throws Exception {
        room = newRoom();
        alice = STACK.join(room, newName("alice"));
        bob = STACK.join(room, newName("bob"));
    }

    @AfterEach
    void closeBystanders() {
        alice.close();
        bob.close();
    }

    /** Sends the frame from a fresh member of the room and expects exactly this error; the sender keeps working. */
    private void rejected(String frame, String code) throws Exception {
        try (TestClient mallory = STACK.join(room, newName("mallory"))) {
            mallory.send(frame);
            expectError(mallory, code);
            String after = "mallory recovers " + code;
            mallory.send(sendMessage(after));
            nextMessage(alice, after);
        }
        assertStillServes(alice, bob);
    }

    @Test
    void notJson_getsInvalidJson() throws Exception {
        rejected("hello there", "INVALID_JSON");
        rejected("{\"action\":\"sendmessage\",\"data\":\"hi\"", "INVALID_JSON");
        rejected("{'action':'sendmessage','data':'hi'}", "INVALID_JSON");
        rejected("{\"action\":\"sendmessage\",\"data\":\"hi\"} trailing", "INVALID_JSON");
    }

    @Test
    void jsonThatIsNotAnObject_getsInvalidJson() throws Exception {
        for (String frame : new String[] {"[1,2,3]", "\"sendmessage\"", "42", "null", "true"}) {
            rejected(frame, "INVALID_JSON");
        }
    }

    @Test
    void missingOrUnknownAction_getsInvalidAction() throws Exception {
        rejected("{\"data\":\"hi\"}", "INVALID_ACTION");
        rejected("{\"action\":\"shout\",\"data\":\"hi\"}", "INVALID_ACTION");
        rejected("{\"action\":\"SendMessage\",\"data\":\"hi\"}", "INVALID_ACTION");
        rejected("{\"action\":7,\"data\":\"hi\"}", "INVALID_ACTION");
    }

    @Test
    void reservedRouteKeysAsAction_goToDefault_notToConnectOrDisconnect() throws Exception {
        rejected("{\"action\":\"$connect\"}", "INVALID_ACTION");
        rejected("{\"action\":\"$disconnect\"}", "INVALID_ACTION");
        rejected("{\"action\":\"$default\"}", "INVALID_ACTION");
    }

    @Test
    void wrongTypes_getTheFieldsErrorCode() throws Exception {
        rejected("{\"action\":\"sendmessage\",\"data\":42}", "INVALID_TEXT");
        rejected("{\"action\":\"sendmessage\",\"data\":[\"hi\"]}", "INVALID_TEXT");
        rejected("{\"action\":\"join\",\"room\":7}", "INVALID_ROOM");
        rejected("{\"action\":\"rename\",\"name\":{}}", "INVALID_NAME");
        rejected("{\"action\":\"history\",\"limit\":\"ten\"}", "INVALID_FIELD");
        rejected("{\"action\":\"history\",\"limit\":1.5}", "INVALID_FIELD");
        rejected("{\"action\":\"whisper\",\"to\":[],\"data\":\"psst\"}", "INVALID_FIELD");
    }

    @Test
    void emptyOrBlankText_getsInvalidText() throws Exception {
        rejected(sendMessage(""), "INVALID_TEXT");
        rejected(sendMessage("   \n\t "), "INVALID_TEXT");
        rejected("{\"action\":\"sendmessage\"}", "INVALID_TEXT");
    }

    @Test
    void textOverTheLimit_getsInvalidText_andTheLimitItselfIsDelivered() throws Exception {
        rejected(sendMessage("x".repeat(4001)), "INVALID_TEXT");
        // Code points, not UTF-16 units: 4000 emoji are 8000 chars in Java and 16000 bytes on the wire.
        String longest = "\uD83D\uDE00".repeat(4000);
        alice.send(sendMessage(longest));
        assertThat(nextMessage(bob, longest).get("data").getAsString()).hasSize(8000);
    }

    @Test
    void frameOver32KB_closesWith1009_andDisconnectRemovesTheRow() throws Exception {
        String name = newName("mallory");
        String connectionId;
        try (RawWebSocket mallory = RawWebSocket.connect(STACK.stack().port(), "/?room=" + room + "&name=" + name)) {
            connectionId = connectionIdOf(name);
            assertThat(connectionRow(STACK.stack(), connectionId)).as("the row $connect stored").isPresent();
            byte[] frame = sendMessage("x".repeat(32 * 1024)).getBytes(StandardCharsets.UTF_8);
            mallory.sendFrame(0x1, true, frame);
            assertThat(mallory.awaitCloseCode()).isEqualTo(1009);
        }
        assertDisconnected(name, 1009);
        assertThat(connectionRow(STACK.stack(), connectionId)).as("the row after $disconnect").isEmpty();
        assertStillServes(alice, bob);
    }

    @Test
    void messageOver128KB_inFramesUnder32KB_closesWith1009() throws Exception {
        String name = newName("mallory");
        try (RawWebSocket mallory = RawWebSocket.connect(STACK.stack().port(), "/?room=" + room + "&name=" + name)) {
            byte[] chunk = new byte[32 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            try {
                mallory.sendFrame(0x1, false, "{\"action\":\"sendmessage\",\"data\":\"".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 4; i++) {
                    mallory.sendFrame(0x0, false, chunk);
                }
                mallory.sendFrame(0x0, true, "\"}".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The gateway may close while the rest is still being written; the close code is what counts.
            }
            assertThat(mallory.awaitCloseCode()).isEqualTo(1009);
        }
        assertDisconnected(name, 1009);
        assertStillServes(alice, bob);
    }

    @Test
    void binaryFrame_closesWith1003() throws Exception {
        String name = newName("mallory");
        try (RawWebSocket mallory = RawWebSocket.connect(STACK.stack().port(), "/?room=" + room + "&name=" + name)) {
            mallory.sendFrame(0x2, true, sendMessage("hi").getBytes(StandardCharsets.UTF_8));
            assertThat(mallory.awaitCloseCode()).isEqualTo(1003);
        }
        assertDisconnected(name, 1003);
        assertStillServes(alice, bob);
    }

    @Test
    void invalidUtf8_closesWith1007() throws Exception {
        byte[][] payloads = {
            {'{', (byte) 0xC3, (byte) 0x28, '}'},                       // a truncated two-byte sequence
            {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},         // an encoded lone surrogate
            {(byte) 0xFF, (byte) 0xFE},                                 // bytes that never occur in UTF-8
        };
        for (byte[] payload : payloads) {
            String name = newName("mallory");
            try (RawWebSocket mallory = RawWebSocket.connect(STACK.stack().port(), "/?room=" + room + "&name=" + name)) {
                mallory.sendFrame(0x1, true, payload);
                assertThat(mallory.awaitCloseCode()).isEqualTo(1007);
            }
            assertDisconnected(name, 1007);
        }
        assertStillServes(alice, bob);
    }

    @Test
    void deeplyNestedJson_getsInvalidJson_withoutHurtingTheFunction() throws Exception {
        rejected("{\"action\":\"sendmessage\",\"data\":\"hi\",\"x\":" + "[".repeat(33) + "]".repeat(33) + "}",
                "INVALID_JSON");
        // As deep as fits in one 32 KB frame: 16,000 levels.
        rejected("{\"action\":\"sendmessage\",\"data\":\"hi\",\"x\":" + "[".repeat(16_000) + "]".repeat(16_000) + "}",
                "INVALID_JSON");
        rejected("[".repeat(30_000), "INVALID_JSON");
    }

    @Test
    void tooLongNameOrRoom_isRefusedAtTheHandshake_orByTheAction() throws Exception {
        assertThat(handshake(STACK.stack(), "/?room=" + room + "&name=" + "n".repeat(33), Map.of()).status()).isEqualTo(400);
        assertThat(handshake(STACK.stack(), "/?room=" + "r".repeat(65) + "&name=" + newName("m"), Map.of()).status())
                .isEqualTo(400);
        assertThat(handshake(STACK.stack(), "/?room=" + room + "&name=" + "n".repeat(5000), Map.of()).status())
                .isEqualTo(400);
        rejected("{\"action\":\"join\",\"room\":\"" + "r".repeat(65) + "\"}", "INVALID_ROOM");
        rejected("{\"action\":\"rename\",\"name\":\"" + "n".repeat(33) + "\"}", "INVALID_NAME");
        rejected("{\"action\":\"whisper\",\"to\":\"" + "u".repeat(257) + "\",\"data\":\"psst\"}", "INVALID_FIELD");
        assertStillServes(alice, bob);
    }

    @Test
    void controlCharacters_areRejected_exceptNewlineAndTab() throws Exception {
        rejected(sendMessage("ring \u0007 the bell"), "INVALID_TEXT");
        rejected(sendMessage("nul \u0000 byte"), "INVALID_TEXT");
        rejected(sendMessage("escape \u001b[31m red"), "INVALID_TEXT");
        rejected("{\"action\":\"rename\",\"name\":\"bad\\u0007name\"}", "INVALID_NAME");
        rejected("{\"action\":\"whisper\",\"to\":\"bob\\u0000\",\"data\":\"psst\"}", "INVALID_FIELD");
        assertThat(handshake(STACK.stack(), "/?room=" + room + "&name=" + encode("bad\u0007name"), Map.of()).status())
                .isEqualTo(400);
        assertThat(handshake(STACK.stack(), "/?room=" + encode("lobby\n") + "&name=" + newName("m"), Map.of()).status())
                .isEqualTo(400);
        String allowed = "line one\nline two\tand a tab";
        alice.send(sendMessage(allowed));
        assertThat(nextMessage(bob, allowed).get("data").getAsString()).isEqualTo(allowed);
    }

    @Test
    void htmlAndScriptInText_areDeliveredAsInertStringData_unchanged() throws Exception {
        String html = "<script>alert('x')</script><img src=x onerror=\"alert(1)\"> & </div>\"quotes\"";
        alice.send(sendMessage(html));
        JsonObject frame = nextMessage(bob, html);
        assertThat(frame.get("data").getAsString()).isEqualTo(html);
        assertThat(frame.get("type").getAsString()).isEqualTo("message");
    }

    @Test
    void htmlInNames_isRefused() throws Exception {
        assertThat(handshake(STACK.stack(), "/?room=" + room + "&name=" + encode("<b>bold</b>"), Map.of()).status())
                .isEqualTo(400);
        assertThat(handshake(STACK.stack(), "/?room=" + room + "&name=" + encode("<script>"), Map.of()).status())
                .isEqualTo(400);
        rejected("{\"action\":\"rename\",\"name\":\"<img src=x onerror=alert(1)>\"}", "INVALID_NAME");
        assertStillServes(alice, bob);
    }

    @Test
    void forgedSenderFields_areIgnored_receiversSeeTheStoredIdentity() throws Exception {
        String name = newName("mallory");
        try (TestClient mallory = STACK.join(room, name)) {
            String text = "I am the admin";
            mallory.send("{\"action\":\"sendmessage\",\"data\":\"" + text + "\",\"from\":\"admin\","
                    + "\"userId\":\"admin\",\"name\":\"admin\",\"id\":\"01AAAAAAAAAAAAAAAAAAAAAAAA\",\"ts\":1,"
                    + "\"room\":\"elsewhere\",\"type\":\"whisper\"}");
            JsonObject atBob = nextMessage(bob, text);
            assertThat(atBob.get("from").getAsString()).isEqualTo(name);
            assertThat(atBob.get("userId").getAsString()).isEqualTo(name);
            assertThat(atBob.get("room").getAsString()).isEqualTo(room);
            assertThat(atBob.get("type").getAsString()).isEqualTo("message");
            assertThat(atBob.get("id").getAsString()).isNotEqualTo("01AAAAAAAAAAAAAAAAAAAAAAAA");
            assertThat(atBob.get("ts").getAsLong()).isGreaterThan(1);
        }
        assertStillServes(alice, bob);
    }

    @Test
    void whisperToAnotherUsersConnectionId_reachesNobody() throws Exception {
        String victimName = newName("victim");
        try (TestClient victim = STACK.join(room, victimName);
                TestClient mallory = STACK.join(room, newName("mallory"))) {
            String victimConnection = STACK.invocations().await(i -> i.routeKey().equals("$connect") && i.result().isSuccess()
                    && victimName.equals(queryParameter(i, "name"))).connectionId();

            mallory.send("{\"action\":\"whisper\",\"to\":\"" + victimConnection + "\",\"data\":\"psst\"}");
            expectError(mallory, "UNKNOWN_USER");

            // The refused whisper was handled before this message was sent, so anything it had posted to the
            // victim would have arrived first.
            String marker = "after the whisper";
            alice.send(sendMessage(marker));
            JsonObject next = nextOfType(victim, "message");
            assertThat(next.get("data").getAsString()).isEqualTo(marker);
        }
        assertStillServes(alice, bob);
    }

    private static String queryParameter(RecordedInvocations.Invocation invocation, String name) {
        JsonObject query = invocation.event().getAsJsonObject("queryStringParameters");
        return query == null || !query.has(name) ? null : query.get(name).getAsString();
    }

    /** The connection id of the successful {@code $connect} of the client named {@code name}. */
    private static String connectionIdOf(String name) throws InterruptedException {
        return STACK.invocations().await(i -> i.routeKey().equals("$connect") && i.result().isSuccess()
                && name.equals(queryParameter(i, "name"))).connectionId();
    }

    /** The gateway reported the close to {@code $disconnect} with this code, and the function answered 200. */
    private static void assertDisconnected(String name, int statusCode) throws InterruptedException {
        String connectionId = connectionIdOf(name);
        RecordedInvocations.Invocation disconnect = STACK.invocations().await("$disconnect", connectionId);
        assertThat(disconnect.requestContext().get("disconnectStatusCode").getAsInt()).isEqualTo(statusCode);
        assertThat(disconnect.result().statusCode()).isEqualTo(200);
    }
}
