package io.wschat.bench;

import io.wschat.local.gateway.Connection;
import io.wschat.shared.AwsClients;
import io.wschat.shared.BufferedBodyHttpClient;
import io.wschat.shared.ChatConfig;
import io.wschat.shared.ConnectionPoster;
import io.wschat.tools.CommandLine;
import io.wschat.tools.Markdown;
import io.wschat.tools.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * What one post costs by the path it takes: {@code ./run-bench post-paths [members] [concurrency]} connects
 * {@code members} WebSocket clients to the local stack and broadcasts one frame to all of them, over and over, by
 * each path in turn (rounds interleaved, so the machine's noise falls on every path alike):
 * <ul>
 * <li>{@code gateway send}: the gateway writes the frame itself, no HTTP: the floor;</li>
 * <li>{@code bare POST}: {@code HttpURLConnection} POSTs to the management API, no SDK, the body sent whole as
 *     the functions' client sends it;</li>
 * <li>{@code the functions' poster}: {@code PostToConnection} through the {@link ConnectionPoster} that
 *     {@link AwsClients} builds (the product's path: the SDK's SigV4 signer and URLConnection client);</li>
 * <li>{@code SDK client, UrlConnection}: the same call through the SDK's generated management API client on the
 *     same HTTP client (the functions' path before finding 18);</li>
 * <li>{@code SDK client, Apache}: the generated client on the SDK's Apache HTTP client.</li>
 * </ul>
 * Each round ends when every client has the frame. Prints, per path, the median round, posts per second, the
 * process CPU per post over all measured rounds, the time against the product's path and the CPU against a bare POST;
 * writes the table to tools/target/post-paths.md.
 */
public final class PostPaths {

    private static final String PAYLOAD = "{\"type\":\"message\",\"room\":\"p\",\"from\":\"m0\",\"userId\":\"m0\","
            + "\"data\":\"a chat message of ordinary length, with some words in it\","
            + "\"id\":\"01JDXP4N6Q6V4ZC2YV9V3W8K1B\",\"ts\":1764360000000}";
    private static final String BARE_POST = "bare POST (HttpURLConnection, no SDK)";
    private static final int WARM_UP_ROUNDS = 15;
    private static final int MEASURED_ROUNDS = 25;

    private final AtomicLong frames = new AtomicLong();

    PostPaths() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 2) {
            throw new UsageException("post-paths takes at most [members] [in-flight], got " + args.length
                    + " arguments");
        }
        int members = args.length > 0 ? CommandLine.intAtLeast("post-paths members", args[0], 1) : 500;
        int concurrency = args.length > 1 ? CommandLine.intAtLeast("post-paths in-flight", args[1], 1)
                : ChatConfig.DEFAULT_FANOUT_CONCURRENCY;
        String table = new PostPaths().run(Path.of("."), members, concurrency, System.out);
        Path results = Path.of("tools/target/post-paths.md");
        Files.createDirectories(results.getParent());
        Files.writeString(results, table);
        System.out.println("markdown: " + results);
        System.exit(0);
    }

    /** The rounds against the stack of {@code root}'s template.yaml; returns the markdown table. */
    String run(Path root, int members, int concurrency, PrintStream out) throws Exception {
        Path log = root.resolve("tools/target/stack.log");
        Files.createDirectories(log.getParent());
        try (PrintStream stackOut = new PrintStream(Files.newOutputStream(log), false, StandardCharsets.UTF_8);
                StackTarget stack = StackTarget.start(root.resolve("template.yaml"),
                        BenchOptions.parse().functionEnvironment(), stackOut)) {
            WebSocketClient client = new WebSocketClient();
            client.setIdleTimeout(Duration.ofMinutes(30));
            client.start();
            try {
                out.printf("connecting %d members...%n", members);
                for (int i = 0; i < members; i++) {
                    client.connect(new FrameCounter(frames), URI.create(stack.webSocketUri() + "?room=p&name=m" + i))
                            .get(30, TimeUnit.SECONDS);
                }
                List<Connection> connections = List.copyOf(stack.stack().gateway().connections().all());
                return measure(stack, connections, concurrency, out);
            } finally {
                client.stop();
            }
        }
    }

    private String measure(StackTarget stack, List<Connection> connections, int concurrency, PrintStream out)
            throws Exception {
        URI callback = stack.stack().callbackUri();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CONNECTIONS_TABLE", "unused");
        env.put("MESSAGES_TABLE", "unused");
        env.put("TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:unused");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "post-paths");
        env.put("AWS_SECRET_ACCESS_KEY", "post-paths");
        SdkBytes body = SdkBytes.fromUtf8String(PAYLOAD);
        byte[] bytes = PAYLOAD.getBytes(StandardCharsets.UTF_8);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("post-paths", "post-paths"));
        try (AwsClients clients = new AwsClients(ChatConfig.from(env));
                SdkHttpClient urlConnection = BufferedBodyHttpClient.around(UrlConnectionHttpClient.create());
                ApiGatewayManagementApiClient generated = ApiGatewayManagementApiClient.builder()
                        .httpClient(urlConnection)
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials)
                        .endpointOverride(callback)
                        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build();
                ApiGatewayManagementApiClient apache = ApiGatewayManagementApiClient.builder()
                        .httpClient(ApacheHttpClient.builder().maxConnections(concurrency).build())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(credentials)
                        .endpointOverride(callback)
                        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build()) {
            ConnectionPoster product = clients.connectionPoster(callback);
            Map<String, Consumer<Connection>> paths = new LinkedHashMap<>();
            paths.put("the functions' poster (SDK signer, UrlConnection)", c -> poster(product, c.id(), bytes));
            paths.put("SDK client, UrlConnection",
                    c -> generated.postToConnection(b -> b.connectionId(c.id()).data(body)));
            paths.put("SDK client, Apache HTTP client",
                    c -> apache.postToConnection(b -> b.connectionId(c.id()).data(body)));
            paths.put(BARE_POST, c -> barePost(callback, c.id()));
            paths.put("gateway send (no HTTP)", c -> c.send(PAYLOAD));
            Map<String, List<Double>> millis = new LinkedHashMap<>();
            Map<String, List<Double>> cpuMicros = new LinkedHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            try {
                out.printf("%d rounds per path (%d warm-up), %d posts in flight...%n",
                        WARM_UP_ROUNDS + MEASURED_ROUNDS, WARM_UP_ROUNDS, concurrency);
                for (int round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
                    for (Map.Entry<String, Consumer<Connection>> path : paths.entrySet()) {
                        double[] sample = round(connections, path.getValue(), pool, concurrency);
                        if (round >= WARM_UP_ROUNDS) {
                            millis.computeIfAbsent(path.getKey(), k -> new ArrayList<>()).add(sample[0]);
                            cpuMicros.computeIfAbsent(path.getKey(), k -> new ArrayList<>()).add(sample[1]);
                        }
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            String table = table(connections.size(), concurrency, millis, cpuMicros);
            out.print(table);
            return table;
        }
    }

    /** One broadcast by one path: wall time until every client has the frame, and process CPU per post. */
    private double[] round(List<Connection> connections, Consumer<Connection> post, ExecutorService pool,
            int concurrency) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long framesBefore = frames.get();
        long cpuBefore = os.getProcessCpuTime();
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < connections.size(); i = next.getAndIncrement()) {
                    post.accept(connections.get(i));
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (frames.get() - framesBefore < connections.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("frames missing after 30 s: "
                        + (connections.size() - (frames.get() - framesBefore)));
            }
            Thread.onSpinWait();
        }
        double wallMillis = (System.nanoTime() - started) / 1e6;
        double cpuPerPost = (os.getProcessCpuTime() - cpuBefore) / 1e3 / connections.size();
        return new double[] {wallMillis, cpuPerPost};
    }

    private static void poster(ConnectionPoster poster, String connectionId, byte[] bytes) {
        try {
            ConnectionPoster.Answer answer = poster.post(connectionId, bytes);
            if (!answer.delivered()) {
                throw new IllegalStateException("POST answered " + answer.describe());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void barePost(URI callback, String connectionId) {
        try {
            HttpURLConnection http = (HttpURLConnection) URI.create(callback + "/@connections/" + connectionId)
                    .toURL().openConnection();
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            // Started with --accept-any-signature, the local management API takes any well-formed SigV4 header.
            http.setRequestProperty("X-Amz-Date", "20260101T000000Z");
            http.setRequestProperty("Authorization", "AWS4-HMAC-SHA256 Credential=post-paths/20260101/us-east-1/"
                    + "execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64));
            byte[] bytes = PAYLOAD.getBytes(StandardCharsets.UTF_8);
            // Not streamed: as the functions' client sends it, without the JDK's probe of a reused connection
            // (BufferedBodyHttpClient; ./run-bench runs with -Dsun.net.http.retryPost=false).
            try (OutputStream body = http.getOutputStream()) {
                body.write(bytes);
            }
            int status = http.getResponseCode();
            try (InputStream response = status < 400 ? http.getInputStream() : http.getErrorStream()) {
                if (response != null) {
                    response.readAllBytes();
                }
            }
            if (status != 200) {
                throw new IllegalStateException("POST answered " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the text frames a client receives (public: Jetty calls it through method handles). */
    public static final class FrameCounter implements Session.Listener.AutoDemanding {

        private final AtomicLong frames;

        FrameCounter(AtomicLong frames) {
            this.frames = frames;
        }

        @Override
        public void onWebSocketText(String text) {
            frames.incrementAndGet();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // the stack closing under the clients at the end; a missing frame fails the round instead
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static String table(int members, int concurrency, Map<String, List<Double>> millis,
            Map<String, List<Double>> cpuMicros) {
        StringBuilder table = new StringBuilder();
        table.append(String.format("One broadcast to %d members, %d posts in flight; %d interleaved rounds per path "
                + "(after %d warm-up rounds): the median round, and CPU = the whole process (clients, gateway, "
                + "management API) per post over all of them (one round's CPU time is too coarse to count alone)."
                + "%n%n", members, concurrency, MEASURED_ROUNDS, WARM_UP_ROUNDS));
        table.append(Markdown.tableHeader("path", "broadcast ms:", "posts/s:", "CPU per post:",
                "time vs the functions' path:", "CPU vs a bare POST:"));
        double product = median(millis.values().iterator().next());
        double bare = mean(cpuMicros.get(BARE_POST));
        for (String path : millis.keySet()) {
            double median = median(millis.get(path));
            double cpu = mean(cpuMicros.get(path));
            table.append(String.format("| %s | %.0f | %.0f | %.0f µs | %.2f | %.2f |%n", path, median,
                    members / median * 1000, cpu, median / product, cpu / bare));
        }
        return table.toString();
    }
}
