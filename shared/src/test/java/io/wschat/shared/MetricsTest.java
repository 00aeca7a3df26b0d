package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The EMF lines: one JSON object a line, as CloudWatch's embedded metric format specification requires. */
class MetricsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T17:00:00Z");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Metrics metrics = new Metrics("wschat/test", new PrintStream(out, true, StandardCharsets.UTF_8),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private List<JsonObject> lines() {
        List<JsonObject> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(JsonParser.parseString(line).getAsJsonObject());
        }
        return lines;
    }

    /** The line's one metric directive, checked against the specification's required members. */
    private static JsonObject directive(JsonObject line) {
        JsonObject aws = line.getAsJsonObject("_aws");
        assertThat(aws.get("Timestamp").getAsLong()).isEqualTo(NOW.toEpochMilli());
        JsonArray directives = aws.getAsJsonArray("CloudWatchMetrics");
        assertThat(directives).hasSize(1);
        JsonObject directive = directives.get(0).getAsJsonObject();
        assertThat(directive.get("Namespace").getAsString()).isEqualTo("wschat/test");
        for (JsonElement metric : directive.getAsJsonArray("Metrics")) {
            String name = metric.getAsJsonObject().get("Name").getAsString();
            assertThat(line.has(name)).as("the value of %s is a member of the line", name).isTrue();
            assertThat(Metrics.NAMES).contains(name);
        }
        for (JsonElement set : directive.getAsJsonArray("Dimensions")) {
            for (JsonElement dimension : set.getAsJsonArray()) {
                assertThat(line.get(dimension.getAsString()).isJsonPrimitive()).isTrue();
            }
        }
        return directive;
    }

    private static List<String> names(JsonObject directive) {
        List<String> names = new ArrayList<>();
        directive.getAsJsonArray("Metrics").forEach(m -> names.add(m.getAsJsonObject().get("Name").getAsString()));
        return names;
    }

    @Test
    void broadcast_isOneLine_withEveryCountAndTheDuration_byRouteAndWithoutDimensions() {
        metrics.broadcast("sendmessage", new BroadcastResult(7, 1, List.of("a", "b"), 1), 42);

        JsonObject line = lines().get(0);
        JsonObject directive = directive(line);
        assertThat(names(directive)).containsExactly("Recipients", "Delivered", "Gone", "Failed", "Throttled",
                "BroadcastDuration");
        assertThat(directive.getAsJsonArray("Dimensions").toString()).isEqualTo("[[],[\"Route\"]]");
        assertThat(directive.getAsJsonArray("Metrics").get(5).getAsJsonObject().get("Unit").getAsString())
                .isEqualTo("Milliseconds");
        assertThat(line.get("Route").getAsString()).isEqualTo("sendmessage");
        assertThat(line.get("Recipients").getAsInt()).isEqualTo(10);
        assertThat(line.get("Delivered").getAsInt()).isEqualTo(7);
        assertThat(line.get("Gone").getAsInt()).isEqualTo(1);
        assertThat(line.get("Failed").getAsInt()).as("throttled ones apart").isEqualTo(1);
        assertThat(line.get("Throttled").getAsInt()).isEqualTo(1);
        assertThat(line.get("BroadcastDuration").getAsLong()).isEqualTo(42);
    }

    @Test
    void connects_rateLimitsAndActions_areCountsWithTheirDimension() {
        metrics.connectionAccepted();
        metrics.connectionRejected("MISSING_TOKEN");
        metrics.rateLimited(Metrics.USER);
        metrics.action("who");

        List<JsonObject> lines = lines();
        assertThat(lines).hasSize(4);
        assertThat(directive(lines.get(0)).getAsJsonArray("Dimensions").toString()).isEqualTo("[[]]");
        assertThat(lines.get(0).get("ConnectionsAccepted").getAsInt()).isEqualTo(1);
        assertThat(directive(lines.get(1)).getAsJsonArray("Dimensions").toString()).isEqualTo("[[],[\"Reason\"]]");
        assertThat(lines.get(1).get("Reason").getAsString()).isEqualTo("MISSING_TOKEN");
        assertThat(directive(lines.get(2)).getAsJsonArray("Dimensions").toString()).isEqualTo("[[],[\"Limit\"]]");
        assertThat(lines.get(2).get("Limit").getAsString()).isEqualTo("user");
        assertThat(directive(lines.get(3)).getAsJsonArray("Dimensions").toString()).isEqualTo("[[],[\"Route\"]]");
        assertThat(lines.get(3).get("Route").getAsString()).isEqualTo("who");
        assertThat(lines).allSatisfy(line -> assertThat(directive(line).getAsJsonArray("Metrics"))
                .allSatisfy(m -> assertThat(m.getAsJsonObject().get("Unit").getAsString()).isEqualTo("Count")));
    }
}
