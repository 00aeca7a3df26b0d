package io.wschat.local.metrics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.wschat.local.log.ConsoleLog;
import io.wschat.local.log.LineStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What CloudWatch would make of the functions' Embedded Metric Format lines, on the developer's machine: each
 * function writes its logs and metrics to a {@link #stream} of this, which passes log lines on to the console's
 * stream unchanged, and takes EMF lines (a JSON object with {@code _aws.CloudWatchMetrics}) as metrics: it adds them up
 * per metric and dimension set, as CloudWatch does, and prints a short {@code METRICS} line for each to the console.
 * {@link #snapshot()} is what the stack's metrics page shows.
 */
public final class LocalMetrics {

    /** One metric under one set of dimension values, added up over every line that carried it. */
    public record Series(String name, Map<String, String> dimensions, String unit, long samples, double sum,
            double min, double max) {
    }

    private record Key(String name, Map<String, String> dimensions) {
    }

    private final Map<Key, Series> series = new ConcurrentHashMap<>();
    private final PrintStream passThrough;
    private final ConsoleLog console;

    /**
     * @param passThrough where the functions' log lines go (standard output, as in Lambda)
     * @param console     where the short metrics lines go
     */
    public LocalMetrics(PrintStream passThrough, ConsoleLog console) {
        this.passThrough = passThrough;
        this.console = console;
    }

    /** A stream for a function's output: lines are split, EMF lines read as metrics, the rest passed through. */
    public PrintStream stream() {
        return new PrintStream(new LineSplitter(), true, StandardCharsets.UTF_8);
    }

    /** Every series so far, by metric name, then dimensions. */
    public List<Series> snapshot() {
        List<Series> all = new ArrayList<>(series.values());
        all.sort(Comparator.comparing(Series::name).thenComparing(s -> s.dimensions().toString()));
        return all;
    }

    /** Reads one line: true when it was an EMF line (and was recorded), false for any other line. */
    boolean accept(String line) {
        if (!line.startsWith("{\"_aws\"")) {
            return false;
        }
        JsonObject document;
        try {
            document = JsonParser.parseString(line).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            return false;
        }
        JsonArray directives = document.getAsJsonObject("_aws").getAsJsonArray("CloudWatchMetrics");
        if (directives == null) {
            return false;
        }
        StringBuilder summary = new StringBuilder("METRICS   ");
        for (JsonElement element : directives) {
            JsonObject directive = element.getAsJsonObject();
            for (JsonElement metricElement : directive.getAsJsonArray("Metrics")) {
                JsonObject metric = metricElement.getAsJsonObject();
                String name = metric.get("Name").getAsString();
                String unit = metric.has("Unit") ? metric.get("Unit").getAsString() : "None";
                JsonElement value = document.get(name);
                if (value == null || !value.isJsonPrimitive()) {
                    continue;
                }
                double number = value.getAsDouble();
                for (JsonElement set : directive.getAsJsonArray("Dimensions")) {
                    Map<String, String> dimensions = new TreeMap<>();
                    for (JsonElement dimension : set.getAsJsonArray()) {
                        JsonElement dimensionValue = document.get(dimension.getAsString());
                        dimensions.put(dimension.getAsString(),
                                dimensionValue == null ? "" : dimensionValue.getAsString());
                    }
                    record(name, dimensions, unit, number);
                }
                summary.append(' ').append(name).append(' ').append(format(number))
                        .append(unit.equals("Milliseconds") ? " ms" : "");
            }
            for (JsonElement set : directive.getAsJsonArray("Dimensions")) {
                for (JsonElement dimension : set.getAsJsonArray()) {
                    summary.append("  ").append(dimension.getAsString()).append('=')
                            .append(document.get(dimension.getAsString()).getAsString());
                }
            }
        }
        if (!(directives.size() == 1 && document.has("Actions") && document.size() <= 3)) {
            // A lone Actions count says what the console's MESSAGE line already says.
            console.info(summary.toString());
        }
        return true;
    }

    private void record(String name, Map<String, String> dimensions, String unit, double value) {
        Key key = new Key(name, Map.copyOf(dimensions));
        series.merge(key, new Series(name, new LinkedHashMap<>(dimensions), unit, 1, value, value, value),
                (old, added) -> new Series(name, old.dimensions(), unit, old.samples() + 1, old.sum() + value,
                        Math.min(old.min(), value), Math.max(old.max(), value)));
    }

    static String format(double number) {
        return number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long) number)
                : String.format("%.2f", number);
    }

    /** Takes each line of the function's output: one {@code println} of its log or metrics. */
    private final class LineSplitter extends LineStream {

        @Override
        protected void line(String text) {
            if (!accept(text)) {
                passThrough.println(text);
            }
        }
    }
}
