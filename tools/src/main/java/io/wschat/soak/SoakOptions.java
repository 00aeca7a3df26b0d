package io.wschat.soak;

import io.wschat.tools.CommandLine;
import io.wschat.tools.UsageException;
import java.nio.file.Path;
import java.time.Duration;

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
            throw new IllegalArgumentException("need at least 2 connections and 1 to connections rooms, got "
                    + connections + " connections in " + rooms + " rooms");
        }
        if (rate <= 0 || churn < 0 || inFlight < 1 || connectConcurrency < 1 || maxHeapGrowthMb < 0) {
            throw new IllegalArgumentException("rate must be positive, churn and max-heap-growth-mb not negative,"
                    + " in-flight and connect-concurrency at least 1");
        }
        if (!positive(duration) || !positive(deadline) || senderGap.isNegative() || !positive(sampleEvery)) {
            throw new IllegalArgumentException("duration, deadline and sample-every must be longer than zero,"
                    + " sender-gap not negative");
        }
    }

    /** The full soak of the reliability requirements: 1,000 connections in 10 rooms for 10 minutes. */
    public static SoakOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().connections(connections).rooms(rooms).duration(duration).rate(rate).churn(churn)
                .deadline(deadline).senderGap(senderGap).inFlight(inFlight).connectConcurrency(connectConcurrency)
                .sampleEvery(sampleEvery).maxHeapGrowthMb(maxHeapGrowthMb).template(template).stackLog(stackLog);
    }

    /** Parses {@code --flag value} and {@code --flag=value}; a value out of range is refused with its flag. */
    public static SoakOptions parse(String... args) {
        Builder options = builder();
        CommandLine line = new CommandLine(args);
        while (line.hasNext()) {
            switch (line.nextFlag()) {
                case "--connections" -> options.connections(line.intAtLeast(2));
                case "--rooms" -> options.rooms(line.intAtLeast(1));
                case "--duration" -> options.duration(line.positiveDuration());
                case "--rate" -> options.rate(line.positiveNumber());
                case "--churn" -> options.churn(line.nonNegativeNumber());
                case "--deadline" -> options.deadline(line.positiveDuration());
                case "--sender-gap" -> options.senderGap(line.nonNegativeDuration());
                case "--in-flight" -> options.inFlight(line.intAtLeast(1));
                case "--connect-concurrency" -> options.connectConcurrency(line.intAtLeast(1));
                case "--sample-every" -> options.sampleEvery(line.positiveDuration());
                case "--max-heap-growth-mb" -> options.maxHeapGrowthMb(line.longAtLeast(0));
                case "--template" -> options.template(line.path());
                case "--stack-log" -> options.stackLog(line.path());
                default -> throw line.unknownFlag();
            }
        }
        try {
            return options.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public SoakOptions withDuration(Duration value) {
        return toBuilder().duration(value).build();
    }

    public SoakOptions withSampleEvery(Duration value) {
        return toBuilder().sampleEvery(value).build();
    }

    public SoakOptions withTemplate(Path value) {
        return toBuilder().template(value).build();
    }

    public SoakOptions withStackLog(Path value) {
        return toBuilder().stackLog(value).build();
    }

    /** Connections, rooms, rate and churn together. */
    public SoakOptions withLoad(int connectionCount, int roomCount, double messagesPerSecond, double churnPerSecond) {
        return toBuilder().connections(connectionCount).rooms(roomCount).rate(messagesPerSecond)
                .churn(churnPerSecond).build();
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    /** Soak options by name, each starting at its default (see {@link #USAGE}). */
    public static final class Builder {

        private int connections = 1000;
        private int rooms = 10;
        private Duration duration = Duration.ofMinutes(10);
        private double rate = 2;
        private double churn = 1;
        private Duration deadline = Duration.ofSeconds(15);
        private Duration senderGap = Duration.ofSeconds(1);
        private int inFlight = 1;
        private int connectConcurrency = 8;
        private Duration sampleEvery = Duration.ofSeconds(60);
        private long maxHeapGrowthMb = 64;
        private Path template = Path.of("template.yaml");
        private Path stackLog;

        private Builder() {
        }

        public Builder connections(int value) {
            connections = value;
            return this;
        }

        public Builder rooms(int value) {
            rooms = value;
            return this;
        }

        public Builder duration(Duration value) {
            duration = value;
            return this;
        }

        public Builder rate(double value) {
            rate = value;
            return this;
        }

        public Builder churn(double value) {
            churn = value;
            return this;
        }

        public Builder deadline(Duration value) {
            deadline = value;
            return this;
        }

        public Builder senderGap(Duration value) {
            senderGap = value;
            return this;
        }

        public Builder inFlight(int value) {
            inFlight = value;
            return this;
        }

        public Builder connectConcurrency(int value) {
            connectConcurrency = value;
            return this;
        }

        public Builder sampleEvery(Duration value) {
            sampleEvery = value;
            return this;
        }

        public Builder maxHeapGrowthMb(long value) {
            maxHeapGrowthMb = value;
            return this;
        }

        public Builder template(Path value) {
            template = value;
            return this;
        }

        /** Where the stack's console lines go; null drops them. */
        public Builder stackLog(Path value) {
            stackLog = value;
            return this;
        }

        public SoakOptions build() {
            return new SoakOptions(connections, rooms, duration, rate, churn, deadline, senderGap, inFlight,
                    connectConcurrency, sampleEvery, maxHeapGrowthMb, template, stackLog);
        }
    }
}
