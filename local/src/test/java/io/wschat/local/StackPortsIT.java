package io.wschat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stack's three ports: each bound before anything starts (port 0 by the kernel, so none can be taken between
 * being chosen and being listened on), a taken one refused with the option that moves it, and none left bound by a
 * stack that could not start.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StackPortsIT {

    @Test
    void portZero_givesEveryPartAPortOfItsOwn_eachServing() throws Exception {
        try (LocalStack stack = TestStacks.start(TestStacks.gatewayOnly().withStartDynamoDb(true))) {
            URI gateway = URI.create("http://localhost:" + stack.port() + "/");
            URI dynamoDb = stack.dynamoDbEndpoint().orElseThrow();
            URI sns = stack.snsEndpoint();

            assertThat(Set.of(gateway.getPort(), dynamoDb.getPort(), sns.getPort())).hasSize(3)
                    .allMatch(port -> port > 0);
            assertThat(get(gateway)).as("the gateway's page").isEqualTo(200);
            assertThat(get(URI.create(sns + "/events.json"))).as("the SNS stand-in's events").isEqualTo(200);
            assertThat(get(dynamoDb)).as("DynamoDB answers (a GET is not one of its calls)").isBetween(200, 499);
        }
    }

    @Test
    void aTakenGatewayPort_isRefusedWithTheOptionThatMovesIt() throws Exception {
        assertRefused(LocalOptions::withPort, "The gateway", "--port");
    }

    @Test
    void aTakenSnsPort_isRefusedWithTheOptionThatMovesIt() throws Exception {
        assertRefused(LocalOptions::withSnsPort, "The SNS stand-in", "--sns-port");
    }

    @Test
    void aTakenDynamoDbPort_isRefused_andThePortsBoundBeforeItAreReleased() throws Exception {
        List<Integer> before = Listeners.portsOfThisProcess();

        assertRefused(LocalOptions::withDynamoDbPort, "DynamoDB", "--dynamodb-port");

        assertThat(Listeners.portsOfThisProcess()).as("this JVM's listening ports after the failed start")
                .containsExactlyInAnyOrderElementsOf(before);
    }

    private static void assertRefused(BiFunction<LocalOptions, Integer, LocalOptions> onPort, String what,
            String flag) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalOptions options = onPort.apply(TestStacks.gatewayOnly().withStartDynamoDb(true),
                    taken.getLocalPort());

            assertThatThrownBy(() -> TestStacks.start(options).close())
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage(what + " cannot listen on port " + taken.getLocalPort()
                            + ": it is in use (another local stack?); choose another with " + flag);
        }
    }

    private static int get(URI uri) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
