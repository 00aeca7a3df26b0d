package io.wschat.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.local.StackExtension;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import io.wschat.local.testfunctions.SlowFunction;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code --max-instances}: invocations beyond the limit wait for a free instance instead of starting one. */
class InstanceLimitIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of(TestStacks.gatewayOnly().withMaxInstances(1));

    @Test
    void secondInvocation_waitsForTheOnlyInstance_thenRuns() throws Exception {
        SlowFunction.reset();
        try (TestClient first = TestClient.connect(STACK.stack().webSocketUri());
                TestClient second = TestClient.connect(STACK.stack().webSocketUri())) {
            first.send("{\"action\":\"slow\"}");
            assertThat(SlowFunction.awaitNextEntry(5000)).isTrue();

            second.send("{\"action\":\"slow\"}");
            awaitWaitingInvocations(1);
            assertThat(SlowFunction.awaitNextEntry(0)).as("second invocation ran beside the first").isFalse();

            SlowFunction.release();
            assertThat(first.next()).isEqualTo("slow done");
            assertThat(second.next()).isEqualTo("slow done");
            assertThat(SlowFunction.awaitNextEntry(5000)).isTrue();
            assertThat(SlowFunction.mostRunning()).isEqualTo(1);
        }
    }

    /** Until this many invocations of the slow route's function wait for an instance, within 5 s. */
    private static void awaitWaitingInvocations(int expected) throws InterruptedException {
        String function = STACK.stack().route("slow").orElseThrow().functionLogicalId();
        LocalFunction slow = STACK.stack().lambda().function(function);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (slow.waitingInvocations() != expected) {
            assertThat(System.nanoTime()).as("invocations waiting for an instance").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
