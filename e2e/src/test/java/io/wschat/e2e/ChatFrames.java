package io.wschat.e2e;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.local.TestClient;
import java.time.Duration;
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

    /** Frames of the given type that arrive within the window. */
    public static List<JsonObject> framesOfType(TestClient client, String type, Duration window)
            throws InterruptedException {
        List<JsonObject> frames = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        String raw;
        while ((raw = client.poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) != null) {
            JsonObject frame = parse(raw);
            if (isOfType(frame, type)) {
                frames.add(frame);
            }
        }
        return frames;
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
