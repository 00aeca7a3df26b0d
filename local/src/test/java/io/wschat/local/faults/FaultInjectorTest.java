package io.wschat.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.sns.Faults;
import io.wschat.sns.SnsFault;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class FaultInjectorTest {

    private static final Optional<String> TOPIC = Optional.of("arn:aws:sns:us-east-1:000000000000:ChatTopic");
    private static final URI SUBSCRIBER = URI.create("http://127.0.0.1:9/sns");

    private static List<Optional<Fault>> posts(FaultInjector injector, int count) {
        return IntStream.range(0, count).mapToObj(i -> injector.onPost("c" + (i % 3) + "=")).toList();
    }

    @Test
    void theSameSeed_givesTheSameFaults_inTheSameOrder() {
        FaultPlan plan = FaultPlan.parse("post.410=0.1,post.429=0.3,post.500=0.1,post.hang=0.05").withSeed(42);

        List<Optional<Fault>> first = posts(new FaultInjector(plan), 200);
        List<Optional<Fault>> second = posts(new FaultInjector(plan), 200);
        List<Optional<Fault>> otherSeed = posts(new FaultInjector(plan.withSeed(43)), 200);

        assertThat(first).isEqualTo(second).isNotEqualTo(otherSeed);
    }

    @Test
    void shares_areRoughlyKept_andCounted() {
        FaultInjector injector = new FaultInjector(FaultPlan.parse("post.429=0.3,post.500=0.1").withSeed(1));

        List<Optional<Fault>> faults = posts(injector, 10_000);

        long throttled = faults.stream().filter(f -> f.equals(Optional.of(Fault.POST_THROTTLED))).count();
        long errors = faults.stream().filter(f -> f.equals(Optional.of(Fault.POST_ERROR))).count();
        assertThat(throttled).isBetween(2_800L, 3_200L).isEqualTo(injector.injected(Fault.POST_THROTTLED));
        assertThat(errors).isBetween(850L, 1_150L).isEqualTo(injector.injected(Fault.POST_ERROR));
        assertThat(injector.injected(Fault.POST_GONE)).isZero();
    }

    @Test
    void aRuleAimedAtOneConnection_hitsOnlyThatConnection() {
        FaultInjector injector = new FaultInjector(FaultPlan.none().with(Fault.POST_HANG, 1, "stuck="));

        assertThat(injector.onPost("stuck=")).contains(Fault.POST_HANG);
        assertThat(injector.onPost("other=")).isEmpty();
        assertThat(injector.onPost("stuck=")).contains(Fault.POST_HANG);
    }

    @Test
    void rulesAimedAtAConnection_replaceTheGeneralOnesForIt() {
        FaultInjector injector = new FaultInjector(FaultPlan.parse("post.429=1,post.hang[stuck=]=1,post.500[ok=]=0"));

        assertThat(injector.onPost("stuck=")).contains(Fault.POST_HANG);
        assertThat(injector.onPost("ok=")).isEmpty();
        assertThat(injector.onPost("other=")).contains(Fault.POST_THROTTLED);
    }

    @Test
    void set_changesThePlanAtRunTime_andClearStopsEverything() {
        FaultInjector injector = new FaultInjector(FaultPlan.none());
        Faults sns = injector.sns();
        assertThat(sns.onRequest("Publish", TOPIC)).isEmpty();

        injector.set(FaultPlan.parse("sns.publish=1"));
        assertThat(sns.onRequest("Publish", TOPIC)).contains(SnsFault.internalError());
        assertThat(sns.onRequest("PublishBatch", TOPIC)).contains(SnsFault.internalError());
        assertThat(sns.onRequest("ListTopics", Optional.empty())).as("only publishing fails").isEmpty();

        injector.set(FaultPlan.parse("sns.publish.429=1"));
        assertThat(sns.onRequest("Publish", TOPIC)).contains(SnsFault.throttled());
        assertThat(sns.onRequest("PublishBatch", TOPIC)).contains(SnsFault.throttled());

        injector.clear();
        assertThat(sns.onRequest("Publish", TOPIC)).isEmpty();
        assertThat(sns.onRequest("PublishBatch", TOPIC)).isEmpty();
        assertThat(injector.injected(Fault.SNS_PUBLISH_ERROR)).isEqualTo(2);
        assertThat(injector.injected(Fault.SNS_PUBLISH_THROTTLED)).isEqualTo(2);
    }

    @Test
    void deliveryFaults_failEveryAttempt_whileTheShareIsOne() {
        FaultInjector injector = new FaultInjector(FaultPlan.parse("sns.delivery=1"));

        assertThat(injector.sns().failDelivery("arn:sub", SUBSCRIBER)).isTrue();
        injector.clear();
        assertThat(injector.sns().failDelivery("arn:sub", SUBSCRIBER)).isFalse();
    }

    @Test
    void listeners_areToldOfEveryInjectedFault() {
        FaultInjector injector = new FaultInjector(FaultPlan.parse("post.410=1"));
        List<String> seen = new ArrayList<>();
        injector.addListener((fault, target) -> seen.add(fault.key() + " " + target));

        injector.onPost("abc=");

        assertThat(seen).containsExactly("post.410 abc=");
    }

    @Test
    void withoutASeed_aRandomOneIsPicked_andKeptAcrossPlansWithoutOne() {
        FaultInjector injector = new FaultInjector(FaultPlan.parse("post.429=0.5"));
        long picked = injector.seed();

        injector.set(FaultPlan.parse("post.500=0.5"));
        assertThat(injector.seed()).isEqualTo(picked);
        injector.set(FaultPlan.parse("post.500=0.5").withSeed(5));
        assertThat(injector.seed()).isEqualTo(5);
    }

    @Test
    @Timeout(10)
    void heldCalls_areReleasedAfterTheLongestHang_orOnClose() throws InterruptedException {
        FaultInjector injector = new FaultInjector(FaultPlan.none(), Duration.ofMillis(50));
        CountDownLatch timedOut = new CountDownLatch(1);
        injector.hold(timedOut::countDown);
        assertThat(timedOut.await(5, TimeUnit.SECONDS)).isTrue();

        FaultInjector closing = new FaultInjector(FaultPlan.none(), Duration.ofHours(1));
        CountDownLatch released = new CountDownLatch(1);
        closing.hold(released::countDown);
        closing.close();
        assertThat(released.getCount()).isZero();
    }
}
