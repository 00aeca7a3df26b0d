package io.wschat.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * How a soak run loads the local stack: connections and rooms, how long, the overall message rate, the churn of
 * connects and disconnects, and the thresholds it checks.
 *
 * @param connections       connections kept open (churn replaces them one for one)
 * @param rooms             rooms the connections are spread over
 * @param duration          length of the steady phase, after every connection is open
 * @param rate              chat messages per second, all senders together
 * @param churn             connects plus disconnects per second (alternating, so the population stays steady)
 * @param deadline          how long a message may take to reach a member: a member present from the send until this
 *                          long after it must have received it exactly once
 * @param senderGap         shortest time between two messages of one connection
 * @param inFlight          messages of one connection that may be undelivered at once (1: a sender waits until its
 *                          previous message has reached its room before sending the next)
 * @param connectConcurrency handshakes in progress at once
 * @param sampleEvery       how often heap use (after a full collection) is sampled
 * @param maxHeapGrowthMb   the largest allowed growth of heap use after collection, first sample to last; the limit
 *                          is this or a quarter of the first sample, whichever is larger
 * @param template          the SAM template the stack runs
 * @param stackLog          where the stack's console lines go, or null to drop them
 */
public record SoakOptions(int connections, int rooms, Duration duration, double rate, double churn,
        Duration deadline, Duration senderGap, int inFlight, int connectConcurrency, Duration sampleEvery,
        long maxHeapGrowthMb, Path template, Path stackLog) {

    static final String USAGE = """
            Usage: ./soak [options]

              --connections N          connections kept open (default 1000)
              --rooms N                rooms they are spread over (default 10)
              --duration D             steady phase once all are open (default 10m; e.g. 45s, 10m)
              --rate R                 chat messages per second, all senders together (default 2)
              --churn C                connects + disconnects per second (default 1)
              --deadline D             time a message has to reach every member (default 15s)
              --sender-gap D           shortest gap between two messages of one connection (default 1s)
              --in-flight N            undelivered messages one connection may have (default 1)
              --connect-concurrency N  handshakes in progress at once (default 8)
              --sample-every D         heap sample interval (default 60s)
              --max-heap-growth-mb N   allowed heap growth, first to last sample (default 64, or 25 % if larger)
              --template FILE          SAM template (default template.yaml)
              --stack-log FILE         write the stack's console lines there (default: dropped)
              --help                   show this help
            """;

    public SoakOptions {
        if (connections < 2 || rooms < 1 || rooms > connections) {
            throw new IllegalArgumentException("need at least 2 connections and 1 to connections rooms");
        }
        if (rate <= 0 || churn < 0 || inFlight < 1 || connectConcurrency < 1) {
            throw new IllegalArgumentException("rate must be positive, churn not negative, in-flight and "
                    + "connect-concurrency at least 1");
        }
    }

    /** The full soak of the reliability requirements: 1,000 connections in 10 rooms for 10 minutes. */
    public static SoakOptions defaults() {
        return new SoakOptions(1000, 10, Duration.ofMinutes(10), 2, 1, Duration.ofSeconds(15), Duration.ofSeconds(1),
                1, 8, Duration.ofSeconds(60), 64, Path.of("template.yaml"), null);
    }

    /** Parses {@code --flag value} and {@code --flag=value}. */
    public static SoakOptions parse(String... args) {
        SoakOptions options = defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = null;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 0) {
                value = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new UsageException(null);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(flag + " needs a value");
                }
                value = args[++i];
            }
            try {
                options = options.with(flag, value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(flag + ": " + e.getMessage());
            }
        }
        return options;
    }

    private SoakOptions with(String flag, String value) {
        return switch (flag) {
            case "--connections" -> new SoakOptions(Integer.parseInt(value), rooms, duration, rate, churn, deadline,
                    senderGap, inFlight, connectConcurrency, sampleEvery, maxHeapGrowthMb, template, stackLog);
            case "--rooms" -> new SoakOptions(connections, Integer.parseInt(value), duration, rate, churn, deadline,
                    senderGap, inFlight, connectConcurrency, sampleEvery, maxHeapGrowthMb, template, stackLog);
            case "--duration" -> withDuration(duration(value));
            case "--rate" -> new SoakOptions(connections, rooms, duration, Double.parseDouble(value), churn, deadline,
                    senderGap, inFlight, connectConcurrency, sampleEvery, maxHeapGrowthMb, template, stackLog);
            case "--churn" -> new SoakOptions(connections, rooms, duration, rate, Double.parseDouble(value), deadline,
                    senderGap, inFlight, connectConcurrency, sampleEvery, maxHeapGrowthMb, template, stackLog);
            case "--deadline" -> new SoakOptions(connections, rooms, duration, rate, churn, duration(value),
                    senderGap, inFlight, connectConcurrency, sampleEvery, maxHeapGrowthMb, template, stackLog);
            case "--sender-gap" -> new SoakOptions(connections, rooms, duration, rate, churn, deadline,
                    duration(value), inFlight, connectConcurrency, sampleEvery, maxHeapGrowthMb, template, stackLog);
            case "--in-flight" -> new SoakOptions(connections, rooms, duration, rate, churn, deadline, senderGap,
                    Integer.parseInt(value), connectConcurrency, sampleEvery, maxHeapGrowthMb, template, stackLog);
            case "--connect-concurrency" -> new SoakOptions(connections, rooms, duration, rate, churn, deadline,
                    senderGap, inFlight, Integer.parseInt(value), sampleEvery, maxHeapGrowthMb, template, stackLog);
            case "--sample-every" -> withSampleEvery(duration(value));
            case "--max-heap-growth-mb" -> new SoakOptions(connections, rooms, duration, rate, churn, deadline,
                    senderGap, inFlight, connectConcurrency, sampleEvery, Long.parseLong(value), template, stackLog);
            case "--template" -> withTemplate(Path.of(value));
            case "--stack-log" -> new SoakOptions(connections, rooms, duration, rate, churn, deadline, senderGap,
                    inFlight, connectConcurrency, sampleEvery, maxHeapGrowthMb, template, Path.of(value));
            default -> throw new UsageException("unknown option " + flag);
        };
    }

    public SoakOptions withDuration(Duration value) {
        return new SoakOptions(connections, rooms, value, rate, churn, deadline, senderGap, inFlight,
                connectConcurrency, sampleEvery, maxHeapGrowthMb, template, stackLog);
    }

    public SoakOptions withSampleEvery(Duration value) {
        return new SoakOptions(connections, rooms, duration, rate, churn, deadline, senderGap, inFlight,
                connectConcurrency, value, maxHeapGrowthMb, template, stackLog);
    }

    public SoakOptions withTemplate(Path value) {
        return new SoakOptions(connections, rooms, duration, rate, churn, deadline, senderGap, inFlight,
                connectConcurrency, sampleEvery, maxHeapGrowthMb, value, stackLog);
    }

    public SoakOptions withStackLog(Path value) {
        return new SoakOptions(connections, rooms, duration, rate, churn, deadline, senderGap, inFlight,
                connectConcurrency, sampleEvery, maxHeapGrowthMb, template, value);
    }

    /** Connections, rooms, rate and churn together. */
    public SoakOptions withLoad(int connectionCount, int roomCount, double messagesPerSecond, double churnPerSecond) {
        return new SoakOptions(connectionCount, roomCount, duration, messagesPerSecond, churnPerSecond, deadline,
                senderGap, inFlight, connectConcurrency, sampleEvery, maxHeapGrowthMb, template, stackLog);
    }

    /** Reads 500ms, 45s, 10m, 1h, or a number of seconds. */
    static Duration duration(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        String number = text.substring(0, text.length() - 1);
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(Long.parseLong(number));
            case 'm' -> Duration.ofMinutes(Long.parseLong(number));
            case 'h' -> Duration.ofHours(Long.parseLong(number));
            default -> Duration.ofSeconds(Long.parseLong(text));
        };
    }

    /** A command line that cannot be understood; a null message asks for the help text alone. */
    public static final class UsageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
