package io.wschat.local.metrics;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The stack's metrics page: {@value #PATH} shows every series of {@link LocalMetrics} as a table (sum, samples, min,
 * max), {@value #JSON_PATH} the same as JSON. Served beside the browser client, behind the stack's Host check;
 * every value is escaped, since dimension values (a route key, a reason) can come from clients.
 */
public final class MetricsPageHandler extends Handler.Abstract {

    public static final String PATH = "/_local/metrics";
    public static final String JSON_PATH = "/_local/metrics.json";

    private final LocalMetrics metrics;

    public MetricsPageHandler(LocalMetrics metrics) {
        super(InvocationType.NON_BLOCKING);
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!request.getMethod().equals("GET")) {
            return false;
        }
        String path = Request.getPathInContext(request);
        String body;
        String type;
        if (path.equals(JSON_PATH)) {
            body = json();
            type = "application/json";
        } else if (path.equals(PATH)) {
            body = html();
            type = "text/html; charset=utf-8";
        } else {
            return false;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    String json() {
        JsonArray all = new JsonArray();
        for (LocalMetrics.Series series : metrics.snapshot()) {
            JsonObject entry = new JsonObject();
            entry.addProperty("name", series.name());
            JsonObject dimensions = new JsonObject();
            series.dimensions().forEach(dimensions::addProperty);
            entry.add("dimensions", dimensions);
            entry.addProperty("unit", series.unit());
            entry.addProperty("samples", series.samples());
            entry.addProperty("sum", series.sum());
            entry.addProperty("min", series.min());
            entry.addProperty("max", series.max());
            all.add(entry);
        }
        JsonObject page = new JsonObject();
        page.add("series", all);
        return page.toString();
    }

    String html() {
        StringBuilder rows = new StringBuilder();
        for (LocalMetrics.Series series : metrics.snapshot()) {
            rows.append("<tr><td>").append(escape(series.name())).append("</td><td>")
                    .append(escape(dimensions(series.dimensions()))).append("</td><td>")
                    .append(LocalMetrics.format(series.sum())).append("</td><td>").append(series.samples())
                    .append("</td><td>").append(LocalMetrics.format(series.min())).append("</td><td>")
                    .append(LocalMetrics.format(series.max())).append("</td><td>").append(escape(series.unit()))
                    .append("</td></tr>\n");
        }
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>wschat metrics</title>"
                + "<style>body{font-family:sans-serif;margin:2rem}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}</style></head><body>"
                + "<h1>Metrics of this local stack</h1><p>What the functions' embedded metric format lines add up to"
                + " since the stack started, as CloudWatch would aggregate them: each metric without dimensions"
                + " and by its dimension (docs/OPERATIONS.md). Reload to refresh; JSON at <code>" + JSON_PATH
                + "</code>.</p>\n<table><thead><tr><th>metric</th><th>dimensions</th><th>sum</th><th>samples</th>"
                + "<th>min</th><th>max</th><th>unit</th></tr></thead><tbody>\n" + rows
                + "</tbody></table></body></html>\n";
    }

    private static String dimensions(Map<String, String> dimensions) {
        if (dimensions.isEmpty()) {
            return "(none)";
        }
        StringBuilder text = new StringBuilder();
        dimensions.forEach((name, value) -> text.append(text.length() == 0 ? "" : ", ").append(name).append('=')
                .append(value));
        return text.toString();
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
