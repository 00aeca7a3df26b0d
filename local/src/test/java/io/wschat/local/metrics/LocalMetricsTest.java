package io.wschat.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.local.log.ConsoleLog;
import io.wschat.shared.BroadcastResult;
import io.wschat.shared.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalMetricsTest {

    private final ByteArrayOutputStream passed = new ByteArrayOutputStream();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final LocalMetrics metrics = new LocalMetrics(new PrintStream(passed, true, StandardCharsets.UTF_8),
            new ConsoleLog(new PrintStream(console, true, StandardCharsets.UTF_8), false));
    private final PrintStream function = metrics.stream();
    private final Metrics emf = new Metrics("wschat", function, Clock.systemUTC());

    private LocalMetrics.Series series(String name, Map<String, String> dimensions) {
        return metrics.snapshot().stream()
                .filter(s -> s.name().equals(name) && s.dimensions().equals(dimensions))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " " + dimensions));
    }

    @Test
    void emfLines_areAddedUpPerMetricAndDimensions_asCloudWatchWould() {
        emf.broadcast("sendmessage", new BroadcastResult(3, 1, List.of()), 10);
        emf.broadcast("sendmessage", new BroadcastResult(5, 0, List.of("x"), 1), 30);
        emf.broadcast("join", new BroadcastResult(2, 0, List.of()), 5);

        assertThat(series("Delivered", Map.of()).sum()).isEqualTo(10);
        assertThat(series("Delivered", Map.of("Route", "sendmessage")).sum()).isEqualTo(8);
        assertThat(series("Throttled", Map.of("Route", "sendmessage")).sum()).isEqualTo(1);
        LocalMetrics.Series duration = series("BroadcastDuration", Map.of());
        assertThat(duration.samples()).isEqualTo(3);
        assertThat(duration.min()).isEqualTo(5);
        assertThat(duration.max()).isEqualTo(30);
        assertThat(duration.unit()).isEqualTo("Milliseconds");
    }

    @Test
    void theConsole_showsAShortLinePerMetricsLine_andLogLinesPassThroughUnchanged() {
        function.println("{\"level\":\"INFO\",\"message\":\"message sent\"}");
        emf.rateLimited(Metrics.USER);
        emf.action("who");

        assertThat(passed.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"level\":\"INFO\",\"message\":\"message sent\"}" + System.lineSeparator());
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("METRICS").contains("RateLimited 1")
                .contains("Limit=user").doesNotContain("Actions");
        assertThat(series("Actions", Map.of("Route", "who")).sum()).isEqualTo(1);
    }

    @Test
    void thePage_escapesWhatClientsChose() {
        emf.action("<script>alert(1)</script>");

        String page = new MetricsPageHandler(metrics).html();

        assertThat(page).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(new MetricsPageHandler(metrics).json()).contains("\"name\":\"Actions\"");
    }
}
