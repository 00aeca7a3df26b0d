package io.wschat.bench;

import io.wschat.tools.UsageException;
import io.wschat.tools.WebSocketClients;
import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The benchmark: for each room size, the same WebSocket clients against the local stack and against a plain Jetty
 * broadcast server, sequential-send latency and open-loop throughput with loss counted; then cold starts of each
 * function jar in fresh JVMs. Prints the tables and writes them as markdown.
 */
public final class Bench {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    /** How long one latency message may take before the next goes out: 10 s, more for rooms past 1,500. */
    private static Duration messageTimeout(int size) {
        return Duration.ofMillis(Math.max(10_000, size * 6L));
    }

    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Duration BACKLOG_DRAIN = Duration.ofSeconds(60);
    private static final Duration LATENCY_TIME_BOX = Duration.ofSeconds(25);

    private final BenchOptions options;
    private final PrintStream out;
    private final Report report;
    private double connectsPerSecond;
    private final List<Room> openRooms = new ArrayList<>();

    Bench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.report = new Report(options);
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
            switch (args.length > 0 ? args[0] : "") {
                case "dynamodb" -> {
                    DynamoDbCalls.main(rest);
                    return;
                }
                case "connect-ramp" -> {
                    ConnectRamp.main(rest);
                    return;
                }
                case "post-paths" -> {
                    PostPaths.main(rest);
                    return;
                }
                default -> options = BenchOptions.parse(args);
            }
        } catch (UsageException e) {
            e.exit(BenchOptions.USAGE);
            return;
        }
        Report report = new Bench(options, System.out).run();
        System.exit(report.failures().isEmpty() ? 0 : 1);
    }

    Report run() throws Exception {
        long started = System.nanoTime();
        report.header(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME),
                Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version"),
                System.getProperty("http.maxConnections", "5 (JDK default)")
                        + "; sun.net.http.retryPost " + System.getProperty("sun.net.http.retryPost", "true (JDK default)"));
        out.println(report.headerText());
        Files.createDirectories(options.results().toAbsolutePath().getParent());
        Path stackLog = options.results().toAbsolutePath().getParent().resolve("stack.log");
        try (PrintStream stackOut = new PrintStream(new BufferedOutputStream(Files.newOutputStream(stackLog)), false,
                java.nio.charset.StandardCharsets.UTF_8);
                WebSocketClients clients = WebSocketClients.start("bench-client", Duration.ofMinutes(10))) {
            out.println("starting the local stack (log: " + stackLog + ")...");
            try (StackTarget stack = StackTarget.start(options.root().resolve("template.yaml"),
                    options.functionEnvironment(), stackOut);
                    BaselineServer baseline = options.baseline() ? BaselineServer.start() : null) {
                long budgetEnd = System.nanoTime() + options.budget().toNanos();
                for (int size : options.sizes()) {
                    report.add(measureSize(size, clients.client(), stack, baseline, budgetEnd));
                }
                out.println();
                out.println(report.fanOutText());
                if (options.coldStartRuns() > 0) {
                    out.println("cold starts: " + options.coldStartRuns()
                            + " fresh JVMs per function, plain and again primed...");
                    ColdStart coldStart = new ColdStart(options.root(), stack, clients.client(),
                            options.functionEnvironment(), out);
                    report.coldStarts(coldStart.measure(options.coldStartRuns()));
                    report.jars(ColdStart.jarSizes(options.root()));
                    out.println(report.coldStartText());
                }
            }
        }
        long wall = System.nanoTime() - started;
        report.finished(Duration.ofNanos(wall), loadAverage(), processCpuNanos() / (double) wall
                / Runtime.getRuntime().availableProcessors());
        out.println(report.goalsText());
        Files.writeString(options.results(), report.markdown());
        out.println("markdown: " + options.results() + "   total " + report.elapsedText());
        return report;
    }

    private SizeResult measureSize(int size, WebSocketClient client, StackTarget stack, BaselineServer baseline,
            long budgetEnd) throws Exception {
        int messages = options.latencyMessages().get(size);
        int warmUp = Math.max(3, Math.min(10, messages / 10));
        double rate = options.rates().get(size);
        // The baseline goes first: its room is closed right after (cheap), while the stack's stays open to the end,
        // so both never hold the biggest room's file descriptors at once.
        Measured onBaseline = null;
        if (baseline != null) {
            out.printf("N=%d: baseline: connecting...", size);
            onBaseline = measure(client, baseline.webSocketUri(), "b" + size, size, warmUp, messages, rate);
            onBaseline.room.close(CONNECT_TIMEOUT);
            out.printf(" p50 %.1f ms, %.0f msg/s%n", onBaseline.latency.latency().p50Millis(),
                    onBaseline.throughput.completedPerSecond());
        }
        StackSide onStack = null;
        String skipped = null;
        long remaining = budgetEnd - System.nanoTime();
        if (connectsPerSecond > 0 && size / connectsPerSecond * 1e9 > remaining) {
            skipped = String.format("connecting %,d members at the %.0f/s measured so far would take ~%.0f s;"
                    + " %.0f s of the budget left", size, connectsPerSecond, size / connectsPerSecond,
                    Math.max(0, remaining / 1e9));
            out.printf("N=%d: stack: skipped (%s)%n", size, skipped);
        } else {
            onStack = measureStack(size, client, stack, warmUp, messages, rate);
        }
        return new SizeResult(size, warmUp, rate, onStack, skipped, onBaseline == null ? null : onBaseline.connect,
                onBaseline == null ? null : onBaseline.latency, onBaseline == null ? null : onBaseline.throughput);
    }

    private StackSide measureStack(int size, WebSocketClient client, StackTarget stack, int warmUp, int messages,
            double rate) throws Exception {
        out.printf("N=%d: stack: connecting...", size);
        Room room = Room.connect(client, stack.webSocketUri(), "s" + size, size, options.connectInFlight(),
                CONNECT_TIMEOUT);
        connectsPerSecond = size / Math.max(0.001, room.connectTime().toNanos() / 1e9);
        out.printf(" %d in %.1f s, latency...", size, room.connectTime().toMillis() / 1000.0);
        StackTarget.RouteStats sends = stack.route("sendmessage");
        sends.reset();
        int port = stack.stack().port();
        java.util.Set<String> closedBefore = TcpConnections.timeWait(port);
        long latencyStarted = System.nanoTime();
        Runs.LatencyResult latency = Runs.latency(room, warmUp, messages, messageTimeout(size), LATENCY_TIME_BOX);
        Duration latencyTime = Duration.ofNanos(System.nanoTime() - latencyStarted);
        long closed = TcpConnections.closedBetween(closedBefore, TcpConnections.timeWait(port));
        Invocations latencyCalls = Invocations.of(sends);
        sends.reset();
        out.print(" throughput...");
        Runs.ThroughputResult throughput = Runs.throughput(room, rate, options.throughputTime(),
                Math.min(10, size - 1), DRAIN);
        boolean drained = stack.awaitInvocations("sendmessage", throughput.messages(), BACKLOG_DRAIN);
        Invocations throughputCalls = Invocations.of(sends);
        // The room stays open, idle, until the stack stops: N $disconnect invocations now would compete with the
        // next measurements, and waiting for them would spend the time budget.
        openRooms.add(room);
        out.printf(" p50 %.1f ms, %.1f msg/s%s%n", latency.latency().p50Millis(), throughput.completedPerSecond(),
                drained ? "" : " (backlog still running)");
        // TIME_WAIT entries last 60 s, so the count is a lower bound when the run took longer.
        double connectionsPerMessage = !TcpConnections.available() ? -1
                : (double) closed / Math.max(1, latency.measured() + warmUp);
        return new StackSide(room.connectTime(), room.connectRetries(), latency, throughput, latencyCalls, throughputCalls,
                connectionsPerMessage, latencyTime.toSeconds() >= 60, drained);
    }

    private Measured measure(WebSocketClient client, URI uri, String roomName, int size, int warmUp, int messages,
            double rate) throws Exception {
        Room room = Room.connect(client, uri, roomName, size, options.connectInFlight(), CONNECT_TIMEOUT);
        out.printf(" %d in %.1f s, latency...", size, room.connectTime().toMillis() / 1000.0);
        Runs.LatencyResult latency = Runs.latency(room, warmUp, messages, messageTimeout(size), LATENCY_TIME_BOX);
        out.print(" throughput...");
        Runs.ThroughputResult throughput = Runs.throughput(room, rate, options.throughputTime(),
                Math.min(10, size - 1), DRAIN);
        return new Measured(room, room.connectTime(), latency, throughput);
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "n/a" : String.format("%.2f", load);
    }

    private record Measured(Room room, Duration connect, Runs.LatencyResult latency,
            Runs.ThroughputResult throughput) {
    }

    /** The measurements of one room size on both targets; {@code stack} is null when skipped for the budget. */
    record SizeResult(int size, int warmUp, double rate, StackSide stack, String skipped, Duration baselineConnect,
            Runs.LatencyResult baselineLatency, Runs.ThroughputResult baselineThroughput) {
    }

    /**
     * The stack side of one size: the runs, the {@code sendmessage} invocations during each, and the TCP
     * connections to the gateway port closed per message during the latency run (keep-alive misses).
     */
    record StackSide(Duration connect, int connectRetries, Runs.LatencyResult latency, Runs.ThroughputResult throughput,
            Invocations latencyCalls, Invocations throughputCalls, double connectionsPerMessage,
            boolean connectionsUndercounted, boolean drained) {
    }

    /** {@code sendmessage} invocations over one run: count, failures, mean duration, management calls, 429s. */
    record Invocations(long count, long failures, double meanMillis, long managementCalls, long throttled) {

        static Invocations of(StackTarget.RouteStats stats) {
            return new Invocations(stats.invocations(), stats.failures(), stats.meanMillis(), stats.managementCalls(),
                    stats.throttledPosts());
        }

        double callsPerInvocation() {
            return count == 0 ? 0 : (double) managementCalls / count;
        }
    }
}
