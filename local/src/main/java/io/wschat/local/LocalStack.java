package io.wschat.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import io.wschat.dynamodb.DynamoDbEngine;
import io.wschat.local.dynamodb.TableCreator;
import io.wschat.local.access.AllowedHosts;
import io.wschat.local.access.AllowedOrigins;
import io.wschat.local.access.BindAddress;
import io.wschat.local.access.HostCheckHandler;
import io.wschat.local.faults.FaultInjector;
import io.wschat.local.gateway.HandshakeHandler;
import io.wschat.local.gateway.InvocationListener;
import io.wschat.local.gateway.WebSocketEvents;
import io.wschat.local.gateway.WebSocketGateway;
import io.wschat.local.lambda.LocalLambda;
import io.wschat.local.log.ConsoleLog;
import io.wschat.local.management.ManagementApiHandler;
import io.wschat.local.management.ManagementCall;
import io.wschat.local.metrics.LocalMetrics;
import io.wschat.local.metrics.MetricsPageHandler;
import io.wschat.sns.SnsStandIn;
import io.wschat.local.template.LocalNames;
import io.wschat.local.template.LocalTemplate;
import io.wschat.local.template.RouteDefinition;
import io.wschat.local.template.TableDefinition;
import io.wschat.local.template.TemplateException;
import io.wschat.local.template.TopicDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * The whole backend on one machine: an API Gateway-like WebSocket endpoint and management API driven by
 * template.yaml, the template's functions, and the DynamoDB engine with the template's tables.
 */
public final class LocalStack implements AutoCloseable {

    private static final String STACK_NAME = "wschat";
    /** The credentials docs/LOCAL.md gives the AWS CLI and scripts; the management API checks signatures with them. */
    public static final String CLI_ACCESS_KEY_ID = "local";
    public static final String CLI_SECRET_ACCESS_KEY = "local";

    private final LocalOptions options;
    private final LocalTemplate template;
    private final Server server;
    private final WebSocketGateway gateway;
    private final LocalLambda lambda;
    private final DynamoDbEngine dynamoDb;
    private final SnsStandIn sns;
    private final ScheduledThreadPoolExecutor scheduler;
    private final FaultInjector faults;
    private final LocalMetrics metrics;
    private final int port;

    private LocalStack(LocalOptions options, LocalTemplate template, Server server, WebSocketGateway gateway,
            LocalLambda lambda, DynamoDbEngine dynamoDb, SnsStandIn sns, ScheduledThreadPoolExecutor scheduler,
            FaultInjector faults, LocalMetrics metrics, int port) {
        this.options = options;
        this.template = template;
        this.server = server;
        this.gateway = gateway;
        this.lambda = lambda;
        this.dynamoDb = dynamoDb;
        this.sns = sns;
        this.scheduler = scheduler;
        this.faults = faults;
        this.metrics = metrics;
        this.port = port;
    }

    public static void main(String[] args) {
        LocalOptions options;
        try {
            options = LocalOptions.parse(args);
        } catch (LocalOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("error: " + e.getMessage());
                System.err.print(LocalOptions.USAGE);
                System.exit(2);
            }
            System.out.print(LocalOptions.USAGE);
            return;
        }
        LocalStack stack;
        try {
            stack = start(options, System.out);
        } catch (TemplateException e) {
            System.err.println("error: " + options.template() + ": " + e.getMessage());
            System.exit(1);
            return;
        } catch (PortInUseException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            System.err.println("error: cannot start the local stack: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping...");
            stack.close();
        }, "shutdown"));
        stack.join();
    }

    /** Starts everything and prints the URLs served; returns once the stack is ready. */
    public static LocalStack start(LocalOptions requested, PrintStream out) throws Exception {
        long started = System.nanoTime();
        if (!Files.isRegularFile(requested.template())) {
            throw new TemplateException("template not found (run from the repository root, or pass --template)");
        }
        ConsoleLog log = new ConsoleLog(out, requested.verbose());
        // Every port is bound first, port 0 by the kernel: the functions' endpoints and the gateway's URLs name
        // them before the parts behind them start, and nothing else can take one in the meantime.
        StackSockets sockets = StackSockets.bind(requested);
        List<AutoCloseable> opened = new ArrayList<>(List.of(sockets));
        LocalOptions options = requested.withDynamoDbPort(sockets.dynamoDbPort(requested.dynamoDbPort()));
        int port = sockets.gatewayPort();
        int snsPort = sockets.snsPort();
        // The DynamoDB engine, the SNS stand-in, the gateway and the functions' cold starts do not depend on each
        // other: they start side by side, each on a thread of its own.
        Executor background = task -> {
            Thread thread = new Thread(task, "local-startup");
            thread.setDaemon(true);
            thread.start();
        };
        FaultInjector faults = new FaultInjector(options.faults());
        opened.add(faults);
        faults.addListener((fault, target) -> {
            if (!fault.isPost()) {
                // Posts are marked on their own call line; SNS faults have no other line.
                log.info(String.format("FAULT      %s  %s  (injected)", fault.key(), target));
            }
        });
        CompletableFuture<SnsStandIn> snsStart = null;
        CompletableFuture<DynamoDbEngine> dynamoDbStart = options.startDynamoDb()
                ? CompletableFuture.supplyAsync(() -> startDynamoDb(options, sockets.dynamoDb()), background)
                : CompletableFuture.completedFuture(null);
        try {
            LocalNames names = LocalNames.of(STACK_NAME, "local", "ws://" + gatewayHost(options) + ":" + port);
            LocalTemplate template = LocalTemplate.load(options.template(), options.parameters(), names);
            log.debug("template read in " + millisSince(started) + " ms");
            String stage = template.api().stage();
            snsStart = CompletableFuture.supplyAsync(
                    () -> startSns(options, sockets.sns(), template, faults, log), background);
            Map<String, String> environment = overrides(options, port, stage, snsEndpoint(options, snsPort));
            LocalMetrics metrics = new LocalMetrics(System.out, log);
            LocalLambda lambda = new LocalLambda(template.functions().values(), names, environment,
                    options.maxInstances(), log, out, metrics);
            opened.add(lambda);
            CompletableFuture<Void> warmUp = lambda.warmUp();
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "gateway-timer");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.setRemoveOnCancelPolicy(true);
            opened.add(scheduler::shutdownNow);
            WebSocketGateway gateway = new WebSocketGateway(template.api(), lambda,
                    new WebSocketEvents(names.apiId(), stage, gatewayHost(options) + ":" + port), options.limits(),
                    scheduler, log,
                    options.dropDisconnects());
            Server server = server(options, sockets.gateway(), gateway, lambda, faults, metrics, log);
            opened.add(0, server::stop);
            server.start();
            log.debug("gateway listening after " + millisSince(started) + " ms");
            SnsStandIn sns = join(snsStart);
            log.debug("SNS stand-in up after " + millisSince(started) + " ms");
            DynamoDbEngine dynamoDb = join(dynamoDbStart);
            log.debug("DynamoDB up after " + millisSince(started) + " ms");
            List<String> tables = dynamoDb == null ? List.of()
                    : createTables(dynamoDb, template.tables(), background);
            log.debug("tables created after " + millisSince(started) + " ms");
            join(warmUp.orTimeout(30, TimeUnit.SECONDS));
            log.debug("functions initialised after " + millisSince(started) + " ms");
            LocalStack stack = new LocalStack(options, template, server, gateway, lambda, dynamoDb, sns, scheduler,
                    faults, metrics, port);
            stack.banner(log, tables, Duration.ofNanos(System.nanoTime() - started),
                    options.environment().containsKey(JWT_SECRET) ? null : environment.get(JWT_SECRET));
            return stack;
        } catch (Exception | Error e) {
            for (AutoCloseable resource : opened) {
                try {
                    resource.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            closeWhenStarted(dynamoDbStart);
            if (snsStart != null) {
                closeWhenStarted(snsStart);
            }
            throw e;
        }
    }

    /** Where the functions reach the SNS stand-in: its own address, loopback when it listens on every one. */
    private static URI snsEndpoint(LocalOptions options, int snsPort) {
        return URI.create("http://" + BindAddress.urlHost(options.host(), "127.0.0.1") + ":" + snsPort);
    }

    /** The gateway's host in its URLs: localhost for loopback or every interface, else the address it binds. */
    private static String gatewayHost(LocalOptions options) {
        String host = options.host();
        return BindAddress.isWildcard(host) || host.equals(LocalOptions.DEFAULT_HOST) ? "localhost"
                : BindAddress.urlHost(host, "localhost");
    }

    /** What replaces the template's environment locally: endpoints, region, dummy credentials, auth off. */
    static Map<String, String> overrides(LocalOptions options, int port, String stage, URI snsEndpoint) {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("AWS_REGION", LocalNames.REGION);
        overrides.put("DYNAMODB_ENDPOINT", "http://" + BindAddress.urlHost(options.host(), "127.0.0.1") + ":"
                + options.dynamoDbPort());
        overrides.put("SNS_ENDPOINT", snsEndpoint.toString());
        overrides.put("CALLBACK_URL", "http://" + gatewayHost(options) + ":" + port + "/" + stage);
        if (!options.authFromTemplate()) {
            overrides.put("AUTH_MODE", "none");
        } else if (!options.environment().containsKey(JWT_SECRET)) {
            // The template names a Secrets Manager secret, which does not exist locally: the key must never be
            // fetched from AWS by a local run, so it gets one of its own, printed in the banner.
            overrides.put(JWT_SECRET, generatedSecret());
        }
        overrides.putAll(options.environment());
        return overrides;
    }

    static final String JWT_SECRET = "JWT_SECRET";

    private static String generatedSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    /** The SNS stand-in with the template's topics, printing one line per published event. */
    private static SnsStandIn startSns(LocalOptions options, ServerSocketChannel socket, LocalTemplate template,
            FaultInjector faults, ConsoleLog log) {
        SnsStandIn.Builder builder = SnsStandIn.builder().host(options.host()).channel(socket)
                .faults(faults.sns()).deliveryPolicy(options.snsDeliveryPolicy())
                .allowRemoteEndpoints(options.access().snsAllowRemoteEndpoints());
        SnsStandIn sns = builder.start();
        for (TopicDefinition topic : template.topics()) {
            sns.createTopic(topic.topicName());
        }
        sns.addListener(message -> log.info(message.summary()));
        return sns;
    }

    private static Server server(LocalOptions options, ServerSocketChannel socket, WebSocketGateway gateway,
            LocalLambda lambda, FaultInjector faults, LocalMetrics metrics, ConsoleLog log) throws IOException {
        int port = socket.socket().getLocalPort();
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(options.host());
        // No per-connection header cache: Jetty learns each new Authorization header (a new SigV4 signature on
        // every management API call) and soon drops it again, a tenth of the gateway's HTTP work in a fan-out.
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().setHeaderCacheSize(0);
        connector.open(socket);
        server.addConnector(connector);
        ServerWebSocketContainer container = ServerWebSocketContainer.ensure(server);
        gateway.configure(container);
        ManagementApiHandler.Signatures signatures = new ManagementApiHandler.Signatures(
                accessKeyId -> accessKeyId.equals(CLI_ACCESS_KEY_ID) ? Optional.of(CLI_SECRET_ACCESS_KEY)
                        : lambda.secretKey(accessKeyId),
                options.access().acceptAnySignature());
        ManagementApiHandler management = new ManagementApiHandler(gateway.stage(), gateway.connections(),
                call -> managementCall(call, lambda, log), signatures, faults);
        Handler upgrades = new HandshakeHandler(gateway, container,
                AllowedOrigins.of(port, options.host(), options.access().allowedOrigins()));
        String host = gatewayHost(options);
        String fallback = "wschat local stack\n\nWebSocket: ws://" + host + ":" + port + "\nManagement API: http://"
                + host + ":" + port + "/" + gateway.stage() + "/@connections/{connectionId}\n";
        server.setHandler(new HostCheckHandler(AllowedHosts.forBind(options.host()),
                new Handler.Sequence(management, upgrades, new MetricsPageHandler(metrics),
                        new StaticPageHandler(fallback))));
        server.setStopTimeout(2000);
        return server;
    }

    private static void managementCall(ManagementCall call, LocalLambda lambda, ConsoleLog log) {
        Optional<String> caller = lambda.recordCall(call.accessKeyId(), call.method(), call.status());
        boolean quiet = caller.isPresent() && !call.injected();
        if (quiet && !log.isVerbose()) {
            // A function's own call, in a broadcast of maybe thousands: the line would not be written.
            return;
        }
        String status = call.status() == ManagementCall.NO_ANSWER ? "no answer" : String.valueOf(call.status());
        String line = String.format("%-10s %s  %s%s  from %s%s", call.method(), call.connectionId(), status,
                call.bytes() > 0 ? "  " + call.bytes() + " bytes" : "",
                caller.orElse(call.accessKeyId() == null ? "an unsigned request" : "outside the stack"),
                call.injected() ? "  [injected " + call.fault() + "]" : "");
        if (quiet) {
            log.debug(line);
        } else {
            log.info(line);
        }
    }

    private static DynamoDbEngine startDynamoDb(LocalOptions options, ServerSocketChannel socket) {
        try {
            return DynamoDbEngine.builder().host(options.host()).channel(socket).dataDir(options.dataDir()).start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("DynamoDB did not start on port " + options.dynamoDbPort() + ": "
                    + e.getMessage(), e);
        }
    }

    private static List<String> createTables(DynamoDbEngine dynamoDb, List<TableDefinition> tables,
            Executor background) throws Exception {
        try (var client = dynamoDbClient(dynamoDb.endpoint())) {
            TableCreator creator = new TableCreator(client);
            List<CompletableFuture<String>> creating = tables.stream()
                    .map(table -> CompletableFuture.supplyAsync(() -> table.tableName()
                            + (creator.create(table) == TableCreator.Outcome.EXISTED ? " (kept)" : ""), background))
                    .toList();
            List<String> created = new ArrayList<>();
            for (CompletableFuture<String> table : creating) {
                created.add(join(table));
            }
            return created;
        }
    }

    private void banner(ConsoleLog log, List<String> tables, Duration startup, String generatedSecret) {
        String stage = template.api().stage();
        log.plain("");
        log.plain(String.format("wschat local stack ready in %.1f s  (%s, stage \"%s\")", startup.toMillis() / 1000.0,
                options.template(), stage));
        log.plain("  WebSocket       " + webSocketUri() + "   (also " + webSocketUri() + "/" + stage + ")");
        log.plain("  Management API  " + callbackUri() + "   (POST | GET | DELETE /@connections/{connectionId})");
        if (dynamoDb != null) {
            log.plain("  DynamoDB        " + dynamoDb.endpoint() + "   " + (options.dataDir() == null ? "in memory"
                    : "data in " + options.dataDir()) + (tables.isEmpty() ? "" : "; tables " + String.join(", ",
                    tables)));
        }
        log.plain("  SNS             " + sns.endpoint() + "   topics " + template.topics().stream()
                .map(TopicDefinition::topicName).collect(Collectors.joining(", ")) + "; live events at "
                + sns.endpoint() + "/events");
        log.plain("  Metrics         http://" + gatewayHost(options) + ":" + port + MetricsPageHandler.PATH
                + "   (the functions' CloudWatch metrics, added up; METRICS lines below)");
        log.plain("  Routes          " + template.api().routes().stream()
                .map(route -> route.routeKey() + " → " + route.functionLogicalId() + (route.twoWay() ? " (two-way)" : ""))
                .collect(Collectors.joining(", ")));
        log.plain(String.format("  Limits          frame 32 KB, message 128 KB, idle %s, max %s; auth %s",
                human(options.idleTimeout()), human(options.maxConnectionDuration()),
                options.authFromTemplate() ? "as in the template" : "off (AUTH_MODE=none)"));
        if (generatedSecret != null) {
            log.plain("  HS256 key       " + generatedSecret + "   (made for this run: JWT_SECRET=<it> for the token"
                    + " minter; --env JWT_SECRET=... to choose one)");
        }
        if (!options.faults().isEmpty()) {
            log.plain("  Faults          " + options.faults() + "   (seed " + faults.seed()
                    + "; injected faults are marked in the log)");
        }
        for (String warning : template.warnings()) {
            log.plain("  Note            " + warning);
        }
        if (template.api().route("$default").isEmpty()) {
            log.plain("  Note            no $default route: unmatched frames get {\"message\": \"Forbidden\"}");
        }
        List<String> exposure = NetworkExposure.warning(options.host(), port, stage,
                dynamoDb == null ? null : dynamoDb.port(), sns.endpoint().getPort());
        if (!exposure.isEmpty()) {
            log.plain("");
            exposure.forEach(log::warn);
            log.plain("");
        }
        log.plain("  Try             wscat -c " + webSocketUri() + "   then  {\"action\":\"sendmessage\",\"data\":\"hi\"}");
        log.plain("");
    }

    private static String human(Duration duration) {
        if (duration.toMillis() % 3_600_000 == 0) {
            return duration.toHours() + "h";
        }
        if (duration.toMillis() % 60_000 == 0) {
            return duration.toMinutes() + "m";
        }
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }

    public URI webSocketUri() {
        return URI.create("ws://" + gatewayHost(options) + ":" + port);
    }

    /** The management API base URL, the CALLBACK_URL the functions get. */
    public URI callbackUri() {
        return URI.create("http://" + gatewayHost(options) + ":" + port + "/" + template.api().stage());
    }

    public URI snsEndpoint() {
        return sns.endpoint();
    }

    public SnsStandIn sns() {
        return sns;
    }

    /** What the functions' metrics lines add up to so far; the page at {@value MetricsPageHandler#PATH} shows it. */
    public LocalMetrics metrics() {
        return metrics;
    }

    /** The fault injector: its plan can be replaced at run time ({@code stack.faults().set(...)}). */
    public FaultInjector faults() {
        return faults;
    }

    public Optional<URI> dynamoDbEndpoint() {
        return Optional.ofNullable(dynamoDb).map(DynamoDbEngine::endpoint);
    }

    public int port() {
        return port;
    }

    public LocalTemplate template() {
        return template;
    }

    /** The functions of the template, as the gateway invokes them. */
    public LocalLambda lambda() {
        return lambda;
    }

    public WebSocketGateway gateway() {
        return gateway;
    }

    public void addInvocationListener(InvocationListener listener) {
        gateway.addInvocationListener(listener);
    }

    /** The route that a route key resolves to, for tests and tooling. */
    public Optional<RouteDefinition> route(String routeKey) {
        return template.api().route(routeKey);
    }

    public void join() {
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("error stopping the gateway: " + e);
        }
        faults.close();
        lambda.close();
        sns.close();
        scheduler.shutdownNow();
        if (dynamoDb != null) {
            try {
                dynamoDb.close();
            } catch (Exception e) {
                System.err.println("error stopping DynamoDB: " + e);
            }
        }
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** A client for creating the template's tables; the engine takes any credentials. */
    private static DynamoDbClient dynamoDbClient(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(LocalNames.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static <T> T join(CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                    ? e.getCause().getCause() : e.getCause();
            if (cause instanceof TimeoutException) {
                throw new IllegalStateException("functions did not initialise within 30 s", cause);
            }
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw e;
        }
    }

    /** Closes what a failed start-up had begun to start, once (and if) it has started. */
    private static void closeWhenStarted(CompletableFuture<? extends AutoCloseable> starting) {
        starting.thenAccept(started -> {
            if (started == null) {
                return;
            }
            try {
                started.close();
            } catch (Exception e) {
                System.err.println("error stopping " + started.getClass().getSimpleName() + ": " + e);
            }
        });
    }
}
