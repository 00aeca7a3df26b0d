package io.wschat.bench;

import io.wschat.dynamodb.DynamoDbEngine;
import io.wschat.shared.BufferedBodyHttpClient;
import io.wschat.tools.CommandLine;
import io.wschat.tools.Markdown;
import io.wschat.tools.UsageException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * What one DynamoDB call costs through the real SDK client (the functions' URL-connection client, sending bodies
 * whole where the JVM allows it, as {@code ./run-bench} runs it: {@link BufferedBodyHttpClient}): the project's
 * engine against a floor measured in the same run, a Jetty server that answers each call with the engine's own
 * response bytes and does no work, so the difference is the engine. The calls are the functions' own: GetItem of a
 * connection, PutItem of a message, the rate-limit UpdateItem, and the room-index Query of a 1,000-member room.
 * Then the engine's start-up, in this JVM and in fresh ones, plain and through {@code ./run-dynamodb}.
 * {@code ./run-bench dynamodb [calls per op]}, or {@code ./run-bench dynamodb start-up} for the start-up alone.
 */
public final class DynamoDbCalls {

    private static final String TABLE = "bench-connections";
    private static final String MESSAGES = "bench-messages";
    private static final int ROOM = 1_000;
    private static final int ROUNDS = 10;
    private static final int WARM_STARTS = 9;
    private static final int FRESH_STARTS = 9;
    private static final Pattern READY = Pattern.compile("DynamoDB engine at \\S+ \\(started in (\\d+) ms\\)");

    private DynamoDbCalls() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1) {
            throw new UsageException("dynamodb takes at most [calls] or start-up, got " + args.length + " arguments");
        }
        PrintStream out = System.out;
        StringBuilder report = new StringBuilder();
        if (args.length > 0 && args[0].equals("start-up")) {
            report.append(startUp());
            out.print(report);
            write(report);
            return;
        }
        int calls = args.length > 0 ? CommandLine.intAtLeast("dynamodb calls", args[0], 1) : 3000;
        try (DynamoDbEngine engine = DynamoDbEngine.builder().port(0).start();
                DynamoDbClient client = client(engine.endpoint().toString())) {
            createTables(client);
            fill(client);
            Map<String, Consumer<DynamoDbClient>> operations = operations();
            Floor floor = Floor.start();
            try (DynamoDbClient floorClient = client("http://127.0.0.1:" + floor.port())) {
                for (Map.Entry<String, Consumer<DynamoDbClient>> operation : operations.entrySet()) {
                    floor.capture(engine, operation.getValue());
                }
                out.printf("warming up (%d calls per operation and target)...%n", calls / 2);
                for (Consumer<DynamoDbClient> operation : operations.values()) {
                    for (int i = 0; i < calls / 2; i++) {
                        operation.accept(client);
                        operation.accept(floorClient);
                    }
                }
                Map<String, List<Long>> engineNanos = new LinkedHashMap<>();
                Map<String, List<Long>> floorNanos = new LinkedHashMap<>();
                for (int round = 0; round < ROUNDS; round++) {
                    for (Map.Entry<String, Consumer<DynamoDbClient>> operation : operations.entrySet()) {
                        time(operation.getValue(), client, calls / ROUNDS,
                                engineNanos.computeIfAbsent(operation.getKey(), k -> new ArrayList<>()));
                        time(operation.getValue(), floorClient, calls / ROUNDS,
                                floorNanos.computeIfAbsent(operation.getKey(), k -> new ArrayList<>()));
                    }
                }
                report.append(String.format("%d sequential calls per operation through the SDK (URL-connection "
                        + "client, bodies %s), in %d interleaved rounds with the floor; load average %.1f, %d cores.%n%n",
                        calls, BufferedBodyHttpClient.appliesInThisJvm() ? "sent whole" : "streamed", ROUNDS, ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage(), Runtime.getRuntime().availableProcessors()));
                report.append(Markdown.tableHeader("call", "engine p50:", "engine p90:", "floor p50:", "floor p90:",
                        "engine − floor:"));
                for (String name : operations.keySet()) {
                    double p50 = quantile(engineNanos.get(name), 0.5);
                    double floorP50 = quantile(floorNanos.get(name), 0.5);
                    report.append(String.format("| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n", name, p50,
                            quantile(engineNanos.get(name), 0.9), floorP50, quantile(floorNanos.get(name), 0.9),
                            p50 - floorP50));
                }
            } finally {
                floor.stop();
            }
        }
        report.append("\n").append(startUp());
        out.println();
        out.print(report);
        write(report);
    }

    private static void write(StringBuilder report) throws java.io.IOException {
        Path results = Path.of("tools", "target", "dynamodb.md");
        Files.createDirectories(results.getParent());
        Files.writeString(results, report.toString());
        System.out.println("\nwritten to " + results);
    }

    private static Map<String, Consumer<DynamoDbClient>> operations() {
        Map<String, Consumer<DynamoDbClient>> operations = new LinkedHashMap<>();
        Map<String, AttributeValue> me = Map.of("connectionId", AttributeValue.fromS("me"));
        operations.put("GetItem (a connection)", client -> client.getItem(b -> b.tableName(TABLE).key(me)
                .consistentRead(true)));
        long[] sequence = {0};
        operations.put("PutItem (a message)", client -> client.putItem(b -> b.tableName(MESSAGES).item(Map.of(
                "room", AttributeValue.fromS("lobby"),
                "seq", AttributeValue.fromN(Long.toString(++sequence[0])),
                "from", AttributeValue.fromS("alice"), "data", AttributeValue.fromS("hello, room"),
                "expiresAt", AttributeValue.fromN("4102444800")))));
        operations.put("UpdateItem (rate limit)", client -> client.updateItem(b -> b.tableName(TABLE).key(me)
                .updateExpression("SET #count = if_not_exists(#count, :zero) + :one")
                .conditionExpression("attribute_exists(#id)")
                .expressionAttributeNames(Map.of("#count", "rlCount", "#id", "connectionId"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":zero",
                        AttributeValue.fromN("0")))
                .returnValues(ReturnValue.ALL_NEW)));
        QueryRequest room = QueryRequest.builder().tableName(TABLE).indexName("room-index")
                .keyConditionExpression("#k = :v")
                .filterExpression("attribute_not_exists(#expires) OR #expires > :now")
                .expressionAttributeNames(Map.of("#k", "room", "#id", "connectionId", "#expires", "expiresAt",
                        "#name", "name", "#user", "userId"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("big"), ":now",
                        AttributeValue.fromN("1700000000")))
                .projectionExpression("#id, #name, #user").build();
        operations.put("Query (1,000-member room)", client -> {
            int seen = client.query(room).count();
            if (seen != ROOM) {
                throw new IllegalStateException("the room query returned " + seen + " of " + ROOM);
            }
        });
        return operations;
    }

    private static void time(Consumer<DynamoDbClient> operation, DynamoDbClient client, int calls,
            List<Long> nanos) {
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            operation.accept(client);
            nanos.add(System.nanoTime() - started);
        }
    }

    private static double quantile(List<Long> nanos, double quantile) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1e6;
    }

    /**
     * Start-up: in this JVM (engine classes loaded), then fresh JVMs in turn, plain ({@code java -cp} with the
     * JDK's defaults) and through {@code ./run-dynamodb} (C1, serial collector, the class archive), each timed
     * from spawning the process to its ready line and by its own measure of {@code start()}.
     */
    private static String startUp() throws Exception {
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < WARM_STARTS; i++) {
            long started = System.nanoTime();
            DynamoDbEngine.builder().port(0).start().close();
            warm.add(System.nanoTime() - started);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> plain = List.of(java, "-cp", System.getProperty("java.class.path"), StartOnce.class.getName());
        List<String> launcher = List.of(Path.of("run-dynamodb").toAbsolutePath().toString(), "--port", "0");
        // An untimed first run: it builds the engine and records its class archive when they are out of date.
        spawn(launcher);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<Long> plainStart = new ArrayList<>();
        List<Long> plainSpawned = new ArrayList<>();
        List<Long> launcherStart = new ArrayList<>();
        List<Long> launcherSpawned = new ArrayList<>();
        for (int i = 0; i < FRESH_STARTS; i++) {
            long[] run = spawn(plain);
            plainSpawned.add(run[0]);
            plainStart.add(run[1]);
            run = spawn(launcher);
            launcherSpawned.add(run[0]);
            launcherStart.add(run[1]);
        }
        return String.format("Start-up, medians (load average %.1f at the first fresh JVM, %.1f at the last): %.1f ms "
                + "for start() in a JVM that has started the engine before (%d starts); in fresh JVMs, %d of each in "
                + "turn: plain `java -cp` %.0f ms for start(), %.0f ms from spawn to serving; `./run-dynamodb` %.0f ms "
                + "for start(), %.0f ms from spawn to serving.%n",
                load, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), quantile(warm, 0.5),
                WARM_STARTS, FRESH_STARTS, quantile(plainStart, 0.5), quantile(plainSpawned, 0.5),
                quantile(launcherStart, 0.5), quantile(launcherSpawned, 0.5));
    }

    /**
     * Spawns the command, waits for the engine's ready line ({@code start N} from {@link StartOnce}, or the
     * launcher's {@code DynamoDB engine at URL (started in N ms)}), stops the process, and returns spawn to ready
     * line and the start() the line reports, both in nanoseconds.
     */
    private static long[] spawn(List<String> command) throws Exception {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                long spawned = System.nanoTime() - started;
                if (line.startsWith("start ")) {
                    return new long[] {spawned, Long.parseLong(line.substring(6))};
                }
                Matcher ready = READY.matcher(line);
                if (ready.matches()) {
                    return new long[] {spawned, TimeUnit.MILLISECONDS.toNanos(Long.parseLong(ready.group(1)))};
                }
            }
            throw new IllegalStateException(String.join(" ", command) + " exited before the engine was ready");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A fresh JVM's first engine start, printed in ns as {@code start N}. */
    public static final class StartOnce {
        public static void main(String[] args) {
            long started = System.nanoTime();
            DynamoDbEngine engine = DynamoDbEngine.builder().port(0).start();
            long nanos = System.nanoTime() - started;
            System.out.println("start " + nanos);
            engine.close();
        }
    }

    private static void createTables(DynamoDbClient client) {
        client.createTable(b -> b.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(s("connectionId"), s("room"))
                .keySchema(k -> k.attributeName("connectionId").keyType(KeyType.HASH))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("room-index")
                        .keySchema(k -> k.attributeName("room").keyType(KeyType.HASH),
                                k -> k.attributeName("connectionId").keyType(KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes("name", "userId", "expiresAt").build()).build()));
        client.createTable(b -> b.tableName(MESSAGES).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(s("room"), software.amazon.awssdk.services.dynamodb.model.AttributeDefinition
                        .builder().attributeName("seq").attributeType(ScalarAttributeType.N).build())
                .keySchema(k -> k.attributeName("room").keyType(KeyType.HASH),
                        k -> k.attributeName("seq").keyType(KeyType.RANGE)));
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeDefinition s(String name) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeDefinition.builder().attributeName(name)
                .attributeType(ScalarAttributeType.S).build();
    }

    private static void fill(DynamoDbClient client) {
        client.putItem(b -> b.tableName(TABLE).item(Map.of("connectionId", AttributeValue.fromS("me"),
                "room", AttributeValue.fromS("lobby"), "name", AttributeValue.fromS("me"))));
        for (int i = 0; i < ROOM; i++) {
            String id = String.format("Zx%014dA=", i);
            client.putItem(b -> b.tableName(TABLE).item(Map.of("connectionId", AttributeValue.fromS(id),
                    "room", AttributeValue.fromS("big"), "name", AttributeValue.fromS("member" + id.hashCode()),
                    "userId", AttributeValue.fromS("user-" + id), "connectedAt", AttributeValue.fromN("1764633600000"),
                    "expiresAt", AttributeValue.fromN("4102444800"))));
        }
    }

    private static DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder().endpointOverride(java.net.URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(defaults -> BufferedBodyHttpClient.around(UrlConnectionHttpClient.create()))
                .build();
    }

    /** The floor: answers each call with the bytes the engine gave for it, doing no work of its own. */
    private static final class Floor {
        private final Server server;
        private final Map<String, String> byTarget = new HashMap<>();

        private Floor(Server server) {
            this.server = server;
        }

        static Floor start() throws Exception {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server, 1, 1);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            Floor floor = new Floor(server);
            server.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws Exception {
                    Content.Source.consumeAll(request);
                    String body = floor.byTarget.getOrDefault(request.getHeaders().get("X-Amz-Target"), "{}");
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-amz-json-1.0");
                    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                    return true;
                }
            });
            server.start();
            return floor;
        }

        int port() {
            return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        }

        /** Runs the call once against the engine through a recording client and keeps the response for the floor. */
        void capture(DynamoDbEngine engine, Consumer<DynamoDbClient> operation) {
            String[] seen = new String[2];
            try (DynamoDbClient recording = DynamoDbClient.builder().endpointOverride(engine.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("l", "l")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(new software.amazon.awssdk.core
                            .interceptor.ExecutionInterceptor() {
                        @Override
                        public void afterTransmission(software.amazon.awssdk.core.interceptor.Context
                                .AfterTransmission context, software.amazon.awssdk.core.interceptor
                                .ExecutionAttributes attributes) {
                            seen[0] = context.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                            try {
                                byte[] bytes = context.responseBody().orElseThrow().readAllBytes();
                                seen[1] = new String(bytes, StandardCharsets.UTF_8);
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }

                        @Override
                        public java.util.Optional<java.io.InputStream> modifyHttpResponseContent(
                                software.amazon.awssdk.core.interceptor.Context.ModifyHttpResponse context,
                                software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                            return java.util.Optional.of(new java.io.ByteArrayInputStream(
                                    seen[1].getBytes(StandardCharsets.UTF_8)));
                        }
                    })).build()) {
                operation.accept(recording);
            }
            byTarget.put(seen[0], seen[1]);
        }

        void stop() throws Exception {
            server.stop();
        }
    }
}
