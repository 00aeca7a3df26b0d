package io.wschat.e2e.faults;

import static io.wschat.e2e.ChatFrames.framesOfTypeBeforeMarker;
import static io.wschat.e2e.ChatFrames.nextOfType;
import static io.wschat.e2e.ChatFrames.sendMessage;
import static io.wschat.e2e.ProjectStacks.connectionRows;
import static io.wschat.e2e.ProjectStacks.names;
import static io.wschat.e2e.faults.ChatStacks.connectionId;
import static io.wschat.e2e.faults.ChatStacks.newRoom;
import static io.wschat.e2e.faults.ChatStacks.sendInvocation;
import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.e2e.ProjectStack;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.RecordedInvocations;
import io.wschat.local.TestClient;
import io.wschat.local.faults.Fault;
import io.wschat.local.faults.FaultPlan;
import io.wschat.local.lambda.FanOut;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real functions against a management API that answers 410 or 500, or hangs, for chosen connections: the
 * broadcaster's reaction to each, seen from real WebSocket clients and the connections table.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ManagementApiFaultsIT {

    private static final int POST_TIMEOUT_MS = 1000;
    private static final int POST_MAX_ATTEMPTS = 6;


    @RegisterExtension
    static final ProjectStack STACK = ProjectStack.of(ProjectStacks.options().withEnvironment(Map.of(
            "POST_TIMEOUT_MS", String.valueOf(POST_TIMEOUT_MS),
            "POST_MAX_ATTEMPTS", String.valueOf(POST_MAX_ATTEMPTS),
            // The gone recipients connected a moment ago: no grace, or their rows would be kept as still connecting.
            "GONE_GRACE_SECONDS", "0"))).capturingConsole();

    @BeforeAll
    static void start() throws Exception {
        warmUp();
    }

    /**
     * One message through cold functions first: a cold management API client spends most of a short
     * POST_TIMEOUT_MS loading classes on a busy machine, and its first posts then time out for real.
     */
    private static void warmUp() throws Exception {
        String room = newRoom();
        try (TestClient first = STACK.join(room, "first");
                TestClient second = STACK.join(room, "second")) {
            first.send(sendMessage("warm-up"));
            nextOfType(second, "message");
        }
    }

    @Test
    void goneAnswer_removesThatRecipientsRow_only_andTheOthersStillReceive() throws Exception {
        try (ThreeMembers members = ThreeMembers.join()) {
            RecordedInvocations.Invocation send = members.sendWhilePostsToCarolFail(Fault.POST_GONE, "gone-1");

            assertThat(send.result().fanOut().count("POST", 410)).isEqualTo(1);
            assertThat(send.result().fanOut().count("POST", 200)).isEqualTo(1);
            assertThat(names(connectionRows(STACK.stack(), members.room())))
                    .as("the sender's row stays, the 410 recipient's goes").containsExactlyInAnyOrder("alice", "bob");
            assertThat(STACK.console().lines()).anyMatch(line -> line.contains(members.carolId())
                    && line.contains("410") && line.contains("[injected post.410]"));
            STACK.faults().clear();
            assertThat(framesOfTypeBeforeMarker(members.carol(), "message")).isEmpty();

            // A 410 is final: the live but forgotten client gets nothing more, even with the fault gone.
            members.alice().send(sendMessage("gone-2"));
            assertThat(nextOfType(members.bob(), "message").get("data").getAsString()).isEqualTo("gone-2");
            assertThat(sendInvocation(STACK.invocations(), "gone-2").result().fanOut().total()).isEqualTo(1);
            assertThat(framesOfTypeBeforeMarker(members.carol(), "message")).isEmpty();
            assertThat(members.carol().socket().isInputClosed()).isFalse();
        }
    }

    @Test
    void hangingRecipient_timesOut_withoutHoldingBackTheOthers_andTheSendersNextMessageWorks() throws Exception {
        try (ThreeMembers members = ThreeMembers.join();
                TestClient dave = STACK.join(members.room(), "dave")) {
            STACK.faults().set(FaultPlan.none().with(Fault.POST_HANG, 1, members.carolId()));

            List<Long> latencies = new ArrayList<>();
            for (String text : List.of("hang-1", "hang-2")) {
                long sent = System.nanoTime();
                members.alice().send(sendMessage(text));
                assertThat(nextOfType(members.bob(), "message").get("data").getAsString()).isEqualTo(text);
                latencies.add(millisSince(sent));
                assertThat(nextOfType(dave, "message").get("data").getAsString()).isEqualTo(text);
                latencies.add(millisSince(sent));

                RecordedInvocations.Invocation send = sendInvocation(STACK.invocations(), text);
                FanOut fanOut = send.result().fanOut();
                assertThat(send.result().statusCode()).isEqualTo(200);
                assertThat(fanOut.count("POST", 200)).isEqualTo(2);
                assertThat(fanOut.count("POST", 0)).as("one call held without an answer, not retried").isEqualTo(1);
                assertThat(send.result().millis()).as("the broadcast waited for the post timeout, once")
                        .isGreaterThanOrEqualTo(POST_TIMEOUT_MS).isLessThan(POST_TIMEOUT_MS + 4_000L);
                assertThat(latencies).as("nobody waits for the held call, which lasts 60 s")
                        .allSatisfy(millis -> assertThat(millis).isLessThan(10_000L));
                System.out.printf("figures: hang %s: invocation %d ms, others received after %s ms%n", text,
                        send.result().millis(), latencies);
                latencies.clear();
            }
            // The held calls never deliver; with the fault gone, carol's marker reply can reach her.
            STACK.faults().clear();
            assertThat(framesOfTypeBeforeMarker(members.carol(), "message")).isEmpty();
            assertThat(names(connectionRows(STACK.stack(), members.room())))
                    .as("a timeout is not a 410: nobody's row is removed")
                    .containsExactlyInAnyOrder("alice", "bob", "carol", "dave");
        }
    }

    @Test
    void serverErrors_onAShareOfPosts_areRetried_andEveryMessageArrivesOnce() throws Exception {
        String room = newRoom();
        try (TestClient alice = STACK.join(room, "alice");
                TestClient bob = STACK.join(room, "bob")) {
            String bobId = connectionId(STACK.invocations(), room, "bob");
            long before = STACK.faults().injected(Fault.POST_ERROR);
            // Only bob's posts draw, one at a time, so this seed fixes which attempts fail.
            STACK.faults().set(FaultPlan.none().with(Fault.POST_ERROR, 0.3, bobId).withSeed(7));

            int retries = 0;
            for (int i = 1; i <= 10; i++) {
                alice.send(sendMessage("error-" + i));
                assertThat(nextOfType(bob, "message").get("data").getAsString()).isEqualTo("error-" + i);
                FanOut fanOut = sendInvocation(STACK.invocations(), "error-" + i).result().fanOut();
                assertThat(fanOut.count("POST", 200)).isEqualTo(1);
                assertThat(fanOut.count("POST", 500)).isLessThan(POST_MAX_ATTEMPTS);
                retries += fanOut.count("POST", 500);
            }

            assertThat(retries).isPositive().isEqualTo(STACK.faults().injected(Fault.POST_ERROR) - before);
            STACK.faults().clear();
            assertThat(framesOfTypeBeforeMarker(bob, "message")).as("no duplicates").isEmpty();
            System.out.printf("figures: post.500=0.3 on one recipient, seed 7: 10 messages, %d retries%n", retries);
        }
    }

    @Test
    void serverErrors_onEveryPost_failThatRecipientAfterEveryAttempt_only() throws Exception {
        try (ThreeMembers members = ThreeMembers.join()) {
            RecordedInvocations.Invocation send = members.sendWhilePostsToCarolFail(Fault.POST_ERROR, "broken-1");

            assertThat(send.result().fanOut().count("POST", 500)).isEqualTo(POST_MAX_ATTEMPTS);
            assertThat(send.result().fanOut().count("POST", 200)).isEqualTo(1);
            STACK.faults().clear();
            assertThat(framesOfTypeBeforeMarker(members.carol(), "message")).isEmpty();
            assertThat(names(connectionRows(STACK.stack(), members.room()))).containsExactlyInAnyOrder("alice", "bob", "carol");
            String warning = STACK.console().await(line -> line.contains("\"post failed\"")
                    && line.contains(members.carolId()), Duration.ofSeconds(5));
            assertThat(warning).contains("\"level\":\"WARN\"", "\"statusCode\":500",
                    "\"attempts\":" + POST_MAX_ATTEMPTS);
            assertThat(STACK.console().lines()).anyMatch(line -> line.contains("message broadcast")
                    && line.contains("\"delivered\":1") && line.contains("\"failed\":1"));
            System.out.printf("figures: post.500=1 on one recipient: %d attempts, invocation %d ms%n",
                    send.result().fanOut().count("POST", 500), send.result().millis());
        }
    }

    /** Alice, bob and carol in a new room, and carol's connection id, for faults aimed at carol's posts. */
    private record ThreeMembers(String room, TestClient alice, TestClient bob, TestClient carol, String carolId)
            implements AutoCloseable {

        static ThreeMembers join() throws Exception {
            String room = newRoom();
            List<TestClient> joined = new ArrayList<>();
            try {
                for (String name : List.of("alice", "bob", "carol")) {
                    joined.add(STACK.join(room, name));
                }
                return new ThreeMembers(room, joined.get(0), joined.get(1), joined.get(2),
                        connectionId(STACK.invocations(), room, "carol"));
            } catch (Exception | AssertionError e) {
                joined.forEach(TestClient::close);
                throw e;
            }
        }

        /**
         * Makes every post to carol fail with {@code fault}, has alice send {@code text}, and returns the send
         * invocation once bob has the message; the invocation succeeds whatever became of carol's post.
         */
        RecordedInvocations.Invocation sendWhilePostsToCarolFail(Fault fault, String text) throws Exception {
            STACK.faults().set(FaultPlan.none().with(fault, 1, carolId));
            alice.send(sendMessage(text));
            assertThat(nextOfType(bob, "message").get("data").getAsString()).isEqualTo(text);
            RecordedInvocations.Invocation send = sendInvocation(STACK.invocations(), text);
            assertThat(send.result().statusCode()).isEqualTo(200);
            return send;
        }

        @Override
        public void close() {
            carol.close();
            bob.close();
            alice.close();
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
