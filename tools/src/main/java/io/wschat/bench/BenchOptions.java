package io.wschat.bench;

import io.wschat.tools.CommandLine;
import io.wschat.tools.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run does: room sizes, messages per size, offered rates, cold-start repetitions, and the
 * environment given to the functions.
 *
 * @param sizes           room sizes (members, the sender included)
 * @param latencyMessages sequential messages measured per size (after warm-up)
 * @param rates           offered messages per second of the throughput run per size
 * @param throughputTime  how long each throughput run offers load
 * @param coldStartRuns   fresh JVMs per function and mode (plain, and primed with the SnapStart hooks); 0 skips
 *                        the cold-start section
 * @param budget          time for the fan-out part; a stack-side size that would not fit is skipped and said so
 * @param commandLine     the arguments as given, for the report
 */
public record BenchOptions(List<Integer> sizes, Map<Integer, Integer> latencyMessages, Map<Integer, Double> rates,
        Duration throughputTime, int connectInFlight, int coldStartRuns, Duration budget, boolean baseline,
        Path root, Path results, Map<String, String> environment, List<String> commandLine) {

    static final String USAGE = """
            Usage: ./run-bench [options]
              --sizes 10,100,1000,5000   room sizes to measure (default; --quick: 10,100)
              --messages N               latency messages per size (default 50/30/20/10 by size; each size's
                                         latency run also stops after 25 s)
              --rate R                   offered msg/s of every throughput run (default 100/100/2/0.5 by size)
              --duration 1s              how long each throughput run offers load (then it drains)
              --connect-in-flight 8      WebSocket handshakes in flight while a room connects
              --cold-start-runs 3        fresh JVMs per function for the cold-start tables, plain and as many
                                         primed (SnapStart hooks run first); 0 skips them
              --budget 210s              time for the fan-out part: a stack-side size whose connects would not
                                         fit (estimated from the connect rate so far) is skipped, and said so
              --no-baseline              skip the plain Jetty broadcast server
              --env NAME=VALUE           extra environment for the functions (repeatable), e.g.
                                         --env FANOUT_CONCURRENCY=64
              --quick                    sizes 10,100, 30 messages, 1 s throughput, 2 cold starts
              --results PATH             markdown copy of the tables (default tools/target/results.md)
            ./run-bench connect-ramp [options]
                                         members connecting to one room through ./run-local while messages
                                         flow, loss counted (./run-bench connect-ramp --help lists its options)
            ./run-bench post-paths [members] [in-flight]
                                         what one post costs by its path (SDK clients, bare HTTP, no HTTP),
                                         default 500 members, 64 in flight; see docs/PERFORMANCE.md
            ./run-bench dynamodb [calls]   what one DynamoDB call costs through the SDK on the project's engine,
                                         against a floor that does no work (default 3,000 calls per operation),
                                         and the engine's start-up (plain java -cp and ./run-dynamodb)
            ./run-bench dynamodb start-up   the engine's start-up alone
            JVM options for the harness (and so for the in-process stack) go in JAVA_OPTS, for example
              JAVA_OPTS=-Dhttp.maxConnections=64 ./run-bench --sizes 1000
            """;

    public static BenchOptions parse(String... args) {
        List<Integer> sizes = List.of(10, 100, 1000, 5000);
        Integer messages = null;
        Double rate = null;
        Duration duration = Duration.ofSeconds(1);
        int inFlight = 8;
        int coldStarts = 3;
        Duration budget = Duration.ofSeconds(210);
        boolean baseline = true;
        boolean quick = false;
        Path results = Path.of("tools/target/results.md");
        Map<String, String> environment = new LinkedHashMap<>();
        CommandLine line = new CommandLine(args);
        while (line.hasNext()) {
            String flag = line.nextFlag();
            switch (flag) {
                case "--sizes" -> sizes = parseSizes(line.value());
                case "--messages" -> messages = line.intAtLeast(1);
                case "--rate" -> rate = line.positiveNumber();
                case "--duration" -> duration = line.positiveDuration();
                case "--connect-in-flight" -> inFlight = line.intAtLeast(1);
                case "--cold-start-runs" -> coldStarts = line.intAtLeast(0);
                case "--budget" -> budget = line.positiveDuration();
                case "--no-baseline" -> {
                    line.noValue();
                    baseline = false;
                }
                case "--quick" -> {
                    line.noValue();
                    quick = true;
                }
                case "--results" -> results = line.path();
                case "--env" -> {
                    String pair = line.value();
                    int equals = pair.indexOf('=');
                    if (equals <= 0) {
                        throw new UsageException("--env expects NAME=VALUE, got " + pair);
                    }
                    environment.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
                default -> throw line.unknownFlag();
            }
        }
        if (quick) {
            sizes = sizes.equals(List.of(10, 100, 1000, 5000)) ? List.of(10, 100) : sizes;
            messages = messages == null ? 30 : messages;
            duration = Duration.ofSeconds(1);
            coldStarts = Math.min(coldStarts, 2);
        }
        Map<Integer, Integer> latencyMessages = new LinkedHashMap<>();
        Map<Integer, Double> rates = new LinkedHashMap<>();
        for (int size : sizes) {
            latencyMessages.put(size, messages != null ? messages : size <= 10 ? 50 : size <= 100 ? 30 : size <= 1000 ? 20 : 10);
            rates.put(size, rate != null ? rate : size <= 100 ? 100.0 : size <= 1000 ? 2.0 : 0.5);
        }
        return new BenchOptions(List.copyOf(sizes), latencyMessages, rates, duration, inFlight, coldStarts, budget,
                baseline, Path.of("").toAbsolutePath(), results, environment, List.of(args));
    }

    /**
     * Per-address limits out of the way: on one machine every anonymous client connects from the same loopback
     * address, which in AWS would be as many addresses as there are clients.
     */
    public static final Map<String, String> ONE_ADDRESS = Map.of("MAX_CONNECTIONS_PER_ADDRESS", "0",
            "ADDRESS_RATE_LIMIT_MESSAGES", "0", "ADDRESS_ROOM_CHANGE_LIMIT", "0");

    /**
     * The functions' environment: quiet logs, no rate limit in the way of the load (nor the per-address limits, since
     * every client connects from loopback, one address), and no joined/left notices (connecting a room would cost a
     * notice post per member already in it, see docs/PERFORMANCE.md); then the user's.
     */
    public Map<String, String> functionEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LOG_LEVEL", "WARN");
        env.put("RATE_LIMIT_MESSAGES", "1000000");
        env.putAll(ONE_ADDRESS);
        env.put("PRESENCE_NOTICE_MAX_MEMBERS", "1");
        env.putAll(environment);
        return env;
    }

    private static List<Integer> parseSizes(String text) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : text.split(",")) {
            sizes.add(CommandLine.intAtLeast("--sizes", part, 2));
        }
        return sizes;
    }
}
