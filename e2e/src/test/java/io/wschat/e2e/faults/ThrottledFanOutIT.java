package io.wschat.e2e.faults;

import static io.wschat.e2e.ChatFrames.framesOfTypeBeforeMarker;
import static io.wschat.e2e.ChatFrames.nextOfType;
import static io.wschat.e2e.ChatFrames.sendMessage;
import static io.wschat.e2e.faults.ChatStacks.newRoom;
import static io.wschat.e2e.faults.ChatStacks.sendInvocation;
import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.e2e.ProjectStack;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.TestClient;
import io.wschat.local.faults.Fault;
import io.wschat.local.faults.FaultPlan;
import io.wschat.local.lambda.InvocationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Half of all management API posts throttled: the broadcaster's retries still deliver every message once. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ThrottledFanOutIT {

    // At a 0.5 share, a delivery fails for good only after 20 throttled attempts in a row: about one in a million.
    private static final int POST_MAX_ATTEMPTS = 20;
    private static final int MESSAGES = 10;


    @RegisterExtension
    static final ProjectStack STACK = ProjectStack.of(ProjectStacks.options()
            .withEnvironment(Map.of("POST_MAX_ATTEMPTS", String.valueOf(POST_MAX_ATTEMPTS)))).capturingConsole();

    @Test
    void throttledPosts_areRetried_untilEveryMemberHasEveryMessageExactlyOnce() throws Exception {
        String room = newRoom();
        List<String> names = List.of("bob", "carol", "dave", "erin");
        List<TestClient> members = new ArrayList<>();
        try (TestClient alice = STACK.join(room, "alice")) {
            for (String name : names) {
                members.add(STACK.join(room, name));
            }
            long before = STACK.faults().injected(Fault.POST_THROTTLED);
            STACK.faults().set(FaultPlan.parse("post.429=0.5").withSeed(42));
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
            }
            int throttled = 0;
            int delivered = 0;
            long slowest = 0;
            for (String text : texts) {
                InvocationResult result = sendInvocation(STACK.invocations(), text).result();
                assertThat(result.statusCode()).isEqualTo(200);
                throttled += result.fanOut().count("POST", 429);
                delivered += result.fanOut().count("POST", 200);
                slowest = Math.max(slowest, result.millis());
            }
            STACK.faults().clear();

            for (TestClient member : members) {
                assertThat(framesOfTypeBeforeMarker(member, "message")).as("no duplicates").isEmpty();
            }

            assertThat(delivered).isEqualTo(MESSAGES * names.size());
            assertThat(throttled).as("every injected 429 was retried").isPositive()
                    .isEqualTo(STACK.faults().injected(Fault.POST_THROTTLED) - before);
            assertThat(STACK.console().lines()).anyMatch(line -> line.contains("sendmessage") && line.contains("POST 429 ×"));
            System.out.printf("figures: post.429=0.5 seed 42: %d deliveries, %d throttled posts retried (%.2f attempts"
                    + " per delivery), slowest invocation %d ms%n", delivered, throttled,
                    (delivered + throttled) / (double) delivered, slowest);
        } finally {
            STACK.faults().clear();
            members.forEach(TestClient::close);
        }
    }
}
