package io.wschat.e2e.chat;

import static io.wschat.e2e.ChatFrames.nextOfType;
import static io.wschat.e2e.ChatFrames.sendMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.e2e.ProjectStack;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The functions' CloudWatch metrics through the local stack: a broadcast is printed as an EMF line, shown on the
 * console, and added up on the stack's metrics page.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsIT {

    @RegisterExtension
    static final ProjectStack STACK = ProjectStack.of(ProjectStacks.options()).capturingConsole();

    @Test
    void aBroadcast_isCounted_onTheConsoleAndOnTheMetricsPage() throws Exception {
        String room = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestClient alice = STACK.join(room, "alice");
                TestClient bob = STACK.join(room, "bob")) {
            alice.send(sendMessage("counted"));
            assertThat(nextOfType(bob, "message").get("data").getAsString()).isEqualTo("counted");
            // Recorded once the handler has returned, and so once it has written the broadcast's line.
            STACK.invocations().await(i -> i.routeKey().equals("sendmessage"));

            JsonObject page = JsonParser.parseString(get("/_local/metrics.json")).getAsJsonObject();

            assertThat(sum(page, "Delivered", "sendmessage")).isGreaterThanOrEqualTo(1);
            assertThat(sum(page, "Recipients", "sendmessage")).isGreaterThanOrEqualTo(1);
            assertThat(sum(page, "Actions", "sendmessage")).isGreaterThanOrEqualTo(1);
            assertThat(sum(page, "ConnectionsAccepted", null)).isGreaterThanOrEqualTo(2);
            assertThat(STACK.console().lines()).anyMatch(line -> line.contains("METRICS")
                    && line.contains("Delivered 1") && line.contains("Route=sendmessage"));
            assertThat(get("/_local/metrics")).contains("<table>").contains("Delivered");
        }
    }

    /** The sum of one series on the page: by {@code Route} when given, else the series without dimensions. */
    private static double sum(JsonObject page, String name, String route) {
        for (JsonElement element : page.getAsJsonArray("series")) {
            JsonObject series = element.getAsJsonObject();
            JsonObject dimensions = series.getAsJsonObject("dimensions");
            boolean matches = route == null ? dimensions.size() == 0
                    : dimensions.size() == 1 && dimensions.has("Route") && dimensions.get("Route").getAsString()
                            .equals(route);
            if (series.get("name").getAsString().equals(name) && matches) {
                return series.get("sum").getAsDouble();
            }
        }
        return 0;
    }

    private static String get(String path) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + STACK.stack().port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
