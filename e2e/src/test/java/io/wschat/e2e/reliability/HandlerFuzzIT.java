package io.wschat.e2e.reliability;

import static io.wschat.e2e.ChatFrames.nextOfType;
import static io.wschat.e2e.ChatFrames.sendMessage;
import static io.wschat.e2e.ProjectStacks.join;
import static io.wschat.e2e.reliability.ChatClients.assertStillServes;
import static io.wschat.e2e.reliability.ChatClients.newName;
import static io.wschat.e2e.reliability.ChatClients.newRoom;
import static io.wschat.e2e.reliability.ChatClients.nextMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.wschat.bench.BenchOptions;
import io.wschat.e2e.ProjectStack;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.TestClient;
import io.wschat.shared.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seeded random frames from one client through the local STACK.stack() and template.yaml's message function: no invocation
 * ever ends in an error (which API Gateway would turn into "Internal server error"), every answer is a well-formed
 * frame with a known error code, and afterwards the fuzzing connection and its room still work. The parser alone is
 * fuzzed in {@code ChatProtocolFuzzTest}; this runs the whole handler with DynamoDB, the management API and SNS.
 *
 * <p>The rate limits are raised for this STACK.stack() (RATE_LIMIT_MESSAGES=100000, and the per-address ones, since
 * every frame counts, refused ones included) so the valid frames among the random ones
 * are carried out rather than refused.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HandlerFuzzIT {

    private static final long SEED = 20261129L;
    private static final int FRAMES = 300;
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(Enum::name)
            .collect(Collectors.toSet());
    private static final String[] ACTIONS = {"sendmessage", "join", "leave", "whisper", "history", "who", "rename",
        "SENDMESSAGE", "", "$default", "$connect", "$disconnect", "unknown"};
    private static final String[] FIELDS = {"action", "data", "room", "name", "to", "limit", "from", "userId", "id",
        "ts", "type", "__proto__", ""};

    private static final String PUNCTUATION = "{}[]\":,\\'0 ";


    private final Random random = new Random(SEED);

    @RegisterExtension
    static final ProjectStack STACK = ProjectStack.of(ProjectStacks.options()
            .withEnvironment(withAddressLimitsRaised(Map.of("RATE_LIMIT_MESSAGES", "100000"))));

    private static Map<String, String> withAddressLimitsRaised(Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(BenchOptions.ONE_ADDRESS);
        all.putAll(environment);
        return all;
    }

    @Test
    void randomFrames_neverMakeAFunctionFail_andTheConnectionKeepsWorking() throws Exception {
        String room = newRoom();
        String fuzzerName = newName("fuzz");
        try (TestClient alice = STACK.join(room, newName("alice"));
                TestClient bob = STACK.join(room, newName("bob"));
                TestClient fuzzer = STACK.join(room, fuzzerName)) {
            String fuzzerId = STACK.invocations().await(i -> i.routeKey().equals("$connect") && i.result().isSuccess()
                    && i.event().getAsJsonObject("queryStringParameters").get("name").getAsString()
                    .equals(fuzzerName)).connectionId();
            CountDownLatch handled = new CountDownLatch(FRAMES);
            List<String> failures = new ArrayList<>();
            STACK.stack().addInvocationListener((routeKey, function, event, result) -> {
                if (JsonParser.parseString(event).getAsJsonObject().getAsJsonObject("requestContext")
                        .get("connectionId").getAsString().equals(fuzzerId) && !routeKey.startsWith("$connect")
                        && !routeKey.equals("$disconnect")) {
                    if (!result.isResponse() || result.statusCode() != 200) {
                        synchronized (failures) {
                            failures.add(routeKey + " " + result.summary() + " for " + event);
                        }
                    }
                    handled.countDown();
                }
            });

            for (int i = 0; i < FRAMES; i++) {
                fuzzer.send(frame(i));
            }
            assertThat(handled.await(150, TimeUnit.SECONDS)).as("all %d frames handled", FRAMES).isTrue();
            assertThat(failures).as("invocations that did not answer 200").isEmpty();

            // Everything the fuzzer got back is a frame of ours; none is API Gateway's generic error.
            String raw;
            int frames = 0;
            while ((raw = fuzzer.poll(Duration.ZERO)) != null) {
                frames++;
                JsonObject frame = JsonParser.parseString(raw).getAsJsonObject();
                assertThat(frame.has("type")).as("frame %s", raw).isTrue();
                if (frame.get("type").getAsString().equals("error")) {
                    assertThat(CODES).contains(frame.get("code").getAsString());
                    assertThat(frame.get("code").getAsString()).isNotEqualTo("INTERNAL_ERROR");
                }
            }
            assertThat(frames).isPositive();

            // The fuzzer may have joined other rooms or renamed itself: put it back, then it still chats.
            // Frames of one connection are handled concurrently, so wait for the join before sending.
            fuzzer.send("{\"action\":\"join\",\"room\":\"" + room + "\"}");
            while (!nextOfType(fuzzer, "joined").get("room").getAsString().equals(room)) {
                // an earlier random join's confirmation
            }
            String back = "fuzzer is back";
            fuzzer.send(sendMessage(back));
            nextMessage(alice, back);
            assertStillServes(alice, bob);
        }
    }

    /** A random frame of one of four shapes, text only and well under the 32 KB frame limit. */
    private String frame(int round) {
        return switch (round % 4) {
            case 0 -> randomText(random.nextInt(80));
            case 1 -> randomJson(0).toString();
            case 2 -> mutate(validFrame());
            default -> objectWithAction();
        };
    }

    private String validFrame() {
        return switch (random.nextInt(6)) {
            case 0 -> sendMessage("fuzz " + random.nextInt(1000));
            case 1 -> "{\"action\":\"who\"}";
            case 2 -> "{\"action\":\"history\",\"limit\":" + (random.nextInt(120) - 10) + "}";
            case 3 -> "{\"action\":\"whisper\",\"to\":\"nobody\",\"data\":\"psst\"}";
            case 4 -> "{\"action\":\"rename\",\"name\":\"fuzz" + random.nextInt(100) + "\"}";
            default -> "{\"action\":\"join\",\"room\":\"fuzz-" + random.nextInt(3) + "\"}";
        };
    }

    private String objectWithAction() {
        JsonObject object = new JsonObject();
        object.addProperty("action", ACTIONS[random.nextInt(ACTIONS.length)]);
        int fields = random.nextInt(4);
        for (int i = 0; i < fields; i++) {
            object.add(FIELDS[random.nextInt(FIELDS.length)], randomJson(1));
        }
        return object.toString();
    }

    private JsonElement randomJson(int depth) {
        int kind = depth > 4 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> JsonParser.parseString(String.valueOf(random.nextInt(2000) - 1000));
            case 1 -> JsonParser.parseString(random.nextBoolean() ? "true" : "null");
            case 2, 3 -> new JsonPrimitive(randomText(random.nextInt(40)));
            case 4 -> {
                JsonArray array = new JsonArray();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomJson(depth + 1));
                }
                yield array;
            }
            default -> {
                JsonObject object = new JsonObject();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.add(FIELDS[random.nextInt(FIELDS.length)], randomJson(depth + 1));
                }
                yield object;
            }
        };
    }

    private String mutate(String frame) {
        StringBuilder text = new StringBuilder(frame);
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(3)) {
                case 0 -> text.insert(at, randomText(1 + random.nextInt(3)));
                case 1 -> {
                    if (at < text.length()) {
                        text.deleteCharAt(at);
                    }
                }
                default -> {
                    if (at < text.length()) {
                        text.setCharAt(at, PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
                    }
                }
            }
        }
        return wellFormed(text);
    }

    /** An edit can split a surrogate pair; the JDK client cannot send a lone surrogate (invalid UTF-8 is in BadInputIT). */
    private static String wellFormed(CharSequence text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(codePoint -> out.appendCodePoint(Character.isSurrogate((char) codePoint)
                && Character.isBmpCodePoint(codePoint) ? '?' : codePoint));
        return out.toString();
    }

    /** Random code points from ASCII, controls, Latin, CJK, emoji and right-to-left; never a lone surrogate. */
    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(7)) {
                case 0, 1 -> 0x20 + random.nextInt(0x5f);
                case 2 -> random.nextInt(0x20);
                case 3 -> 0xa0 + random.nextInt(0x200);
                case 4 -> 0x4e00 + random.nextInt(0x100);
                case 5 -> 0x1f600 + random.nextInt(0x50);
                default -> 0x590 + random.nextInt(0x100);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }
}
