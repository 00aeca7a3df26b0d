package io.wschat.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.local.StackExtension;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class NoDefaultRouteIT {

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of(TestStacks.gatewayOnly()
            .withParameters(Map.of("WithDefaultRoute", "false")));

    @Test
    void unmatchedFrame_getsForbidden_whenThereIsNoDefaultRoute() throws Exception {
        try (TestClient client = TestClient.connect(STACK.stack().webSocketUri())) {
            client.send("{\"action\":\"echo\"}");
            String id = JsonParser.parseString(client.next()).getAsJsonObject().get("connectionId").getAsString();

            client.send("{\"action\":\"nosuchroute\"}");
            String raw = client.next();

            assertThat(raw).startsWith("{\"message\": \"Forbidden\", \"connectionId\":\"" + id + "\", \"requestId\":\"");
            JsonObject forbidden = JsonParser.parseString(raw).getAsJsonObject();
            assertThat(forbidden.keySet()).containsExactly("message", "connectionId", "requestId");
            client.send("plain text");
            assertThat(client.next()).contains("\"Forbidden\"");
        }
    }
}
