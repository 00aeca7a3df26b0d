package io.wschat.e2e;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.local.TestClient;
import java.util.ArrayList;
import java.util.List;

/** The chat protocol's frames as the system tests send and read them. */
public final class ChatFrames {

    private ChatFrames() {
    }

    public static JsonObject parse(String frame) {
        return JsonParser.parseString(frame).getAsJsonObject();
    }

    /** The next frame of the given type, skipping presence notices and other types. */
    public static JsonObject nextOfType(TestClient client, String type) throws InterruptedException {
        while (true) {
            JsonObject frame = parse(client.next());
            if (isOfType(frame, type)) {
                return frame;
            }
        }
    }

    /**
     * Sends {@code who} from {@code client} as a marker, reads every frame up to its reply, and returns those of
     * {@code type} that came before the reply. The reply is a {@code presence} frame, or an {@code error} frame when
     * the server no longer knows the connection.
     *
     * <p>Call it once the invocations whose frames are in question are recorded ({@code RecordedInvocations}), and
     * once no fault is aimed at {@code client}'s posts. Then nothing those invocations send {@code client} can come
     * after the reply:
     * <ul>
     * <li>the local gateway records an invocation only after the handler has returned (unless it timed out, which
     * a status of 200 rules out) and the frame the gateway answers with is queued;</li>
     * <li>a handler returns only when each of its posts has an outcome: the broadcaster waits for every recipient,
     * retries included, and does not retry a post that timed out;</li>
     * <li>the management API queues a posted frame on the recipient's WebSocket before it answers the post, and an
     * injected fault (a hang too) delivers nothing.</li>
     * </ul>
     * So those frames are already queued when the marker leaves; the reply comes from a later invocation and is
     * queued behind them, and frames on one WebSocket connection arrive in order.
     */
    public static List<JsonObject> framesOfTypeBeforeMarker(TestClient client, String type) throws Exception {
        JsonObject who = new JsonObject();
        who.addProperty("action", "who");
        client.send(who.toString());
        List<JsonObject> frames = new ArrayList<>();
        while (true) {
            JsonObject frame = parse(client.next());
            if (isOfType(frame, "presence") || isOfType(frame, "error")) {
                return frames;
            }
            if (isOfType(frame, type)) {
                frames.add(frame);
            }
        }
    }

    /** A {@code sendmessage} frame carrying {@code text}. */
    public static String sendMessage(String text) {
        JsonObject frame = new JsonObject();
        frame.addProperty("action", "sendmessage");
        frame.addProperty("data", text);
        return frame.toString();
    }

    private static boolean isOfType(JsonObject frame, String type) {
        return frame.has("type") && frame.get("type").getAsString().equals(type);
    }
}
