package io.wschat.e2e.chat;

import static io.wschat.e2e.ChatFrames.nextOfType;
import static io.wschat.e2e.ChatFrames.parse;
import static io.wschat.e2e.ChatFrames.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.wschat.e2e.ProjectStack;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Resume after a connection that dies in the middle of a burst, with real WebSocket clients through the local
 * gateway and the real functions: the member reconnects, sends {@code resume} with the last sequence number it
 * has, and ends with every message of the burst exactly once, ordered by its number, however the kill fell.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ResumeIT {

    @RegisterExtension
    static final ProjectStack STACK = ProjectStack.of(ProjectStacks.options());

    /** Within the default rate limit of one connection (20 actions per 10 s). */
    private static final int BURST = 20;

    @RepeatedTest(3)
    void aMemberKilledMidBurst_reconnectsAndResumes_andShowsEveryMessageOnceInOrder() throws Exception {
        String room = "resume-" + UUID.randomUUID().toString().substring(0, 8);
        Map<Long, String> shown = new TreeMap<>();
        List<Long> resumedSeqs = new ArrayList<>();
        try (TestClient alice = STACK.join(room, "alice")) {
            TestClient bob = STACK.join(room, "bob");
            for (int i = 1; i <= BURST; i++) {
                alice.send(sendMessage("m" + i));
            }
            while (shown.size() < 3) {
                show(shown, nextOfType(bob, "message"));
            }
            bob.socket().abort();

            try (TestClient back = STACK.join(room, "bob")) {
                back.send(resume(contiguous(shown)));
                while (shown.size() < BURST) {
                    JsonObject frame = parse(back.next());
                    String type = frame.get("type").getAsString();
                    if (type.equals("message")) {
                        show(shown, frame);
                    } else if (type.equals("resumed")) {
                        assertThat(frame.get("gap").getAsBoolean()).isFalse();
                        for (JsonElement message : frame.getAsJsonArray("messages")) {
                            resumedSeqs.add(show(shown, message.getAsJsonObject()));
                        }
                        if (frame.get("truncated").getAsBoolean()) {
                            back.send(resume(contiguous(shown)));
                        }
                    }
                }
            }
        }

        assertThat(shown.keySet()).containsExactlyElementsOf(LongStream.rangeClosed(1, BURST).boxed().toList());
        // The burst's frames are handled by several function instances at once, so numbers follow storing order,
        // not sending order: each text once, under one number.
        assertThat(shown.values()).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, BURST).mapToObj(i -> "m" + i).toList());
        assertThat(resumedSeqs).as("resume never sends one message twice").doesNotHaveDuplicates().isSorted();
    }

    /** Shows a message frame once by its sequence number, checking that a second copy is the same message. */
    private static long show(Map<Long, String> shown, JsonObject message) {
        long seq = message.get("seq").getAsLong();
        String data = message.get("data").getAsString();
        String before = shown.putIfAbsent(seq, data);
        assertThat(before).as("a second copy of seq %d", seq).isIn(null, data);
        return seq;
    }

    /** The last sequence number before the first one missing. */
    private static long contiguous(Map<Long, String> shown) {
        long last = 0;
        while (shown.containsKey(last + 1)) {
            last++;
        }
        return last;
    }

    private static String resume(long after) {
        return "{\"action\":\"resume\",\"after\":" + after + "}";
    }
}
