package io.wschat.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The results of one benchmark run as markdown tables (printed as they are and written to a file). */
final class Report {

    static final double GOAL_P50_MS = 150;
    static final double GOAL_P99_MS = 400;
    static final int GOAL_LATENCY_SIZE = 1000;
    static final int GOAL_THROUGHPUT_SIZE = 100;
    static final double GOAL_RATE = 100;
    static final long GOAL_FIRST_INVOCATION_MS = 1000;
    static final long GOAL_JAR_BYTES = 12L * 1024 * 1024;

    private final BenchOptions options;
    private final List<Bench.SizeResult> sizes = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private String header = "";
    private List<ColdStart.Result> coldStarts = List.of();
    private Map<String, Long> jars = Map.of();
    private List<KeepAliveProbe.Result> keepAlive = List.of();
    private Duration elapsed = Duration.ZERO;

    Report(BenchOptions options) {
        this.options = options;
    }

    void header(String date, int cores, String load, String javaVersion, String maxConnections) {
        header = String.format("Run %s; %d cores, load average %s at start; Java %s; http.maxConnections %s;%n"
                + "command: ./bench %s", date, cores, load, javaVersion, maxConnections, commandLine());
    }

    private String commandLine() {
        return String.join(" ", options.commandLine());
    }

    String headerText() {
        return header;
    }

    void add(Bench.SizeResult result) {
        sizes.add(result);
        Runs.ThroughputResult stack = result.stackThroughput();
        if (!stack.exactlyOnce()) {
            failures.add(String.format("N=%d: stack lost %d, duplicated %d, echoed %d deliveries", result.size(),
                    stack.lost(), stack.duplicates(), stack.echoes()));
        }
        if (result.stackLatency().lost() != 0 || result.stackLatency().duplicates() != 0) {
            failures.add(String.format("N=%d: stack latency run lost %d, duplicated %d deliveries", result.size(),
                    result.stackLatency().lost(), result.stackLatency().duplicates()));
        }
    }

    List<Bench.SizeResult> sizes() {
        return sizes;
    }

    /** Correctness failures (loss, duplicates, echoes); timing never fails a run. */
    List<String> failures() {
        return failures;
    }

    void coldStarts(List<ColdStart.Result> results) {
        coldStarts = results;
    }

    void jars(Map<String, Long> sizesByFunction) {
        jars = sizesByFunction;
    }

    void keepAlive(List<KeepAliveProbe.Result> results) {
        keepAlive = results;
    }

    void finished(Duration total) {
        elapsed = total;
    }

    String elapsedText() {
        return String.format("%d:%02d", elapsed.toMinutes(), elapsed.toSecondsPart());
    }

    String fanOutText() {
        StringBuilder text = new StringBuilder();
        text.append("### Fan-out: time from send until the last member has the message\n\n");
        text.append("Latency: one message at a time from one member, p50 / p99 / max in ms over the measured messages"
                + " (warm-up excluded). Throughput: open-loop at the offered rate for "
                + options.throughputTime().toSeconds() + " s from up to 10 senders; msg/s = messages every member got"
                + " / (last delivery - first send); loss and duplicates over all deliveries.\n\n");
        text.append("| N | messages | connect N (stack) | stack p50 / p99 / max | baseline p50 / p99 / max "
                + "| ratio p50 | ratio p99 | offered msg/s | stack msg/s | stack loss / dup | stack p50 / p99 under load "
                + "| baseline msg/s | baseline loss / dup |\n");
        text.append("|---:|---:|---:|---|---|---:|---:|---:|---:|---|---|---:|---|\n");
        for (Bench.SizeResult r : sizes) {
            Runs.ThroughputResult st = r.stackThroughput();
            Runs.ThroughputResult bt = r.baselineThroughput();
            text.append(String.format("| %,d | %d | %.1f s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.size(), r.stackLatency().measured(), r.stackConnect().toMillis() / 1000.0,
                    latency(r.stackLatency()), r.baselineLatency() == null ? "-" : latency(r.baselineLatency()),
                    ratio(r.stackLatency().latency().p50Nanos(), r.baselineLatency() == null ? 0
                            : r.baselineLatency().latency().p50Nanos()),
                    ratio(r.stackLatency().latency().p99Nanos(), r.baselineLatency() == null ? 0
                            : r.baselineLatency().latency().p99Nanos()),
                    rate(st.offeredRate()), rate(st.completedPerSecond()), loss(st),
                    st.latency().count() == 0 ? "-"
                            : Percentiles.ms(st.latency().p50Nanos()) + " / " + Percentiles.ms(st.latency().p99Nanos()),
                    bt == null ? "-" : rate(bt.completedPerSecond()), bt == null ? "-" : loss(bt)));
        }
        text.append("\nStack side, per size: `sendmessage` invocations during the runs, mean duration, management API"
                + " calls and 429 answers.\n\n");
        text.append("| N | invocations | failed | mean duration | POSTs per message | 429s | incomplete latency msgs |\n");
        text.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Bench.SizeResult r : sizes) {
            text.append(String.format("| %,d | %d | %d | %.1f ms | %.1f | %d | %d |%n", r.size(), r.sendInvocations(),
                    r.sendFailures(), r.sendMeanMillis(),
                    r.sendInvocations() == 0 ? 0.0 : (double) r.managementCalls() / r.sendInvocations(),
                    r.throttledPosts(), r.stackLatency().incomplete()));
        }
        return text.toString();
    }

    String coldStartText() {
        StringBuilder text = new StringBuilder();
        text.append("### Cold start: fresh JVM per run, process start to the end of the first invocation\n\n");
        text.append("Median (min - max) over the runs; init = JVM start to handler constructed (no-arg constructor,"
                + " Dependencies.fromEnvironment()), invoke = first handleRequest, against the running local stack."
                + " Without SnapStart or a CRaC priming hook.\n\n");
        text.append("| function | jar | runs | JVM start to first invocation done | init | first invoke | second invoke |\n");
        text.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (ColdStart.Result r : coldStarts) {
            Long jar = jars.get(r.function());
            text.append(String.format("| %s | %s | %d | %s | %s | %s | %s |%n", r.function(),
                    jar == null ? "-" : String.format("%.1f MB", jar / 1024.0 / 1024.0), r.runs(),
                    r.total().summary(), r.init().summary(), r.invoke().summary(), r.second().summary()));
        }
        return text.toString();
    }

    String keepAliveText() {
        StringBuilder text = new StringBuilder();
        text.append("### Connection reuse: http.maxConnections, 1,000-member room, stack only\n\n");
        text.append("| http.maxConnections | p50 / p99 / max ms | new TCP connections to the gateway per message |\n");
        text.append("|---|---|---:|\n");
        for (KeepAliveProbe.Result r : keepAlive) {
            text.append(String.format("| %s | %s | %s |%n", r.setting(), r.latency(), r.connectionsPerMessage()));
        }
        return text.toString();
    }

    String goalsText() {
        StringBuilder text = new StringBuilder("### Goals\n\n");
        for (Bench.SizeResult r : sizes) {
            if (r.size() == GOAL_LATENCY_SIZE) {
                Percentiles p = r.stackLatency().latency();
                text.append(String.format("- %,d members, one message: p50 %.1f ms (goal < %.0f) %s; p99 %.1f ms"
                        + " (goal < %.0f) %s%n", r.size(), p.p50Millis(), GOAL_P50_MS, met(p.p50Millis() < GOAL_P50_MS),
                        p.p99Millis(), GOAL_P99_MS, met(p.p99Millis() < GOAL_P99_MS)));
            }
            if (r.size() == GOAL_THROUGHPUT_SIZE) {
                Runs.ThroughputResult t = r.stackThroughput();
                boolean sustained = t.offeredRate() >= GOAL_RATE && t.completedPerSecond() >= GOAL_RATE * 0.95
                        && t.exactlyOnce();
                text.append(String.format("- %,d members at %.0f msg/s offered: %.1f msg/s completed, lost %d,"
                        + " duplicated %d %s%n", r.size(), t.offeredRate(), t.completedPerSecond(), t.lost(),
                        t.duplicates(), met(sustained)));
            }
        }
        for (ColdStart.Result r : coldStarts) {
            double ms = r.total().p50Millis();
            text.append(String.format("- %s first invocation %.0f ms from JVM start (goal < %d) %s%n", r.function(), ms,
                    GOAL_FIRST_INVOCATION_MS, met(ms < GOAL_FIRST_INVOCATION_MS)));
        }
        jars.forEach((function, bytes) -> text.append(String.format("- %s jar %.1f MB (goal < 12 MB) %s%n", function,
                bytes / 1024.0 / 1024.0, met(bytes < GOAL_JAR_BYTES))));
        if (!failures.isEmpty()) {
            text.append("\nCorrectness failures:\n");
            failures.forEach(f -> text.append("- ").append(f).append('\n'));
        }
        return text.toString();
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# wschat benchmark results\n\n");
        md.append(header.replace("\n", "  \n")).append("  \ntotal time ").append(elapsedText()).append("\n\n");
        md.append(fanOutText()).append('\n');
        if (!coldStarts.isEmpty()) {
            md.append(coldStartText()).append('\n');
        }
        if (!keepAlive.isEmpty()) {
            md.append(keepAliveText()).append('\n');
        }
        md.append(goalsText());
        return md.toString();
    }

    private static String met(boolean met) {
        return met ? "**met**" : "**not met**";
    }

    private static String latency(Runs.LatencyResult result) {
        return result.latency().summary() + (result.incomplete() > 0 ? " (" + result.incomplete() + " incomplete)" : "");
    }

    private static String ratio(long stack, long baseline) {
        return baseline <= 0 || stack <= 0 ? "-" : String.format("%.1fx", (double) stack / baseline);
    }

    private static String rate(double rate) {
        return rate >= 10 ? String.format("%.0f", rate) : String.format("%.1f", rate);
    }

    private static String loss(Runs.ThroughputResult result) {
        return result.lost() + " / " + result.duplicates() + (result.echoes() > 0 ? " (" + result.echoes() + " echoed)"
                : "");
    }
}
