package io.wschat.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.local.StackExtension;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import io.wschat.local.testfunctions.SlowFunction;
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
            // With a second instance allowed, the second invocation would be inside the handler within milliseconds.
            assertThat(SlowFunction.awaitNextEntry(700)).as("second invocation ran beside the first").isFalse();

            SlowFunction.release();
            assertThat(first.next()).isEqualTo("slow done");
            assertThat(second.next()).isEqualTo("slow done");
            assertThat(SlowFunction.awaitNextEntry(5000)).isTrue();
            assertThat(SlowFunction.mostRunning()).isEqualTo(1);
        }
    }
}
