package io.wschat.shared;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The functions' metrics, written as CloudWatch Embedded Metric Format lines to standard output: Lambda sends them to
 * CloudWatch Logs, which turns them into metrics, so no metrics API is called on the request path. One line per event,
 * each metric published without dimensions and with the one dimension shown (docs/OPERATIONS.md):
 *
 * <ul>
 * <li>per broadcast, {@code Recipients}, {@code Delivered}, {@code Gone}, {@code Failed}, {@code Throttled} (not
 *     delivered because the last attempt was answered 429; not counted in {@code Failed}, so the four outcomes add up
 *     to {@code Recipients}) and {@code BroadcastDuration}, by {@code Route};</li>
 * <li>{@code ConnectionsAccepted}; {@code ConnectionsRejected} by {@code Reason};</li>
 * <li>{@code RateLimited} by {@code Limit} ({@value #CONNECTION}, {@value #USER}, {@value #ADDRESS},
 *     {@value #ROOM_CHANGES});</li>
 * <li>{@code Actions} by {@code Route}: every frame the message function is handed.</li>
 * </ul>
 *
 * <p>Written with gson, which the functions already carry, rather than with AWS's EMF library, whose dependencies
 * would add to the jars and the cold start (docs/PERFORMANCE.md). The namespace is {@code METRICS_NAMESPACE}.
 */
public final class Metrics {

    /** The connection's own rate limit. */
    public static final String CONNECTION = "connection";
    /** A user's limit across its connections. */
    public static final String USER = "user";
    /** An anonymous source address's limit across its connections. */
    public static final String ADDRESS = "address";
    /** A user's (or address's) room changes. */
    public static final String ROOM_CHANGES = "room changes";

    /** Every metric name, for the template's alarms and dashboard to be checked against. */
    public static final List<String> NAMES = List.of("Recipients", "Delivered", "Gone", "Failed", "Throttled",
            "BroadcastDuration", "ConnectionsAccepted", "ConnectionsRejected", "RateLimited", "Actions");

    private final String namespace;
    private final PrintStream out;
    private final Clock clock;

    public Metrics(String namespace, PrintStream out, Clock clock) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One broadcast's outcome: every post of it had an outcome {@code millis} after it started. */
    public void broadcast(String route, BroadcastResult result, long millis) {
        Map<String, Number> counts = new LinkedHashMap<>();
        counts.put("Recipients", result.attempted());
        counts.put("Delivered", result.delivered());
        counts.put("Gone", result.gone());
        counts.put("Failed", result.failed() - result.throttled());
        counts.put("Throttled", result.throttled());
        JsonObject line = line("Route", route, counts, "Count");
        addMetric(line, "BroadcastDuration", millis, "Milliseconds");
        print(line);
    }

    public void connectionAccepted() {
        count("ConnectionsAccepted", null, null);
    }

    /** A refused {@code $connect}, by its reason (an authentication reason's name, or a short phrase). */
    public void connectionRejected(String reason) {
        count("ConnectionsRejected", "Reason", reason);
    }

    /** An action refused by a rate limit: {@link #CONNECTION}, {@link #USER}, {@link #ADDRESS}, {@link #ROOM_CHANGES}. */
    public void rateLimited(String limit) {
        count("RateLimited", "Limit", limit);
    }

    /** A frame the message function was handed, by the route API Gateway chose for it. */
    public void action(String route) {
        count("Actions", "Route", route);
    }

    /** A line counting one event, without dimensions and, when given, by {@code dimension}. */
    private void count(String name, String dimension, String value) {
        print(line(dimension, value, Map.of(name, 1), "Count"));
    }

    /**
     * The EMF line of {@code values}, all in {@code unit}: the metrics published without dimensions and, when given,
     * by {@code dimension}.
     */
    private JsonObject line(String dimension, String value, Map<String, Number> values, String unit) {
        JsonArray dimensions = new JsonArray();
        dimensions.add(new JsonArray());
        if (dimension != null) {
            JsonArray set = new JsonArray();
            set.add(dimension);
            dimensions.add(set);
        }
        JsonObject directive = new JsonObject();
        directive.addProperty("Namespace", namespace);
        directive.add("Dimensions", dimensions);
        directive.add("Metrics", new JsonArray());
        JsonArray directives = new JsonArray();
        directives.add(directive);
        JsonObject aws = new JsonObject();
        aws.addProperty("Timestamp", clock.millis());
        aws.add("CloudWatchMetrics", directives);
        JsonObject line = new JsonObject();
        line.add("_aws", aws);
        if (dimension != null) {
            line.addProperty(dimension, value == null || value.isEmpty() ? "unknown" : value);
        }
        values.forEach((name, number) -> addMetric(line, name, number, unit));
        return line;
    }

    /** One more metric of the line's directive, with its value. */
    private static void addMetric(JsonObject line, String name, Number value, String unit) {
        line.getAsJsonObject("_aws").getAsJsonArray("CloudWatchMetrics").get(0).getAsJsonObject()
                .getAsJsonArray("Metrics").add(metric(name, unit));
        line.addProperty(name, value);
    }

    private static JsonObject metric(String name, String unit) {
        JsonObject metric = new JsonObject();
        metric.addProperty("Name", name);
        metric.addProperty("Unit", unit);
        return metric;
    }

    private void print(JsonObject line) {
        // One println per line: concurrent broadcasts of one instance never interleave within a line.
        out.println(line);
    }
}
