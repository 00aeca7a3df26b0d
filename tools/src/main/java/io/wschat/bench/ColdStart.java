package io.wschat.bench;

import io.wschat.local.template.FunctionDefinition;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Cold starts of each function jar: a fresh JVM per run ({@link ColdStartDriver} on {@code <module>/target/<module>.jar}),
 * with the environment the function gets in the local stack, invoked with events
 * the local gateway built for real connections, timed from just before the process is spawned. Each run is done
 * twice per function: plain, and primed (the driver runs the handler's SnapStart hooks before the first invocation).
 */
final class ColdStart {

    /** JVM options close to the Lambda Java runtime's for a 1024 MB function. */
    static final List<String> LAMBDA_LIKE_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xshare:auto", "-Xmx870m");

    private static final Pattern LINE = Pattern.compile("COLDSTART initDone=(\\d+) firstStart=(\\d+) firstDone=(\\d+)"
            + " secondStart=(\\d+) secondDone=(\\d+) status=(\\S+)(?: beforeCheckpointStart=(\\d+)"
            + " beforeCheckpointDone=(\\d+) afterRestoreStart=(\\d+) afterRestoreDone=(\\d+) primingFailed=(\\S+))?");

    private final Path root;
    private final StackTarget stack;
    private final WebSocketClient client;
    private final Map<String, String> extraEnvironment;
    private final PrintStream out;

    /** {@code extraEnvironment} is what the benchmark gives every function on top of the template's. */
    ColdStart(Path root, StackTarget stack, WebSocketClient client, Map<String, String> extraEnvironment,
            PrintStream out) {
        this.root = root;
        this.stack = stack;
        this.client = client;
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        this.out = out;
    }

    /** Function name to shaded jar size in bytes, for every function module built. */
    static Map<String, Long> jarSizes(Path root) throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String module : List.of("connect", "disconnect", "message")) {
            Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
            if (Files.isRegularFile(jar)) {
                sizes.put(module, Files.size(jar));
            }
        }
        return sizes;
    }

    /** Plain results of every function measured, then primed ones; {@code runs} fresh JVMs per function and mode. */
    List<Result> measure(int runs) throws Exception {
        Events events = captureEvents();
        Path work = Files.createTempDirectory("wschat-coldstart");
        List<Result> results = new ArrayList<>();
        try {
            Map<Boolean, Map<String, List<Sample>>> samples = new LinkedHashMap<>();
            for (boolean primed : List.of(false, true)) {
                Map<String, List<Sample>> byModule = new LinkedHashMap<>();
                for (String module : List.of("connect", "disconnect", "message")) {
                    byModule.put(module, new ArrayList<>());
                }
                samples.put(primed, byModule);
            }
            // Plain and primed runs alternate, so that whatever else loads the machine weighs on both alike.
            for (int run = 0; run < runs; run++) {
                for (boolean primed : List.of(false, true)) {
                    String name = (primed ? "primed-" : "plain-") + run;
                    String fresh = "coldStart" + name.replace("-", "") + System.nanoTime() % 100_000 + "=";
                    Path connectEvent = write(work, "connect-" + name, events.connect.replace(events.connectId, fresh));
                    Path disconnectEvent = write(work, "disconnect-" + name,
                            events.disconnect.replace(events.disconnectId, fresh));
                    Path messageEvent = write(work, "message-" + name, events.message);
                    Map<String, List<Sample>> byModule = samples.get(primed);
                    addIfMeasured(byModule.get("connect"), spawn("connect", connectEvent, primed));
                    addIfMeasured(byModule.get("disconnect"), spawn("disconnect", disconnectEvent, primed));
                    addIfMeasured(byModule.get("message"), spawn("message", messageEvent, primed));
                }
            }
            samples.forEach((primed, byModule) -> byModule.forEach((module, list) -> {
                if (!list.isEmpty()) {
                    results.add(Result.of(module, primed, list));
                }
            }));
        } finally {
            try (Stream<Path> files = Files.list(work)) {
                files.forEach(file -> file.toFile().delete());
            }
            Files.deleteIfExists(work);
            events.room.close(Duration.ofSeconds(10));
        }
        return results;
    }

    private static void addIfMeasured(List<Sample> samples, Sample sample) {
        if (sample != null) {
            samples.add(sample);
        }
    }

    private static Path write(Path dir, String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name + ".json"), json);
    }

    private Sample spawn(String module, Path event, boolean primed) throws Exception {
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build with mvn -B package");
        }
        FunctionDefinition function = function(module);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_LIKE_JVM_OPTIONS);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, jar.toString(), driverClasspath()));
        command.add(ColdStartDriver.class.getName());
        command.add(function.logicalId());
        command.add(function.handler());
        command.add(String.valueOf(function.timeoutSeconds()));
        command.add(event.toString());
        if (primed) {
            command.add("primed");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        environment.clear();
        environment.put("PATH", path == null ? "/usr/bin:/bin" : path);
        environment.putAll(functionEnvironment(function));
        long spawned = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        DriverLine found = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
                DriverLine parsed = DriverLine.parse(line);
                if (parsed != null) {
                    found = parsed;
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        String mode = primed ? " primed" : "";
        if (found == null || primed != found.primed()) {
            out.println("  " + module + mode + " cold start printed no result (run left out):\n    "
                    + String.join("\n    ", output.subList(0, Math.min(output.size(), 12))));
            return null;
        }
        if (!found.status().startsWith("2")) {
            out.println("  " + module + mode + " first invocation answered " + found.status() + " (timing kept): "
                    + String.join(" | ", output.subList(0, Math.min(output.size(), 6))));
        }
        if (!found.primingFailed().isEmpty()) {
            out.println("  " + module + " priming steps failed " + found.primingFailed() + " (timing kept): "
                    + String.join(" | ", output.subList(0, Math.min(output.size(), 6))));
        }
        return found.sample(spawned);
    }

    /** The function's environment as the local stack gives it, with this stack's endpoints. */
    private Map<String, String> functionEnvironment(FunctionDefinition function) {
        Map<String, String> env = new LinkedHashMap<>(function.environment());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memorySizeMb()));
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "coldstart");
        env.put("AWS_SECRET_ACCESS_KEY", "coldstart-secret");
        stack.stack().dynamoDbEndpoint().ifPresent(uri -> env.put("DYNAMODB_ENDPOINT", uri.toString()));
        env.put("SNS_ENDPOINT", stack.stack().snsEndpoint().toString());
        env.put("CALLBACK_URL", stack.stack().callbackUri().toString());
        env.put("AUTH_MODE", "none");
        env.putAll(extraEnvironment);
        return env;
    }

    private FunctionDefinition function(String module) {
        String prefix = "io.wschat." + module + ".";
        return stack.stack().template().functions().values().stream()
                .filter(f -> f.handlerClass().startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no function in the template runs " + prefix + "*"));
    }

    /** The bench classes and the local runtime's, for the driver and its Lambda context. */
    private static String driverClasspath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName() == null ? "" : Path.of(entry).getFileName().toString();
            if (name.equals("tools.jar")
                    || name.equals("local.jar") || name.startsWith("local-")
                    || entry.endsWith("tools" + File.separator + "target" + File.separator + "classes")
                    || entry.endsWith("local" + File.separator + "target" + File.separator + "classes")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Events the gateway built for real connections: a $connect and $disconnect pair, and a sendmessage. */
    private Events captureEvents() throws Exception {
        List<String[]> seen = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean capturing = new java.util.concurrent.atomic.AtomicBoolean(true);
        stack.stack().addInvocationListener((routeKey, function, eventJson, result) -> {
            if (capturing.get()) {
                seen.add(new String[] {routeKey, eventJson});
            }
        });
        Room transient1 = Room.connect(client, stack.webSocketUri(), "coldstart-x", 1, 1, Duration.ofSeconds(30));
        long disconnects = stack.disconnects();
        transient1.close(Duration.ofSeconds(10));
        stack.awaitDisconnects(disconnects + 1, Duration.ofSeconds(30));
        Room room = Room.connect(client, stack.webSocketUri(), "coldstart", 3, 3, Duration.ofSeconds(30));
        DeliveryTracker run = new DeliveryTracker("coldstart", 3, 1);
        room.track(run);
        room.send(run, 0, 0);
        run.completion(0).get(10, TimeUnit.SECONDS);
        room.track(null);
        // The gateway reports an invocation when it returns, after the members already have the message.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen.stream().noneMatch(e -> e[0].equals("sendmessage")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        capturing.set(false);
        String connect = event(seen, "$connect", "coldstart-x");
        String disconnect = null;
        String connectId = connectionId(connect);
        for (String[] entry : seen) {
            if (entry[0].equals("$disconnect") && entry[1].contains(connectId)) {
                disconnect = entry[1];
            }
        }
        String message = event(seen, "sendmessage", "b:coldstart:");
        if (disconnect == null) {
            throw new IllegalStateException("no $disconnect event captured for " + connectId);
        }
        return new Events(connect, connectId, disconnect, connectId, message, room);
    }

    private static String event(List<String[]> seen, String routeKey, String containing) {
        for (String[] entry : seen) {
            if (entry[0].equals(routeKey) && entry[1].contains(containing)) {
                return entry[1];
            }
        }
        throw new IllegalStateException("no " + routeKey + " event captured");
    }

    private static String connectionId(String eventJson) {
        Matcher matcher = Pattern.compile("\"connectionId\"\\s*:\\s*\"([^\"]+)\"").matcher(eventJson);
        if (!matcher.find()) {
            throw new IllegalStateException("event without connectionId: " + eventJson);
        }
        return matcher.group(1);
    }

    private record Events(String connect, String connectId, String disconnect, String disconnectId, String message,
            Room room) {
    }

    /**
     * The {@code COLDSTART} line of {@link ColdStartDriver}: epoch microseconds of each step, the first response's
     * status, and, primed, when each hook started and ended and the priming steps that failed.
     *
     * @param beforeCheckpointStart -1 (as the other hook fields) when the run was not primed
     * @param primingFailed         the names of the failed priming steps; empty when none failed or not primed
     */
    record DriverLine(long initDone, long firstStart, long firstDone, long secondStart, long secondDone, String status,
            long beforeCheckpointStart, long beforeCheckpointDone, long afterRestoreStart, long afterRestoreDone,
            List<String> primingFailed) {

        /** The line's fields, or null when it is not a {@code COLDSTART} line. */
        static DriverLine parse(String line) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                return null;
            }
            boolean primed = m.group(7) != null;
            return new DriverLine(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), m.group(6),
                    primed ? Long.parseLong(m.group(7)) : -1, primed ? Long.parseLong(m.group(8)) : -1,
                    primed ? Long.parseLong(m.group(9)) : -1, primed ? Long.parseLong(m.group(10)) : -1,
                    !primed || m.group(11).equals("none") ? List.of() : List.of(m.group(11).split(",")));
        }

        boolean primed() {
            return beforeCheckpointStart >= 0;
        }

        /** The durations, for a process spawned at {@code spawnedMicros}. */
        Sample sample(long spawnedMicros) {
            return new Sample((firstDone - spawnedMicros) * 1000, (initDone - spawnedMicros) * 1000,
                    (firstDone - firstStart) * 1000, (secondDone - secondStart) * 1000,
                    primed() ? (beforeCheckpointDone - beforeCheckpointStart) * 1000 : -1,
                    primed() ? (afterRestoreDone - afterRestoreStart) * 1000 : -1, primingFailed);
        }
    }

    /**
     * One fresh JVM: spawn to first invocation done, spawn to handler constructed, first and second invoke, and,
     * primed, each hook (-1 when not primed; the total then includes both hooks) and the priming steps that failed.
     */
    record Sample(long totalNanos, long initNanos, long invokeNanos, long secondNanos, long beforeCheckpointNanos,
            long afterRestoreNanos, List<String> primingFailed) {
    }

    /**
     * Medians (and ranges) over the runs of one function in one mode; {@code beforeCheckpoint} and
     * {@code afterRestore} are null when not primed. {@code primingFailed}: failed step to the runs it failed in.
     */
    record Result(String function, boolean primed, int runs, Summary total, Summary init, Summary invoke,
            Summary second, Summary beforeCheckpoint, Summary afterRestore, Map<String, Integer> primingFailed) {

        static Result of(String function, boolean primed, List<Sample> samples) {
            Map<String, Integer> failed = new LinkedHashMap<>();
            samples.forEach(s -> s.primingFailed().forEach(step -> failed.merge(step, 1, Integer::sum)));
            return new Result(function, primed, samples.size(),
                    Summary.of(samples.stream().mapToLong(Sample::totalNanos).toArray()),
                    Summary.of(samples.stream().mapToLong(Sample::initNanos).toArray()),
                    Summary.of(samples.stream().mapToLong(Sample::invokeNanos).toArray()),
                    Summary.of(samples.stream().mapToLong(Sample::secondNanos).toArray()),
                    primed ? Summary.of(samples.stream().mapToLong(Sample::beforeCheckpointNanos).toArray()) : null,
                    primed ? Summary.of(samples.stream().mapToLong(Sample::afterRestoreNanos).toArray()) : null,
                    java.util.Collections.unmodifiableMap(failed));
        }
    }

    /** Median, min and max of a handful of timings. */
    record Summary(long medianNanos, long minNanos, long maxNanos) {

        static Summary of(long[] nanos) {
            long[] sorted = nanos.clone();
            java.util.Arrays.sort(sorted);
            int n = sorted.length;
            long median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Summary(median, sorted[0], sorted[n - 1]);
        }

        double p50Millis() {
            return medianNanos / 1e6;
        }

        String summary() {
            return String.format("%.0f ms (%.0f - %.0f)", medianNanos / 1e6, minNanos / 1e6, maxNanos / 1e6);
        }
    }
}
