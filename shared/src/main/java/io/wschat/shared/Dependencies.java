package io.wschat.shared;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The configuration and collaborators a handler needs, built once per function instance.
 *
 * <p>{@link #from(Map)} builds the SDK clients (once, through {@link AwsClients}) and the fan-out executor that every
 * broadcast of this instance reuses. {@link #close()} releases them; Lambda never calls it, the local runtime and
 * tests do.
 */
public final class Dependencies implements AutoCloseable {

    /** The metrics namespace when {@code METRICS_NAMESPACE} is not set (the template sets it per stack). */
    public static final String DEFAULT_NAMESPACE = "wschat";

    /** What a handler keeps of its invocation's time to answer after a broadcast has stopped. */
    static final Duration ANSWER_RESERVE = Duration.ofSeconds(1);

    private final ChatConfig config;
    private final Map<String, String> environment;
    private final ConnectionStore store;
    private final UserLimits limits;
    private final Metrics metrics;
    private final MessageStore messages;
    private final RoomNotices notices;
    private final BroadcasterFactory broadcasters;
    private final EventPublisher events;
    private final ChatProtocol protocol;
    private final ReseedableRandom random;
    private final Clock clock;
    private final Log log;
    private final Executor sideWork;
    private final Runnable release;

    private Dependencies(Map<String, String> environment, ChatConfig config, ConnectionStore store, UserLimits limits,
            Metrics metrics, MessageStore messages, BroadcasterFactory broadcasters, EventPublisher events, ReseedableRandom random,
            Clock clock, Log log, Executor sideWork, Runnable release) {
        this.environment = Objects.requireNonNull(environment, "environment").entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue() != null)
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.notices = new RoomNotices(store, config.presenceNoticeMaxMembers());
        this.broadcasters = Objects.requireNonNull(broadcasters, "broadcasters");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
        this.random = Objects.requireNonNull(random, "random");
        this.protocol = new ChatProtocol(config.maxTextLength(), new IdGenerator(clock, random), clock);
        this.sideWork = Objects.requireNonNull(sideWork, "sideWork");
        this.release = release;
    }

    /** For the Lambda runtime: reads the process environment. */
    public static Dependencies fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * For tests and the local runtime: reads the given variables instead of the process environment.
     *
     * @throws ConfigurationException naming the variable when the configuration is incomplete or invalid
     */
    public static Dependencies from(Map<String, String> env) {
        return from(env, System.out);
    }

    /**
     * Like {@link #from(Map)}, with logs and metrics written to {@code out} instead of standard output: the local
     * runtime reads the metrics from there.
     */
    public static Dependencies from(Map<String, String> env, PrintStream out) {
        ChatConfig config = ChatConfig.from(env);
        Clock clock = Clock.systemUTC();
        return assemble(env, config, new AwsClients(config), clock, new Log(config.logLevel(), out, clock), out);
    }

    /**
     * For priming: like {@link #from(Map)}, but every AWS call is answered in memory ({@link PrimingHttpClient}),
     * with placeholder credentials, so whatever runs on these dependencies reaches nothing outside the JVM.
     * Logs warnings and errors only, each marked {@code "priming": true}.
     */
    static Dependencies offline(Map<String, String> env) {
        Map<String, String> placeholders = new HashMap<>(env);
        placeholders.put("AWS_ACCESS_KEY_ID", "priming");
        placeholders.put("AWS_SECRET_ACCESS_KEY", "priming");
        placeholders.remove("AWS_SESSION_TOKEN");
        ChatConfig config = ChatConfig.from(placeholders);
        Clock clock = Clock.systemUTC();
        PrimingHttpClient http = new PrimingHttpClient();
        return assemble(placeholders, config, new AwsClients(config, http, http), clock,
                new Log(Log.Level.WARN, System.out, clock).with("priming", true),
                // Priming's synthetic requests are no traffic: their metrics go nowhere.
                new PrintStream(OutputStream.nullOutputStream()));
    }

    private static Dependencies assemble(Map<String, String> env, ChatConfig config, AwsClients clients, Clock clock,
            Log log, PrintStream metricsOut) {
        ReseedableRandom random = new ReseedableRandom();
        ExecutorService fanout = Executors.newFixedThreadPool(config.fanoutConcurrency(), daemonThreads("wschat-fanout-"));
        ExecutorService sideWork = Executors.newFixedThreadPool(2, daemonThreads("wschat-side-"));
        ConnectionStore store = new ConnectionStore(clients.dynamoDb(), config.connectionsTable());
        MessageStore messages = new MessageStore(clients.dynamoDb(), config.messagesTable());
        BroadcasterFactory broadcasters = (endpoint, requestLog) -> new Broadcaster(clients.connectionPoster(endpoint),
                store, fanout, config.fanoutConcurrency(), Backoff.of(config.postMaxAttempts()), random, requestLog,
                clock, config.goneGrace());
        EventPublisher events = new EventPublisher(clients.sns(), config.topicArn(), new IdGenerator(clock, random),
                clock, log);
        UserLimits limits = new UserLimits(clients.dynamoDb(), config.connectionsTable(), clock);
        String namespace = env.get("METRICS_NAMESPACE");
        Metrics metrics = new Metrics(namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace.strip(),
                metricsOut, clock);
        return new Dependencies(env, config, store, limits, metrics, messages, broadcasters, events, random, clock, log,
                sideWork,
                () -> {
                    fanout.shutdownNow();
                    sideWork.shutdownNow();
                    clients.close();
                });
    }

    public ChatConfig config() {
        return config;
    }

    /**
     * The variables this configuration was read from (null entries left out), for settings that only one
     * function reads, such as {@code AUTH_MODE}.
     */
    public Map<String, String> environment() {
        return environment;
    }

    public ConnectionStore store() {
        return store;
    }

    /** The limits per user across connections: open connections, actions, room changes. */
    public UserLimits limits() {
        return limits;
    }

    /** The metrics of this instance, written as CloudWatch Embedded Metric Format lines. */
    public Metrics metrics() {
        return metrics;
    }

    public MessageStore messages() {
        return messages;
    }

    /** Presence notices, limited to rooms of at most {@code PRESENCE_NOTICE_MAX_MEMBERS} connections. */
    public RoomNotices notices() {
        return notices;
    }

    public EventPublisher events() {
        return events;
    }

    public ChatProtocol protocol() {
        return protocol;
    }

    /**
     * The random source of this instance's ids, event ids, retry jitter and anything else a handler draws at
     * random (guest names); {@link #reseedRandom()} gives it new state.
     */
    public RandomGenerator random() {
        return random;
    }

    /**
     * Replaces the state of {@link #random()} with newly seeded state. Run after a SnapStart restore, so that
     * execution environments resumed from one snapshot do not draw the same ids.
     */
    public void reseedRandom() {
        random.reseed();
    }

    public Clock clock() {
        return clock;
    }

    public Log log() {
        return log;
    }

    public BroadcasterFactory broadcasters() {
        return broadcasters;
    }

    /**
     * Where a handler runs work that overlaps its main path (a read beside a write, the SNS publish beside a
     * broadcast) and that it waits for before returning: Lambda freezes the instance once the handler returns.
     */
    public Executor sideWork() {
        return sideWork;
    }

    /**
     * The broadcaster for the management endpoint this event's connection lives on, logging through {@code log}.
     *
     * @throws ConfigurationException when no endpoint can be derived (see {@link AwsClients#callbackEndpoint})
     */
    public Broadcaster broadcaster(APIGatewayV2WebSocketEvent.RequestContext context, Log log) {
        return broadcasters.forEndpoint(AwsClients.callbackEndpoint(config, context), log)
                .measuredBy(metrics, context.getRouteKey());
    }

    /**
     * Like {@link #broadcaster(APIGatewayV2WebSocketEvent.RequestContext, Log)}, but starting no post once the
     * invocation has less left than one post's timeout ({@code POST_TIMEOUT_MS}) and a second to answer, so a
     * broadcast ends before Lambda cuts the invocation off. Without a context (a caller outside Lambda), no deadline.
     */
    public Broadcaster broadcaster(APIGatewayV2WebSocketEvent.RequestContext request, Log log, Context invocation) {
        if (invocation == null) {
            return broadcaster(request, log);
        }
        Duration budget = Duration.ofMillis(invocation.getRemainingTimeInMillis())
                .minus(config.postTimeout())
                .minus(ANSWER_RESERVE);
        return broadcaster(request, log).until(budget);
    }

    @Override
    public void close() {
        release.run();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
