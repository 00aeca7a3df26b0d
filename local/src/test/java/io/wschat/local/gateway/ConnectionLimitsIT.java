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
}
