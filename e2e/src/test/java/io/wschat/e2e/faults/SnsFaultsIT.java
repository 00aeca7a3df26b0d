package io.wschat.e2e.faults;

import static io.wschat.e2e.ChatFrames.framesOfTypeBeforeMarker;
import static io.wschat.e2e.ChatFrames.nextOfType;
import static io.wschat.e2e.ChatFrames.sendMessage;
import static io.wschat.e2e.faults.ChatStacks.newRoom;
import static io.wschat.e2e.faults.ChatStacks.sendInvocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.wschat.e2e.ProjectStack;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.RecordedInvocations;
import io.wschat.local.TestClient;
import io.wschat.local.faults.Fault;
import io.wschat.local.faults.FaultInjector;
import io.wschat.local.faults.FaultPlan;
import io.wschat.sns.DeliveryPolicy;
import io.wschat.sns.PublishedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SNS failing under the chat: publishes that fail, a subscriber that goes down and comes back, deliveries that fail.
 * Chat events are best effort for the chat, and retried for the subscriber.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SnsFaultsIT {

    private static final Duration EVENT_WAIT = Duration.ofSeconds(20);

    private static EventSubscriber subscriber;

    // Retry a failed delivery every 20 to 100 ms, for about 20 s.
    @RegisterExtension
    static final ProjectStack STACK = ProjectStack.of(ProjectStacks.options().withSnsDeliveryPolicy(
            new DeliveryPolicy(0, 200, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(1))))
            .capturingConsole();

    @BeforeAll
    static void start() throws Exception {
        subscriber = EventSubscriber.start();
        String topicArn = STACK.stack().sns().topicArn(STACK.stack().template().topics().stream()
                .filter(topic -> topic.logicalId().equals("ChatTopic")).findFirst().orElseThrow().topicName());
        try (SnsClient sns = ProjectStacks.sns(STACK.stack())) {
            sns.subscribe(b -> b.topicArn(topicArn).protocol("http").endpoint(subscriber.url().toString())
                    .attributes(Map.of("FilterPolicy", "{\"eventType\": [\"message\"]}")));
        }
        subscriber.awaitConfirmed();
    }

    @AfterAll
    static void stop() {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    @Test
    void failingPublishes_neitherLoseNorDelayChatMessages_andLaterEventsArePublishedAgain() throws Exception {
        String room = newRoom();
        try (TestClient alice = STACK.join(room, "alice");
                TestClient bob = STACK.join(room, "bob")) {
            long healthy = timedDelivery(alice, bob, "publish-ok");
            assertThat(subscriber.next(room, EVENT_WAIT).get("data").getAsString()).isEqualTo("publish-ok");
            long before = STACK.faults().injected(Fault.SNS_PUBLISH_ERROR);
            STACK.faults().set(FaultPlan.parse("sns.publish=1"));

            long sent = System.nanoTime();
            alice.send(sendMessage("publish-failing"));
            JsonObject frame = nextOfType(bob, "message");
            long failing = (System.nanoTime() - sent) / 1_000_000;
            assertThat(frame.get("data").getAsString()).isEqualTo("publish-failing");

            RecordedInvocations.Invocation send = sendInvocation(STACK.invocations(), "publish-failing");
            assertThat(send.result().statusCode()).isEqualTo(200);
            assertThat(framesOfTypeBeforeMarker(bob, "message")).as("exactly once").isEmpty();
            String warning = STACK.console().await(line -> line.contains("\"event not published\"")
                    && line.contains("\"eventId\":\"" + frame.get("id").getAsString() + "\""), Duration.ofSeconds(5));
            assertThat(warning).contains("\"level\":\"WARN\"", "\"eventType\":\"message\"", "Status Code: 500");
            long attempts = STACK.faults().injected(Fault.SNS_PUBLISH_ERROR) - before;
            assertThat(attempts).isPositive();
            assertThat(failing).as("delivered well within a generous bound").isLessThan(3_000);
            long joinedAt = System.nanoTime();
            try (TestClient carol = STACK.join(room, "carol")) {
                // $connect publishes "connected" and "joined" before it answers: the handshake waits for SNS.
                System.out.printf("figures: sns.publish=1: delivery %d ms (healthy %d ms), %d publish attempts failed,"
                        + " invocation %d ms, a join %d ms%n", failing, healthy, attempts, send.result().millis(),
                        (System.nanoTime() - joinedAt) / 1_000_000);
            }

            STACK.faults().clear();
            timedDelivery(alice, bob, "publish-recovered");
            assertThat(subscriber.next(room, EVENT_WAIT).get("data").getAsString())
                    .as("the failed event is gone, the next one arrives").isEqualTo("publish-recovered");
            List<String> published = STACK.stack().sns().recentMessages().stream().map(PublishedMessage::message).toList();
            assertThat(published).noneMatch(message -> message.contains("publish-failing"))
                    .anyMatch(message -> message.contains("publish-recovered"));
        }
    }

    @Test
    void subscriberThatWasDown_receivesTheEventsPublishedMeanwhile_inOrder() throws Exception {
        String room = newRoom();
        try (TestClient alice = STACK.join(room, "alice");
                TestClient bob = STACK.join(room, "bob");
                FailedDeliveries failed = FailedDeliveries.watch()) {
            subscriber.down();
            List<String> texts = List.of("down-1", "down-2", "down-3");
            for (String text : texts) {
                timedDelivery(alice, bob, text);
            }
            failed.await();

            subscriber.up();

            for (String text : texts) {
                assertThat(subscriber.next(room, EVENT_WAIT).get("data").getAsString()).isEqualTo(text);
            }
            System.out.printf("figures: subscriber down: %d failed delivery attempts retried%n", failed.count());
        }
    }

    @Test
    void injectedDeliveryFailures_areRetried_andDeliveredOnceTheyStop() throws Exception {
        String room = newRoom();
        CountDownLatch failures = new CountDownLatch(3);
        FaultInjector.Listener counter = (fault, target) -> {
            if (fault == Fault.SNS_DELIVERY) {
                failures.countDown();
            }
        };
        STACK.faults().addListener(counter);
        try (TestClient alice = STACK.join(room, "alice");
                TestClient bob = STACK.join(room, "bob")) {
            STACK.faults().set(FaultPlan.parse("sns.delivery=1"));

            timedDelivery(alice, bob, "flaky-1");
            assertThat(failures.await(10, TimeUnit.SECONDS)).as("three failed attempts").isTrue();
            STACK.faults().clear();

            JsonObject event = subscriber.next(room, EVENT_WAIT);
            assertThat(event.get("data").getAsString()).isEqualTo("flaky-1");
            assertThat(event.get("eventType").getAsString()).isEqualTo("message");
        } finally {
            STACK.faults().removeListener(counter);
        }
    }

    /** Sends a chat message and returns how long until the other member had it, in milliseconds. */
    private static long timedDelivery(TestClient from, TestClient to, String text) throws Exception {
        long sent = System.nanoTime();
        from.send(sendMessage(text));
        assertThat(nextOfType(to, "message").get("data").getAsString()).isEqualTo(text);
        return (System.nanoTime() - sent) / 1_000_000;
    }

    /** Counts the SNS stand-in's retried deliveries, which it logs through {@code System.Logger} at DEBUG. */
    private static final class FailedDeliveries extends Handler implements AutoCloseable {

        private final Logger logger = Logger.getLogger("io.wschat.sns.SubscriberQueue");
        private final Level previous = logger.getLevel();
        private final CountDownLatch first = new CountDownLatch(1);
        private volatile int count;

        static FailedDeliveries watch() {
            FailedDeliveries watch = new FailedDeliveries();
            watch.logger.setLevel(Level.FINE);
            watch.logger.addHandler(watch);
            return watch;
        }

        @Override
        public void publish(LogRecord record) {
            if (record.getMessage() != null && record.getMessage().startsWith("sns delivery failed, retrying")) {
                count++;
                first.countDown();
            }
        }

        void await() throws InterruptedException {
            assertThat(first.await(10, TimeUnit.SECONDS)).as("a delivery to the stopped subscriber failed").isTrue();
        }

        int count() {
            return count;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setLevel(previous);
        }
    }
}
