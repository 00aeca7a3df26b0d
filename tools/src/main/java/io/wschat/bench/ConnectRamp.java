package io.wschat.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.tools.CommandLine;
import io.wschat.tools.Markdown;
import io.wschat.tools.Percentiles;
import io.wschat.tools.UsageException;
import io.wschat.tools.WebSocketClients;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The connect ramp through {@code ./run-local}: {@code ./run-bench connect-ramp} starts {@code ./run-local} as a user
 * would (its own process and JVM flags, free ports), connects {@code --members} WebSocket clients to one room with
 * {@code --in-flight} handshakes at a time, and meanwhile has the first few members send a message every
 * {@code --send-every}. A message is owed to every member whose handshake had completed before it was sent (its
 * {@code $connect} had stored the connection, so the broadcast's Query sees it); a message owed and not received
 * once the stack has logged every broadcast (and a short while for the last frames) is lost; the time from the last
 * send until then is the backlog. Each {@code --java-opts} value (repeatable) is a run-local JVM configuration; runs of
 * the configurations take turns, so the machine's noise falls on each alike. Writes tools/target/connect-ramp.md.
 */
public final class ConnectRamp {

    static final String USAGE = """
            Usage: ./run-bench connect-ramp [options]

              --members N          WebSocket clients to connect, all to one room (default 1000)
              --in-flight N        handshakes at a time (default 10)
              --send-every D       one message from the senders this often while they connect (default 1s;
                                   0 sends only after they have all connected)
              --runs N             runs of each JVM configuration, taking turns (default 3)
              --java-opts "FLAGS"  JAVA_OPTS of ./run-local for one configuration (repeatable; default: the
                                   script's own flags)
              --stack-arg ARG      one more argument to ./run-local (repeatable), e.g. --stack-arg=--verbose
            """;

    /** Senders, connected before the ramp; each sends every {@code senders x send-every}, under the rate limit. */
    static final int SENDERS = 4;
    private static final int MESSAGES_AFTER = 4;
    private static final Duration AFTER_GAP = Duration.ofMillis(500);
    /** How long the stack may take to finish broadcasting every message sent, a backlog included. */
    private static final Duration BACKLOG = Duration.ofMinutes(5);
    /** Once every broadcast has ended, how long its last frames may take to arrive. */
    private static final Duration ARRIVAL = Duration.ofSeconds(10);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern READY = Pattern.compile("WebSocket\\s+(ws://\\S+)");
    private static final String ROOM = "ramp";
    /** The last run's ./run-local output. */
    static final Path LOG = Path.of("tools/target/connect-ramp-stack.log");

    record Options(int members, int inFlight, Duration sendEvery, int runs, List<String> javaOpts,
            List<String> stackArgs) {

        static Options parse(String... args) {
            int members = 1000;
            int inFlight = 10;
            Duration sendEvery = Duration.ofSeconds(1);
            int runs = 3;
            List<String> javaOpts = new ArrayList<>();
            List<String> stackArgs = new ArrayList<>();
            CommandLine line = new CommandLine(args);
            while (line.hasNext()) {
                switch (line.nextFlag()) {
                    case "--members" -> members = line.intAtLeast(SENDERS + 1);
                    case "--in-flight" -> inFlight = line.intAtLeast(1);
                    case "--send-every" -> sendEvery = line.nonNegativeDuration();
                    case "--runs" -> runs = line.intAtLeast(1);
                    case "--java-opts" -> javaOpts.add(line.value());
                    case "--stack-arg" -> stackArgs.add(line.value());
                    default -> throw line.unknownFlag();
                }
            }
            if (javaOpts.isEmpty()) {
                javaOpts.add("");
            }
            return new Options(members, inFlight, sendEvery, runs, List.copyOf(javaOpts), List.copyOf(stackArgs));
        }
    }

    /** What one run measured; {@code stackCpu} is the run-local process's CPU time from ready to the drain. */
    record Result(String javaOpts, int members, Duration connect, Duration backlog, Percentiles handshakes,
            int failedHandshakes, int messages, int refused, long owed, long lost, long duplicates, Duration stackCpu,
            long postFailures, long stackErrors) {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            e.exit(USAGE);
            return;
        }
        String started = ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
        List<Result> results = new ArrayList<>();
        try (WebSocketClients clients = WebSocketClients.start("ramp-client", Duration.ofMinutes(10))) {
            for (int run = 1; run <= options.runs(); run++) {
                for (String javaOpts : options.javaOpts()) {
                    System.out.printf("run %d of %d, JAVA_OPTS=%s ...%n", run, options.runs(),
                            javaOpts.isEmpty() ? "(the script's)" : javaOpts);
                    Result result = runOnce(options, javaOpts, clients.client(), run);
                    System.out.println("  " + row(result));
                    results.add(result);
                }
            }
        }
        String table = table(options, started, results);
        System.out.println();
        System.out.print(table);
        Path file = Path.of("tools/target/connect-ramp.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, table);
        System.out.println("markdown: " + file);
        System.exit(results.stream().anyMatch(r -> r.lost() > 0 || r.failedHandshakes() > 0) ? 1 : 0);
    }

    private static Result runOnce(Options options, String javaOpts, WebSocketClient client, int run)
            throws Exception {
        try (RunLocal stack = RunLocal.start(javaOpts, options.stackArgs())) {
            Ramp ramp = new Ramp(options, client, stack.webSocketUri(), "r" + run, stack.broadcasts::get);
            ramp.run();
            return new Result(javaOpts, options.members(), ramp.connectTime, ramp.backlog, ramp.handshakes(),
                    ramp.failures(), ramp.sent.size(), ramp.refused().size(), ramp.owed(), ramp.lost(),
                    ramp.duplicates.get(), stack.cpu(), stack.postFailures.get(), stack.errors.get());
        }
    }

    /** One ramp against one running stack. */
    public static final class Ramp {

        private final Options options;
        private final WebSocketClient client;
        private final URI room;
        private final String runId;
        private final List<Member> members = new ArrayList<>();
        /** Message id to when and by whom it was sent; a message is owed to members opened before it. */
        private final Map<String, Sent> sent = new ConcurrentHashMap<>();
        private final AtomicLong duplicates = new AtomicLong();
        /** Frames that end a message without a broadcast: error frames and failed integrations. */
        private final AtomicLong answered = new AtomicLong();
        private final LongSupplier broadcasts;
        private Duration connectTime = Duration.ZERO;
        private Duration backlog = Duration.ZERO;

        Ramp(Options options, WebSocketClient client, URI base, String runId, LongSupplier broadcasts) {
            this.options = options;
            this.client = client;
            this.room = URI.create(base + "/?room=" + ROOM);
            this.runId = runId;
            this.broadcasts = broadcasts;
            for (int i = 0; i < options.members(); i++) {
                members.add(new Member(i));
            }
        }

        void run() throws Exception {
            for (int i = 0; i < SENDERS; i++) {
                members.get(i).connect().get(60, TimeUnit.SECONDS);
            }
            Thread sender = new Thread(this::sendWhileConnecting, "ramp-sender");
            long started = System.nanoTime();
            sender.start();
            Semaphore slots = new Semaphore(options.inFlight());
            CountDownLatch done = new CountDownLatch(options.members() - SENDERS);
            for (int i = SENDERS; i < options.members(); i++) {
                slots.acquire();
                members.get(i).connect().whenComplete((session, failure) -> {
                    slots.release();
                    done.countDown();
                });
            }
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the handshakes did not finish within 5 minutes");
            }
            connectTime = Duration.ofNanos(System.nanoTime() - started);
            sender.interrupt();
            sender.join();
            for (int i = 0; i < MESSAGES_AFTER; i++) {
                send(i % SENDERS);
                Thread.sleep(AFTER_GAP.toMillis());
            }
            long lastSent = System.nanoTime();
            long deadline = lastSent + BACKLOG.toNanos();
            while (broadcasts.getAsLong() + answered.get() < sent.size() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            backlog = Duration.ofNanos(System.nanoTime() - lastSent);
            deadline = System.nanoTime() + ARRIVAL.toNanos();
            while (lost() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        /** Sends from the senders in turn until interrupted, the connect phase's traffic. */
        private void sendWhileConnecting() {
            if (options.sendEvery().isZero()) {
                return;
            }
            for (int i = 0; ; i++) {
                send(i % SENDERS);
                try {
                    Thread.sleep(options.sendEvery().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void send(int from) {
            String id = runId + "-" + sent.size();
            sent.put(id, new Sent(System.nanoTime(), from));
            // A send that fails leaves the message unseen by every member, so it counts as lost.
            members.get(from).session.sendText("{\"action\":\"sendmessage\",\"data\":\"" + id + "\"}",
                    Callback.NOOP);
        }

        int failures() {
            return (int) members.stream().filter(m -> m.failure != null).count();
        }

        Percentiles handshakes() {
            return Percentiles.of(members.stream().skip(SENDERS).filter(m -> m.openedAt != 0)
                    .mapToLong(m -> m.openedAt - m.startedAt).toArray());
        }

        long owed() {
            return count(false);
        }

        long lost() {
            return count(true);
        }

        /** Deliveries owed, or only those owed and not received. */
        private long count(boolean missingOnly) {
            Set<String> refused = refused();
            long count = 0;
            for (Member member : members) {
                for (Map.Entry<String, Sent> message : sent.entrySet()) {
                    boolean owed = member.owes(message.getValue()) && !refused.contains(message.getKey());
                    count += owed && !(missingOnly && member.received.contains(message.getKey())) ? 1 : 0;
                }
            }
            return count;
        }

        /**
         * The messages the stack refused as a whole: those no member received, when there are no more of them than
         * error answers to the senders (a throttled or failed integration); any more are counted as lost.
         */
        Set<String> refused() {
            Set<String> unseen = new HashSet<>(sent.keySet());
            members.forEach(member -> unseen.removeAll(member.received));
            return unseen.size() <= answered.get() ? unseen : Set.of();
        }

        private record Sent(long atNanos, int from) {
        }

        public final class Member implements Session.Listener.AutoDemanding {

            private final int index;
            private final Set<String> received = ConcurrentHashMap.newKeySet();
            private volatile long startedAt;
            private volatile long openedAt;
            private volatile Session session;
            private volatile Throwable failure;

            Member(int index) {
                this.index = index;
            }

            CompletableFuture<Session> connect() {
                startedAt = System.nanoTime();
                try {
                    return client.connect(this, URI.create(room + "&name=m" + index))
                            .whenComplete((session, error) -> failure = error);
                } catch (IOException e) {
                    failure = e;
                    return CompletableFuture.failedFuture(e);
                }
            }

            /** A message is owed when this member was open before it was sent, and did not send it. */
            boolean owes(Sent message) {
                return failure == null && openedAt != 0 && openedAt < message.atNanos() && message.from() != index;
            }

            @Override
            public void onWebSocketOpen(Session session) {
                this.session = session;
                openedAt = System.nanoTime();
            }

            @Override
            public void onWebSocketText(String text) {
                JsonObject frame = JsonParser.parseString(text).getAsJsonObject();
                String type = frame.has("type") ? frame.get("type").getAsString() : "";
                if (!type.equals("message")) {
                    // An error frame, or API Gateway's answer to a failed integration: the sender's message ended.
                    if (!type.equals("joined") && !type.equals("left")) {
                        answered.incrementAndGet();
                    }
                    return;
                }
                String id = frame.get("data").getAsString();
                if (!received.add(id)) {
                    duplicates.incrementAndGet();
                }
            }
        }
    }

    /** {@code ./run-local} as a child process on free ports, its output read for failed posts and errors. */
    private static final class RunLocal implements AutoCloseable {

        private final Process process;
        private final CompletableFuture<URI> ready = new CompletableFuture<>();
        private final AtomicLong postFailures = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong broadcasts = new AtomicLong();
        private Duration cpuAtReady = Duration.ZERO;

        private RunLocal(Process process) {
            this.process = process;
        }

        static RunLocal start(String javaOpts, List<String> stackArgs) throws Exception {
            List<String> command = new ArrayList<>(List.of("./run-local", "--port", "0", "--dynamodb-port", "0",
                    "--sns-port", "0"));
            BenchOptions.ONE_ADDRESS.forEach((name, value) -> command.addAll(List.of("--env", name + "=" + value)));
            command.addAll(stackArgs);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (!javaOpts.isEmpty()) {
                builder.environment().put("JAVA_OPTS", javaOpts);
            } else {
                builder.environment().remove("JAVA_OPTS");
            }
            Files.createDirectories(LOG.getParent());
            RunLocal stack = new RunLocal(builder.start());
            Thread reader = new Thread(stack::read, "run-local-output");
            reader.setDaemon(true);
            reader.start();
            try {
                stack.ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                stack.close();
                throw new IllegalStateException("./run-local did not get ready: " + e, e);
            }
            stack.cpuAtReady = stack.totalCpu();
            return stack;
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    PrintStream log = new PrintStream(Files.newOutputStream(LOG), true, StandardCharsets.UTF_8)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    log.println(line);
                    Matcher matcher = READY.matcher(line);
                    if (!ready.isDone() && matcher.find()) {
                        ready.complete(URI.create(matcher.group(1)));
                    }
                    if (line.contains("\"post failed") || line.contains("\"post abandoned")) {
                        postFailures.incrementAndGet();
                    }
                    if (line.contains("\"message\":\"message broadcast\"")) {
                        broadcasts.incrementAndGet();
                    }
                    if (line.contains("\"level\":\"ERROR\"")) {
                        errors.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // The stream closes when the process is stopped.
            } finally {
                ready.completeExceptionally(new IllegalStateException("./run-local ended"));
            }
        }

        URI webSocketUri() {
            return ready.join();
        }

        /** CPU time of the stack since it was ready. */
        Duration cpu() {
            return totalCpu().minus(cpuAtReady);
        }

        private Duration totalCpu() {
            return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static String row(Result r) {
        return String.format("| %s | %,d | %.2f s | %.1f s | %s | %d | %d | %d | %,d | %d | %d | %.1f s | %d | %d |",
                r.javaOpts().isEmpty() ? "(run-local's)" : "`" + r.javaOpts() + "`", r.members(),
                r.connect().toMillis() / 1000.0, r.backlog().toMillis() / 1000.0, r.handshakes().summary(),
                r.failedHandshakes(), r.messages(), r.refused(), r.owed(), r.lost(), r.duplicates(),
                r.stackCpu().toMillis() / 1000.0, r.postFailures(), r.stackErrors());
    }

    static String table(Options options, String started, List<Result> results) {
        StringBuilder text = new StringBuilder();
        text.append("Connect ramp through ./run-local, ").append(started).append(": ").append(options.members())
                .append(" members into one room, ").append(options.inFlight()).append(" handshakes in flight, a ")
                .append("message every ").append(options.sendEvery().toMillis()).append(" ms from ").append(SENDERS)
                .append(" senders while they connect (0: none), and ").append(MESSAGES_AFTER)
                .append(" after.\n\n");
        text.append(Markdown.tableHeader("JAVA_OPTS", "members:", "connect all:", "backlog:",
                "handshake p50 / p99 / max", "failed:", "msgs:", "refused:", "owed:", "lost:", "dup:", "stack CPU:",
                "failed posts:", "errors:"));
        Map<String, List<Result>> byOpts = new LinkedHashMap<>();
        for (Result result : results) {
            text.append(row(result)).append('\n');
            byOpts.computeIfAbsent(result.javaOpts(), k -> new ArrayList<>()).add(result);
        }
        text.append("\nMedians per configuration:\n\n")
                .append(Markdown.tableHeader("JAVA_OPTS", "runs:", "connect all:", "stack CPU:"));
        byOpts.forEach((opts, runs) -> text.append(String.format("| %s | %d | %.2f s | %.1f s |%n",
                opts.isEmpty() ? "(run-local's)" : "`" + opts + "`", runs.size(),
                median(runs.stream().mapToLong(r -> r.connect().toMillis()).toArray()) / 1000.0,
                median(runs.stream().mapToLong(r -> r.stackCpu().toMillis()).toArray()) / 1000.0)));
        return text.toString();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
