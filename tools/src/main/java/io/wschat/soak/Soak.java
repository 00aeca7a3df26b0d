package io.wschat.soak;

import com.google.gson.JsonParser;
import io.wschat.bench.BenchOptions;
import io.wschat.local.LocalOptions;
import io.wschat.local.LocalStack;
import io.wschat.local.template.TableDefinition;
import io.wschat.tools.UsageException;
import io.wschat.tools.WebSocketClients;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Soak test of the local stack (template.yaml's functions, the DynamoDB engine, the gateway) on loopback: opens many
 * connections spread over rooms, sends chat messages at a steady rate from random members while connections come and
 * go, checks every delivery with a {@link DeliveryLedger}, and at the end checks that no connection row is left and
 * that heap use after collection stayed flat. {@code ./soak} runs it; exits 1 when a check failed.
 */
public final class Soak implements AutoCloseable {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);

    private final SoakOptions options;
    private final LocalStack stack;
    private final PrintStream out;
    private final DeliveryLedger ledger;
    private final List<String> rooms = new ArrayList<>();
    private final Random random = new Random();
    private final AtomicInteger names = new AtomicInteger();
    private final Set<SoakClient> members = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<?>> opening = ConcurrentHashMap.newKeySet();
    private final List<Long> heapSamplesMb = new ArrayList<>();
    private final LongAdder connectFailures = new LongAdder();
    private final LongAdder churnConnects = new LongAdder();
    private final LongAdder churnDisconnects = new LongAdder();
    private final LongAdder skippedSends = new LongAdder();
    private final Set<String> failedConnectIds = ConcurrentHashMap.newKeySet();
    private final Object invocationsLock = new Object();
    private long connects;
    private long orphans;
    private long disconnects;
    private final WebSocketClients webSockets;
    private final ScheduledExecutorService scheduler;

    private Soak(SoakOptions options, LocalStack stack, WebSocketClients webSockets, PrintStream out) {
        this.options = options;
        this.stack = stack;
        this.out = out;
        this.ledger = new DeliveryLedger(options.deadline().toNanos());
        for (int i = 0; i < options.rooms(); i++) {
            rooms.add("soak-" + i);
        }
        this.webSockets = webSockets;
        this.scheduler = Executors.newScheduledThreadPool(2, daemon("soak-pace"));
        stack.addInvocationListener((routeKey, function, event, result) -> {
            synchronized (invocationsLock) {
                if (routeKey.equals("$connect") && result.isSuccess()) {
                    connects++;
                } else if (routeKey.equals("$connect")) {
                    failedConnectIds.add(connectionId(event));
                } else if (routeKey.equals("$disconnect")) {
                    disconnects++;
                }
                invocationsLock.notifyAll();
            }
        });
    }

    public static void main(String[] args) {
        SoakOptions options;
        try {
            options = SoakOptions.parse(args);
        } catch (UsageException e) {
            e.exit(SoakOptions.USAGE);
            return;
        }
        SoakReport report;
        try {
            report = run(options, System.out);
        } catch (Exception e) {
            System.err.println("error: the soak could not run: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        report.print(System.out);
        System.exit(report.passed() ? 0 : 1);
    }

    /**
     * Starts a local stack on free loopback ports, runs the soak against it and stops it. The functions log at WARN
     * (to standard output); the stack's own console lines go to {@link SoakOptions#stackLog()} or nowhere. The idle
     * timeout is raised above the run's length so that a member that happens not to send is not closed for it.
     */
    /** Quiet functions, and per-address limits out of the way: every member connects from loopback. */
    private static Map<String, String> soakEnvironment() {
        Map<String, String> env = new HashMap<>(BenchOptions.ONE_ADDRESS);
        env.put("LOG_LEVEL", "WARN");
        return env;
    }

    public static SoakReport run(SoakOptions options, PrintStream out) throws Exception {
        LocalOptions local = LocalOptions.defaults()
                .withTemplate(options.template())
                .withHost("127.0.0.1")
                .withPort(0)
                .withDynamoDbPort(0)
                .withSnsPort(0)
                .withIdleTimeout(options.duration().plusMinutes(10))
                .withEnvironment(soakEnvironment());
        PrintStream stackOut = options.stackLog() == null ? new PrintStream(OutputStream.nullOutputStream())
                : new PrintStream(Files.newOutputStream(options.stackLog()), true);
        try (stackOut; LocalStack stack = LocalStack.start(local, stackOut);
                WebSocketClients webSockets = WebSocketClients.start("soak-client", local.idleTimeout());
                Soak soak = new Soak(options, stack, webSockets, out)) {
            return soak.execute();
        }
    }

    private SoakReport execute() throws Exception {
        out.printf("soak: %d connections in %d rooms, %s steady at %.1f messages/s, churn %.1f/s%n",
                options.connections(), options.rooms(), SoakReport.human(options.duration()), options.rate(),
                options.churn());
        long started = System.nanoTime();
        openInitialConnections();
        out.printf("soak: %d connections open after %.1f s%n", ledger.presentCount(),
                (System.nanoTime() - started) / 1e9);

        long steadyStart = System.nanoTime();
        sampleHeap();
        CountDownLatch steadyOver = new CountDownLatch(1);
        List<ScheduledFuture<?>> load = new ArrayList<>();
        load.add(scheduler.scheduleAtFixedRate(this::sendOne, 0, (long) (1e9 / options.rate()), TimeUnit.NANOSECONDS));
        if (options.churn() > 0) {
            AtomicInteger turn = new AtomicInteger();
            load.add(scheduler.scheduleAtFixedRate(() -> churnOne(turn.getAndIncrement() % 2 == 0),
                    (long) (1e9 / options.churn()), (long) (1e9 / options.churn()), TimeUnit.NANOSECONDS));
        }
        ScheduledFuture<?> finisher = scheduler.scheduleAtFixedRate(
                () -> ledger.finishDue(System.nanoTime(), false), 250, 250, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> sampler = scheduler.scheduleAtFixedRate(() -> {
            sampleHeap();
            progress(steadyStart);
        }, options.sampleEvery().toMillis(), options.sampleEvery().toMillis(), TimeUnit.MILLISECONDS);
        scheduler.schedule(steadyOver::countDown, options.duration().toMillis(), TimeUnit.MILLISECONDS);
        steadyOver.await();
        load.forEach(task -> task.cancel(false));
        sampler.cancel(false);
        Duration steady = Duration.ofNanos(System.nanoTime() - steadyStart);

        // Drain: handshakes still in progress, then every message until its deadline.
        CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        CountDownLatch drained = new CountDownLatch(1);
        ScheduledFuture<?> drainCheck = scheduler.scheduleAtFixedRate(() -> {
            if (ledger.inFlight() == 0) {
                drained.countDown();
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        if (!drained.await(options.deadline().toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
            ledger.finishDue(System.nanoTime(), true);
        }
        drainCheck.cancel(false);
        finisher.cancel(false);
        sampleHeap();
        progress(steadyStart);

        long rowsLeft = closeEveryoneAndCountRows();
        SoakReport.Builder report = SoakReport.builder(options)
                .steady(steady)
                .connectionsOpened(names.get())
                .connectFailures(connectFailures.sum())
                .churnConnects(churnConnects.sum())
                .churnDisconnects(churnDisconnects.sum())
                .rowsLeft(rowsLeft)
                .orphanRows(orphans)
                .heapSamplesMb(heapSamples());
        return ledger.addTo(report).build();
    }

    private void openInitialConnections() throws Exception {
        Semaphore permits = new Semaphore(options.connectConcurrency());
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            permits.acquire();
            CompletableFuture<?> opened = open(rooms.get(i % rooms.size()));
            opened.whenComplete((ignored, error) -> permits.release());
            all.add(opened);
            if ((i + 1) % 200 == 0) {
                out.printf("soak: %d handshakes started%n", i + 1);
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .get(Math.max(120, options.connections() / 2), TimeUnit.SECONDS);
    }

    private CompletableFuture<?> open(String room) {
        SoakClient client = new SoakClient("s" + names.incrementAndGet(), room, ledger);
        URI uri = URI.create(stack.webSocketUri() + "/?room=" + room + "&name=" + client.name());
        CompletableFuture<Session> handshake;
        try {
            handshake = webSockets.client().connect(client, uri)
                    .orTimeout(HANDSHAKE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (IOException e) {
            handshake = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<?> opened = handshake.handle((session, error) -> {
            if (error != null) {
                connectFailures.increment();
                ledger.unexpectedFrame(client, "connect failed: " + describe(error));
            } else {
                client.opened(session);
                members.add(client);
                client.closed.whenComplete((status, ignored) -> members.remove(client));
                ledger.arrived(client);
            }
            return null;
        });
        opening.add(opened);
        opened.whenComplete((ignored, error) -> opening.remove(opened));
        return opened;
    }

    /** One message from a random member that is free to send (see {@link SoakOptions#inFlight()}). */
    private void sendOne() {
        long now = System.nanoTime();
        for (int attempt = 0; attempt < 20; attempt++) {
            SoakClient sender = ledger.randomPresent(random);
            if (sender == null) {
                break;
            }
            boolean rested = sender.lastSentAt() == 0 || now - sender.lastSentAt() >= options.senderGap().toNanos();
            if (rested && sender.unsettled.get() < options.inFlight()) {
                String key = ledger.sending(sender, now);
                try {
                    sender.send(now, key).whenComplete((socket, error) -> {
                        if (error != null) {
                            ledger.sendFailed(key, error);
                        }
                    });
                } catch (RuntimeException e) {
                    ledger.sendFailed(key, e);
                }
                return;
            }
        }
        skippedSends.increment();
    }

    /** A new member in the smallest room, or a random member leaves. */
    private void churnOne(boolean connect) {
        if (connect) {
            churnConnects.increment();
            open(ledger.smallestRoom(rooms));
            return;
        }
        if (ledger.presentCount() <= options.connections() / 2) {
            return;
        }
        SoakClient leaving = ledger.randomPresent(random);
        if (leaving != null) {
            churnDisconnects.increment();
            ledger.leaving(leaving);
            leaving.close(System.nanoTime());
        }
    }

    private long closeEveryoneAndCountRows() throws Exception {
        long now = System.nanoTime();
        for (SoakClient client : members) {
            ledger.leaving(client);
            if (client.closingAt() == 0) {
                client.close(now);
            }
        }
        try {
            CompletableFuture.allOf(members.stream().map(client -> client.closed).toArray(CompletableFuture[]::new))
                    .get(2, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            out.println("soak: some connections did not close within 2 minutes; aborting them");
            members.forEach(SoakClient::abort);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        synchronized (invocationsLock) {
            while (disconnects < connects && System.nanoTime() < deadline) {
                invocationsLock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            out.printf("soak: %d $connect, %d $disconnect invocations%n", connects, disconnects);
        }
        return countConnectionRows();
    }

    private long countConnectionRows() {
        String table = stack.template().tables().stream()
                .filter(definition -> definition.logicalId().equals("ConnectionsTable"))
                .map(TableDefinition::tableName).findFirst().orElseThrow();
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .endpointOverride(stack.dynamoDbEndpoint().orElseThrow())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("soak", "soak")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            long rows = 0;
            for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(scan -> scan.tableName(table)
                    .projectionExpression("connectionId")).items()) {
                if (item.get("connectionId").s().contains("#")) {
                    // A user's limits (open places, counters, typing turns): not a connection.
                    continue;
                }
                if (failedConnectIds.contains(item.get("connectionId").s())) {
                    orphans++;
                } else {
                    rows++;
                }
            }
            return rows;
        }
    }

    private static String connectionId(String event) {
        return JsonParser.parseString(event).getAsJsonObject().getAsJsonObject("requestContext").get("connectionId")
                .getAsString();
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof UpgradeException upgrade && upgrade.getResponseStatusCode() > 0) {
            return "handshake answered " + upgrade.getResponseStatusCode() + " " + upgrade.getMessage();
        }
        return cause.toString();
    }

    private void sampleHeap() {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        synchronized (heapSamplesMb) {
            heapSamplesMb.add(used / (1024 * 1024));
        }
    }

    private List<Long> heapSamples() {
        synchronized (heapSamplesMb) {
            return List.copyOf(heapSamplesMb);
        }
    }

    private void progress(long steadyStart) {
        List<Long> heap = heapSamples();
        out.printf("soak: %s  open %d  sent %d  received %d  in flight %d  lost %d  dup %d  order %d  heap %d MB%n",
                SoakReport.human(Duration.ofNanos(System.nanoTime() - steadyStart)), ledger.presentCount(),
                ledger.sent.sum(), ledger.deliveries.sum(), ledger.inFlight(), ledger.losses.sum(),
                ledger.duplicates.sum(), ledger.outOfOrder.sum(), heap.isEmpty() ? -1 : heap.get(heap.size() - 1));
        if (skippedSends.sum() > 0) {
            out.printf("soak: %d send ticks found no member free to send%n", skippedSends.sum());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        members.forEach(SoakClient::abort);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

}
