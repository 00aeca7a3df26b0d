package io.wschat.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.local.LocalStack;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import io.wschat.local.testfunctions.SlowFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --max-instances}: invocations beyond the limit wait for a free instance instead of starting one. */
class InstanceLimitIT {

    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStacks.start(TestStacks.gatewayOnly().withMaxInstances(1));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void secondInvocation_waitsForTheOnlyInstance_thenRuns() throws Exception {
        SlowFunction.reset();
        try (TestClient first = TestClient.connect(stack.webSocketUri());
                TestClient second = TestClient.connect(stack.webSocketUri())) {
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
