package io.wschat.e2e.faults;

import io.wschat.local.faults.Fault;
import io.wschat.local.faults.FaultPlan;
import static io.wschat.e2e.faults.ChatStacks.framesOfType;
import static io.wschat.e2e.faults.ChatStacks.join;
import static io.wschat.e2e.faults.ChatStacks.newRoom;
import static io.wschat.e2e.faults.ChatStacks.nextOfType;
import static io.wschat.e2e.faults.ChatStacks.sendInvocation;
import static io.wschat.e2e.faults.ChatStacks.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.local.ConsoleCapture;
import io.wschat.local.LocalStack;
import io.wschat.local.RecordedInvocations;
import io.wschat.local.TestClient;
import io.wschat.local.lambda.InvocationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Half of all management API posts throttled: the broadcaster's retries still deliver every message once. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ThrottledFanOutIT {

    // At a 0.5 share, a delivery fails for good only after 20 throttled attempts in a row: about one in a million.
    private static final int POST_MAX_ATTEMPTS = 20;
    private static final int MESSAGES = 10;

    private static ConsoleCapture console;
    private static LocalStack stack;
    private static final RecordedInvocations INVOCATIONS = new RecordedInvocations();

    @BeforeAll
    static void start() throws Exception {
        console = ConsoleCapture.install();
        stack = LocalStack.start(ChatStacks.project()
                .withEnvironment(Map.of("POST_MAX_ATTEMPTS", String.valueOf(POST_MAX_ATTEMPTS))), console.stream());
        stack.addInvocationListener(INVOCATIONS);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        console.close();
    }

    @Test
    void throttledPosts_areRetried_untilEveryMemberHasEveryMessageExactlyOnce() throws Exception {
        String room = newRoom();
        List<String> names = List.of("bob", "carol", "dave", "erin");
        List<TestClient> members = new ArrayList<>();
        try (TestClient alice = join(stack, room, "alice")) {
            for (String name : names) {
                members.add(join(stack, room, name));
            }
            long before = stack.faults().injected(Fault.POST_THROTTLED);
            stack.faults().set(FaultPlan.parse("post.429=0.5").withSeed(42));
            List<String> texts = IntStream.rangeClosed(1, MESSAGES).mapToObj(i -> "throttled-" + i).toList();

            for (String text : texts) {
                alice.send(sendMessage(text));
            }

            for (TestClient member : members) {
                List<String> received = new ArrayList<>();
                for (int i = 0; i < MESSAGES; i++) {
                    received.add(nextOfType(member, "message").get("data").getAsString());
                }
                assertThat(received).containsExactlyInAnyOrderElementsOf(texts);
                assertThat(framesOfType(member, "message", Duration.ofMillis(200))).as("no duplicates").isEmpty();
            }
            int throttled = 0;
            int delivered = 0;
            long slowest = 0;
            for (String text : texts) {
                InvocationResult result = sendInvocation(INVOCATIONS, text).result();
                assertThat(result.statusCode()).isEqualTo(200);
                throttled += result.fanOut().count("POST", 429);
                delivered += result.fanOut().count("POST", 200);
                slowest = Math.max(slowest, result.millis());
            }
            stack.faults().clear();

            assertThat(delivered).isEqualTo(MESSAGES * names.size());
            assertThat(throttled).as("every injected 429 was retried").isPositive()
                    .isEqualTo(stack.faults().injected(Fault.POST_THROTTLED) - before);
            assertThat(console.lines()).anyMatch(line -> line.contains("sendmessage") && line.contains("POST 429 ×"));
            System.out.printf("figures: post.429=0.5 seed 42: %d deliveries, %d throttled posts retried (%.2f attempts"
                    + " per delivery), slowest invocation %d ms%n", delivered, throttled,
                    (delivered + throttled) / (double) delivered, slowest);
        } finally {
            stack.faults().clear();
            members.forEach(TestClient::close);
        }
    }
}
