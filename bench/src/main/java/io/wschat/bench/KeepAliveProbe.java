package io.wschat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does HttpURLConnection keep-alive reuse connections to the management API at {@code FANOUT_CONCURRENCY} posts in
 * flight? The JDK keeps at most {@code http.maxConnections} idle connections per destination (default 5), so each
 * setting runs in its own JVM (the property is read once): a 1,000-member room on the stack, sequential messages,
 * and the TCP connections closed meanwhile (TIME_WAIT entries involving the gateway port) per message.
 */
final class KeepAliveProbe {

    static final int SIZE = 1000;
    static final int MESSAGES = 30;

    private static final Pattern LINE = Pattern.compile("PROBE latency=(.+) connectionsPerMessage=(\\S+)");

    private KeepAliveProbe() {
    }

    /** One setting's outcome. */
    record Result(String setting, String latency, String connectionsPerMessage) {
    }

    static List<Result> compare(BenchOptions options, PrintStream out) throws Exception {
        List<Result> results = new ArrayList<>();
        for (String setting : List.of("5", "64")) {
            out.println("keep-alive probe: http.maxConnections=" + setting + " in a fresh JVM...");
            results.add(spawn(options, setting));
        }
        return results;
    }

    private static Result spawn(BenchOptions options, String maxConnections) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dhttp.maxConnections=" + maxConnections);
        String natives = System.getProperty("sqlite4java.library.path");
        if (natives != null) {
            command.add("-Dsqlite4java.library.path=" + natives);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KeepAliveProbe.class.getName());
        for (Map.Entry<String, String> entry : options.functionEnvironment().entrySet()) {
            command.add(entry.getKey() + "=" + entry.getValue());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        Matcher found = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
                Matcher matcher = LINE.matcher(line);
                if (matcher.find()) {
                    found = matcher;
                }
            }
        }
        process.waitFor(120, TimeUnit.SECONDS);
        if (found == null) {
            throw new IllegalStateException("keep-alive probe printed no result:\n" + String.join("\n", output));
        }
        return new Result(maxConnections + ("5".equals(maxConnections) ? " (JDK default)" : ""), found.group(1),
                found.group(2));
    }

    /** In the child JVM: arguments are the functions' environment as NAME=VALUE pairs. */
    public static void main(String[] args) throws Exception {
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        for (String pair : args) {
            int equals = pair.indexOf('=');
            environment.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        try (Bench.Clients clients = Bench.Clients.start();
                StackTarget stack = StackTarget.start(Path.of("template.yaml"), environment, discard)) {
            Room room = Room.connect(clients.client, stack.webSocketUri(), "keepalive", SIZE, 64,
                    Duration.ofSeconds(60));
            Runs.latency(room, 5, 5, Duration.ofSeconds(10));
            int port = stack.stack().port();
            long before = timeWait(port);
            Runs.LatencyResult result = Runs.latency(room, 0, MESSAGES, Duration.ofSeconds(10));
            long closed = timeWait(port) - before;
            System.out.printf("PROBE latency=%s connectionsPerMessage=%.1f%n", result.latency().summary(),
                    (double) closed / MESSAGES);
            System.out.flush();
        }
        System.exit(0);
    }

    /**
     * TCP connections in TIME_WAIT with {@code port} at either end: each is a connection closed within the last
     * minute, so the difference over a short run counts the connections opened and closed during it.
     */
    static long timeWait(int port) throws IOException {
        long count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 4 || !"06".equals(fields[3])) {
                    continue;
                }
                if (port(fields[1]) == port || port(fields[2]) == port) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int port(String address) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? -1 : Integer.parseInt(address.substring(colon + 1), 16);
    }
}
