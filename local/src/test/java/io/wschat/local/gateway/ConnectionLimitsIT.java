package io.wschat.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.local.LocalStack;
import io.wschat.local.RecordedInvocations;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionLimitsIT {

    @Test
    void idleConnection_isClosedWith1001GoingAway() throws Exception {
        RecordedInvocations invocations = new RecordedInvocations();
        try (LocalStack stack = TestStacks.start(TestStacks.gatewayOnly().withIdleTimeout(Duration.ofMillis(600)));
                TestClient client = TestClient.connect(stack.webSocketUri())) {
            stack.addInvocationListener(invocations);

            TestClient.Close close = client.awaitClose(Duration.ofSeconds(10));

            assertThat(close.statusCode()).isEqualTo(1001);
            assertThat(close.reason()).isEqualTo("Going away");
            RecordedInvocations.Invocation disconnect = invocations.await(i -> i.routeKey().equals("$disconnect"));
            assertThat(disconnect.requestContext().get("disconnectStatusCode").getAsInt()).isEqualTo(1001);
            assertThat(disconnect.requestContext().get("disconnectReason").getAsString()).isEqualTo("Going away");
        }
    }

    @Test
    void everyConnection_isClosedAfterTheMaximumDuration_evenWhenActive() throws Exception {
        RecordedInvocations invocations = new RecordedInvocations();
        try (LocalStack stack = TestStacks.start(TestStacks.gatewayOnly()
                .withMaxConnectionDuration(Duration.ofMillis(800)));
                TestClient client = TestClient.connect(stack.webSocketUri())) {
            stack.addInvocationListener(invocations);
            client.send("{\"action\":\"echo\"}");
            client.next();

            TestClient.Close close = client.awaitClose(Duration.ofSeconds(10));

            assertThat(close.statusCode()).isEqualTo(1001);
            invocations.await(i -> i.routeKey().equals("$disconnect"));
            assertThat(stack.gateway().connections().size()).isZero();
        }
    }

    @Test
    void activeConnection_outlivesTheIdleTimeout_andIsClosedOnceItFallsSilent() throws Exception {
        Duration idle = Duration.ofMillis(500);
        try (LocalStack stack = TestStacks.start(TestStacks.gatewayOnly().withIdleTimeout(idle));
                TestClient client = TestClient.connect(stack.webSocketUri())) {
            long started = System.nanoTime();
            // A frame every fifth of the idle timeout, each answered, for four idle timeouts: never idle that long.
            while (System.nanoTime() - started < idle.multipliedBy(4).toNanos()) {
                client.send("{\"action\":\"echo\"}");
                assertThat(client.next()).contains("connectionId");
                // Pacing the client, not waiting for the server: each answer above is the synchronisation.
                java.util.concurrent.locks.LockSupport.parkNanos(idle.dividedBy(5).toNanos());
            }
            assertThat(stack.gateway().connections().size()).as("open after four idle timeouts of activity")
                    .isEqualTo(1);

            TestClient.Close close = client.awaitClose(Duration.ofSeconds(10));

            assertThat(close.statusCode()).isEqualTo(1001);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(idle.multipliedBy(4));
        }
    }
}
