package io.wschat.bench;

import io.wschat.tools.Markdown;
import io.wschat.tools.Percentiles;
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
    private Duration elapsed = Duration.ZERO;

    Report(BenchOptions options) {
        this.options = options;
    }

    /** @param httpProperties the JDK's HTTP properties the run had, as in template.yaml's JAVA_TOOL_OPTIONS */
    void header(String date, int cores, String load, String javaVersion, String httpProperties) {
        header = String.format("Run %s; %d cores, load average %s at start; Java %s; http.maxConnections %s;%n"
                + "command: ./run-bench %s", date, cores, load, javaVersion, httpProperties,
                String.join(" ", options.commandLine()));
    }

    String headerText() {
        return header;
    }

    void add(Bench.SizeResult result) {
        sizes.add(result);
        Bench.StackSide stack = result.stack();
        if (stack != null) {
            check("stack", result.size(), stack.latency(), stack.throughput());
        }
        if (result.baselineLatency() != null) {
            check("baseline", result.size(), result.baselineLatency(), result.baselineThroughput());
        }
    }

    private void check(String target, int size, Runs.LatencyResult latency, Runs.ThroughputResult throughput) {
        if (latency.lost() != 0 || latency.duplicates() != 0 || latency.echoes() != 0) {
            failures.add(String.format("N=%d %s latency run: lost %d, duplicated %d, echoed %d deliveries", size, target,
                    latency.lost(), latency.duplicates(), latency.echoes()));
        }
        if (!throughput.exactlyOnce()) {
            failures.add(String.format("N=%d %s throughput run: lost %d, duplicated %d, echoed %d deliveries", size,
                    target, throughput.lost(), throughput.duplicates(), throughput.echoes()));
        }
    }

    List<Bench.SizeResult> sizes() {
        return sizes;
    }

    /** Deliveries lost, duplicated or echoed; timing never fails a run. */
    List<String> failures() {
        return failures;
    }

    void coldStarts(List<ColdStart.Result> results) {
        coldStarts = results;
    }

    void jars(Map<String, Long> sizesByFunction) {
        jars = sizesByFunction;
    }

    void finished(Duration total, String loadAtEnd, double cpuShare) {
        elapsed = total;
        header += String.format("%nload average at the end %s; this JVM used %.0f %% of the machine's CPU time over the"
                + " run (the rest went to other processes or idled)", loadAtEnd, cpuShare * 100);
    }

    String elapsedText() {
        return String.format("%d:%02d", elapsed.toMinutes(), elapsed.toSecondsPart());
    }

    String fanOutText() {
        StringBuilder text = new StringBuilder();
        text.append("### Fan-out: from send until the last member has the message\n\n");
        text.append("Latency: one message at a time from one member; p50 / p99 / max in ms over the measured messages"
                + " (warm-up excluded). Ratio: stack / baseline. Throughput: open-loop at the offered rate for "
                + options.throughputTime().toMillis() / 1000.0 + " s from up to 10 senders, then drained; msg/s ="
                + " messages every member got / (last delivery - first send); loss / duplicates over all deliveries"
                + " of both runs.\n\n");
        text.append(Markdown.tableHeader("N:", "connect N (stack):", "msgs:", "stack p50 / p99 / max",
                "baseline p50 / p99 / max", "ratio p50:", "ratio p99:", "offered msg/s:", "stack msg/s:",
                "stack loss / dup", "baseline msg/s:", "baseline loss / dup"));
        for (Bench.SizeResult r : sizes) {
            Bench.StackSide s = r.stack();
            Runs.LatencyResult bl = r.baselineLatency();
            Runs.ThroughputResult bt = r.baselineThroughput();
            if (s == null) {
                text.append(String.format("| %,d | skipped | - | - | %s | - | - | %s | - | - | %s | %s |%n", r.size(),
                        bl == null ? "-" : latency(bl), rate(r.rate()), bt == null ? "-" : rate(bt.completedPerSecond()),
                        bt == null ? "-" : loss(bl, bt)));
                continue;
            }
            text.append(String.format("| %,d | %.1f s%s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.size(), s.connect().toMillis() / 1000.0,
                    s.connectRetries() == 0 ? "" : " (" + s.connectRetries() + " retried)", s.latency().measured(), latency(s.latency()),
                    bl == null ? "-" : latency(bl),
                    ratio(s.latency().latency().p50Nanos(), bl == null ? 0 : bl.latency().p50Nanos()),
                    ratio(s.latency().latency().p99Nanos(), bl == null ? 0 : bl.latency().p99Nanos()),
                    rate(r.rate()), rate(s.throughput().completedPerSecond()) + (s.drained() ? "" : " (backlog)"),
                    loss(s.latency(), s.throughput()), bt == null ? "-" : rate(bt.completedPerSecond()),
                    bt == null ? "-" : loss(bl, bt)));
        }
        for (Bench.SizeResult r : sizes) {
            if (r.skipped() != null) {
                text.append("\nN=").append(String.format("%,d", r.size())).append(" on the stack skipped: ")
                        .append(r.skipped()).append(".\n");
            }
        }
        text.append("\nStack side: `sendmessage` invocations in the latency run (one at a time) and the throughput run,"
                + " management API calls per invocation, 429s, the fan-out rate one invocation reached ((N-1) / p50),"
                + " and new TCP connections to the gateway per message in the latency run (keep-alive misses).\n\n");
        text.append(Markdown.tableHeader("N:", "latency run: mean duration:", "calls / msg:", "fan-out posts/s:",
                "new TCP conns / msg:", "throughput run: invocations:", "failed:", "mean duration:", "429s:",
                "p50 / p99 under load"));
        for (Bench.SizeResult r : sizes) {
            Bench.StackSide s = r.stack();
            if (s == null) {
                continue;
            }
            Bench.Invocations l = s.latencyCalls();
            Bench.Invocations t = s.throughputCalls();
            double p50 = s.latency().latency().p50Nanos() / 1e9;
            Percentiles loaded = s.throughput().latency();
            text.append(String.format("| %,d | %.0f ms | %.1f | %s | %s | %d | %d | %.0f ms | %d | %s |%n", r.size(),
                    l.meanMillis(), l.callsPerInvocation(), p50 <= 0 ? "-" : String.format("%.0f", (r.size() - 1) / p50),
                    s.connectionsPerMessage() < 0 ? "n/a" : (s.connectionsUndercounted() ? ">= " : "")
                            + String.format("%.1f", s.connectionsPerMessage()),
                    t.count(), t.failures(), t.meanMillis(), l.throttled() + t.throttled(),
                    loaded.count() == 0 ? "-" : Percentiles.ms(loaded.p50Nanos()) + " / " + Percentiles.ms(loaded.p99Nanos())));
        }
        return text.toString();
    }

    String coldStartText() {
        StringBuilder text = new StringBuilder();
        text.append("### Cold start: a fresh JVM per run, from spawning the process to the end of the first invocation\n\n");
        text.append("Median (min - max) over the runs. init = spawn to handler constructed (no-arg constructor,"
                + " Dependencies.fromEnvironment()); first invoke = the stream entry point (RequestStreamHandler, as the"
                + " template names it) reading the event's JSON, handling it and writing the response, against the"
                + " running local stack; second invoke = the same again, warm. JVM flags "
                + String.join(" ", ColdStart.LAMBDA_LIKE_JVM_OPTIONS) + " plus the template's JAVA_TOOL_OPTIONS;"
                + " no SnapStart, no CRaC priming.\n\n");
        text.append(Markdown.tableHeader("function", "jar:", "runs:", "spawn to first invocation done:", "init:",
                "first invoke:", "second invoke:"));
        for (ColdStart.Result r : coldStarts(false)) {
            Long jar = jars.get(r.function());
            text.append(String.format("| %s | %s | %d | %s | %s | %s | %s |%n", r.function(),
                    jar == null ? "-" : String.format("%.1f MB", jar / 1024.0 / 1024.0), r.runs(),
                    r.total().summary(), r.init().summary(), r.invoke().summary(), r.second().summary()));
        }
        List<ColdStart.Result> primed = coldStarts(true);
        if (primed.isEmpty()) {
            return text.toString();
        }
        text.append("\nPrimed: as many fresh JVMs again, in which the handler's SnapStart hooks run between init and the"
                + " first invocation, as the Lambda runtime runs them around the snapshot: beforeCheckpoint (the"
                + " Priming steps: a DynamoDB Query for a room no connection can be in, the request path on offline"
                + " clients, the handler's own) and afterRestore (reseeding the random). This JDK has no CRaC, so"
                + " nothing is checkpointed or restored: first invoke after priming stands for a SnapStart restore's"
                + " first invocation minus the restore itself (priming runs the same entry point on synthetic events)."
                + " spawn to first invocation done includes both hooks.\n\n");
        text.append(Markdown.tableHeader("function", "runs:", "init:", "priming (beforeCheckpoint):", "afterRestore:",
                "first invoke after priming:", "second invoke:", "spawn to first invocation done:"));
        for (ColdStart.Result r : primed) {
            text.append(String.format("| %s | %d | %s | %s | %s | %s | %s | %s |%n", r.function(), r.runs(),
                    r.init().summary(), r.beforeCheckpoint().summary(), r.afterRestore().summary(),
                    r.invoke().summary(), r.second().summary(), r.total().summary()));
        }
        for (ColdStart.Result r : primed) {
            r.primingFailed().forEach((step, runs) -> text.append(String.format(
                    "%n%s: priming step %s failed in %d of %d runs (logged at WARN, skipped).", r.function(), step,
                    runs, r.runs())));
        }
        if (primed.stream().anyMatch(r -> !r.primingFailed().isEmpty())) {
            text.append('\n');
        }
        return text.toString();
    }

    private List<ColdStart.Result> coldStarts(boolean primed) {
        return coldStarts.stream().filter(r -> r.primed() == primed).toList();
    }

    /**
     * What a million chat messages cost by room size, from what one {@code sendmessage} does in the handler code
     * (see docs/PERFORMANCE.md for the call list) and the Lambda duration measured here.
     */
    String costText() {
        StringBuilder text = new StringBuilder("### Cost per million chat messages (us-east-1 on-demand prices)\n\n");
        text.append("API Gateway: 1 inbound + N-1 outbound messages at $1.00/M. Lambda: 1 request ($0.20/M) plus"
                + " GB-s at 1024 MB arm64 ($0.0000133334/GB-s) for the mean `sendmessage` duration measured in the"
                + " latency run here (local, 2 cores: pessimistic). DynamoDB: " + CostModel.READS_NOTE + " Writes: "
                + CostModel.WRITES_NOTE + " SNS: 1 publish at $0.50/M. Connection-minutes are not per message.\n\n");
        text.append(Markdown.tableHeader("N:", "API Gateway:", "Lambda requests:", "Lambda GB-s (duration):",
                "DynamoDB reads (RRU/msg):", "DynamoDB writes:", "SNS:", "total:", "API Gateway share:"));
        for (int n : List.of(10, 100, 1000)) {
            Double millis = null;
            for (Bench.SizeResult r : sizes) {
                if (r.size() == n && r.stack() != null) {
                    millis = r.stack().latencyCalls().meanMillis();
                }
            }
            CostModel cost = CostModel.of(n, millis);
            text.append(String.format("| %,d | $%,.2f | $%.2f | %s | $%.2f (%.1f) | $%.2f | $%.2f | %s | %s |%n", n,
                    cost.apiGateway(), cost.lambdaRequests(),
                    millis == null ? "not measured" : String.format("$%.2f (%.0f ms)", cost.lambdaCompute(), millis),
                    cost.dynamoReads(), cost.readUnitsPerMessage(), cost.dynamoWrites(), cost.sns(),
                    millis == null ? "-" : String.format("$%,.2f", cost.total()),
                    millis == null ? "-" : String.format("%.0f %%", 100 * cost.apiGateway() / cost.total())));
        }
        return text.toString();
    }

    String goalsText() {
        StringBuilder text = new StringBuilder("### Goals\n\n");
        for (Bench.SizeResult r : sizes) {
            if (r.size() == GOAL_LATENCY_SIZE) {
                if (r.stack() == null) {
                    text.append(String.format("- %,d members, one message: not measured (%s)%n", r.size(), r.skipped()));
                } else {
                    Percentiles p = r.stack().latency().latency();
                    text.append(String.format("- %,d members, one message: p50 %.0f ms (goal < %.0f) %s; p99 %.0f ms"
                            + " (goal < %.0f) %s%n", r.size(), p.p50Millis(), GOAL_P50_MS,
                            met(p.p50Millis() < GOAL_P50_MS), p.p99Millis(), GOAL_P99_MS,
                            met(p.p99Millis() < GOAL_P99_MS)));
                }
            }
            if (r.size() == GOAL_THROUGHPUT_SIZE && r.stack() != null) {
                Runs.ThroughputResult t = r.stack().throughput();
                boolean sustained = t.offeredRate() >= GOAL_RATE && t.completedPerSecond() >= GOAL_RATE * 0.95
                        && t.exactlyOnce();
                text.append(String.format("- %,d members at %.0f msg/s offered: %.1f msg/s completed, lost %d,"
                        + " duplicated %d %s%n", r.size(), t.offeredRate(), t.completedPerSecond(), t.lost(),
                        t.duplicates(), met(sustained)));
            }
        }
        for (String function : coldStarts.stream().map(ColdStart.Result::function).distinct().toList()) {
            List<String> figures = new ArrayList<>();
            for (ColdStart.Result r : coldStarts) {
                if (!r.function().equals(function)) {
                    continue;
                }
                double ms = r.primed() ? r.invoke().p50Millis() : r.total().p50Millis();
                figures.add(String.format(r.primed()
                        ? "first invocation after priming %.0f ms (goal < %d) %s, standing for a SnapStart restore's"
                                + " first invocation minus the restore itself, which cannot be measured without CRaC"
                        : "first invocation done %.0f ms after spawning a fresh JVM (goal < %d) %s",
                        ms, GOAL_FIRST_INVOCATION_MS, met(ms < GOAL_FIRST_INVOCATION_MS)));
            }
            text.append("- ").append(function).append(": ").append(String.join("; ", figures)).append('\n');
        }
        jars.forEach((function, bytes) -> text.append(String.format("- %s.jar %.1f MB (goal < 12 MB) %s%n", function,
                bytes / 1024.0 / 1024.0, met(bytes < GOAL_JAR_BYTES))));
        text.append(String.format("- whole run %s (goal < 5:00) %s%n", elapsedText(), met(elapsed.toSeconds() < 300)));
        if (!failures.isEmpty()) {
            text.append("\nDelivery failures:\n");
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
        md.append(costText()).append('\n');
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
        return baseline <= 0 || stack <= 0 ? "-" : String.format("%.0fx", (double) stack / baseline);
    }

    private static String rate(double rate) {
        return rate >= 10 ? String.format("%.0f", rate) : String.format("%.1f", rate);
    }

    private static String loss(Runs.LatencyResult latency, Runs.ThroughputResult throughput) {
        long echoes = latency.echoes() + throughput.echoes();
        return (latency.lost() + throughput.lost()) + " / " + (latency.duplicates() + throughput.duplicates())
                + (echoes > 0 ? " (" + echoes + " echoed)" : "");
    }
}
