package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random frames against the parser: whatever a client sends, the parser answers with a request or a
 * {@link ProtocolException}, never another exception, and an error message never carries the frame back.
 * The seed is fixed so a failure reproduces; the failing frame is printed.
 */
class ChatProtocolFuzzTest {

    private static final long SEED = 20261128L;
    private static final int ROUNDS = 20_000;
    private static final int MAX = 200;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T18:00:00Z"), ZoneOffset.UTC);
    private final ChatProtocol protocol = new ChatProtocol(MAX, new IdGenerator(clock), clock);
    private final Random random = new Random(SEED);

    @Test
    @Timeout(60)
    void parse_neverThrowsAnythingButProtocolException_onRandomAndMutatedFrames() {
        List<String> seeds = validFrames();
        int accepted = 0;
        int rejected = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String frame = switch (round % 4) {
                case 0 -> randomText(random.nextInt(64));
                case 1 -> randomJson(0);
                case 2 -> mutate(seeds.get(random.nextInt(seeds.size())));
                default -> frameWith(randomJson(0));
            };
            try {
                ChatRequest request = protocol.parse(frame);
                assertThat(request).as("parsed request for %s", frame).isNotNull();
                accepted++;
            } catch (ProtocolException e) {
                assertThat(e.code()).isNotNull();
                assertThat(e.getMessage()).as("error message for %s", frame).isNotBlank();
                if (frame.length() > 24) {
                    assertThat(e.getMessage()).as("error message must not echo the frame").doesNotContain(frame);
                }
                rejected++;
            } catch (RuntimeException | StackOverflowError e) {
                fail("frame %s escaped with %s", escape(frame), e);
            }
        }
        // Both outcomes must have been exercised, or the generator tests nothing.
        assertThat(accepted).isGreaterThan(100);
        assertThat(rejected).isGreaterThan(ROUNDS / 2);
    }

    @Test
    @Timeout(30)
    void parse_rejectsPathologicalNesting_withoutStackOverflow() {
        for (int depth : new int[] {33, 1_000, 100_000}) {
            String open = "[".repeat(depth);
            String frame = "{\"action\":\"sendmessage\",\"data\":\"hi\",\"x\":" + open + "]".repeat(depth) + "}";
            try {
                protocol.parse(frame);
                fail("depth %d accepted", depth);
            } catch (ProtocolException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
            }
            try {
                protocol.parse(open);
                fail("unterminated depth %d accepted", depth);
            } catch (ProtocolException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON);
            }
        }
    }

    private List<String> validFrames() {
        List<String> frames = new ArrayList<>();
        for (String action : protocol.actions()) {
            frames.add("{\"action\":\"" + action + "\",\"data\":\"hello there\",\"room\":\"lobby\",\"to\":\"bob\","
                    + "\"name\":\"alice\",\"limit\":10}");
            frames.add("{\"action\":\"" + action + "\"}");
        }
        return frames;
    }

    private String mutate(String frame) {
        StringBuilder s = new StringBuilder(frame);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && s.length() > 0; i++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(6)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, interestingChar());
                case 2 -> s.setCharAt(at, interestingChar());
                case 3 -> s.setLength(at);
                case 4 -> s.insert(at, s.substring(at, Math.min(s.length(), at + random.nextInt(16))));
                default -> s.insert(at, randomJson(0));
            }
        }
        return s.toString();
    }

    private String frameWith(String value) {
        String[] fields = {"action", "data", "room", "to", "name", "limit", "from", "id"};
        String field = fields[random.nextInt(fields.length)];
        String action = random.nextBoolean() ? "\"sendmessage\"" : randomJson(0);
        return "{\"action\":" + action + ",\"" + field + "\":" + value + "}";
    }

    private String randomJson(int depth) {
        int kind = depth > 6 ? random.nextInt(5) : random.nextInt(7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> randomNumber();
            case 3, 4 -> "\"" + randomText(random.nextInt(MAX + 20)).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case 5 -> {
                StringBuilder a = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.append(i == 0 ? "" : ",").append(randomJson(depth + 1));
                }
                yield a.append(']').toString();
            }
            default -> {
                StringBuilder o = new StringBuilder("{");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    o.append(i == 0 ? "" : ",").append('"').append(randomKey()).append("\":").append(randomJson(depth + 1));
                }
                yield o.append('}').toString();
            }
        };
    }

    private String randomNumber() {
        String[] numbers = {"0", "-0", "1e308", "1e309", "-1.5", "12345678901234567890", "0.0000001", "1E-400", "01", "+1"};
        return numbers[random.nextInt(numbers.length)];
    }

    private String randomKey() {
        String[] keys = {"action", "data", "room", "to", "name", "limit", "from", "", "__proto__", "a\u0000b"};
        return keys[random.nextInt(keys.length)];
    }

    private String randomText(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(random.nextInt(5) == 0 ? interestingChar() : (char) (' ' + random.nextInt(95)));
        }
        return s.toString();
    }

    private char interestingChar() {
        char[] chars = {'"', '\\', '{', '}', '[', ']', ',', ':', '\u0000', '\u0007', '\n', '\t', '\u007f', '\u2028',
            '\ud800', '\udc00', '\ufeff', '\uffff', 'é', '<', '>'};
        return chars[random.nextInt(chars.length)];
    }

    private static String escape(String frame) {
        StringBuilder s = new StringBuilder();
        for (char c : frame.toCharArray()) {
            s.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return s.toString();
    }
}
