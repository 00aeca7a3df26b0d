package io.wschat.soak;

import io.wschat.tools.Percentiles;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one soak run and what was wrong with it; {@link #passed()} when nothing was. Built with
 * {@link #builder(SoakOptions)}: every count starts at zero, the latency empty, the heap samples and problem samples
 * empty.
 */
public final class SoakReport {

    private final SoakOptions options;
    private final Duration steady;
    private final int connectionsOpened;
    private final long connectFailures;
    private final long churnConnects;
    private final long churnDisconnects;
    private final long messagesSent;
    private final long deliveries;
    private final long requiredDeliveries;
    private final long losses;
    private final long duplicates;
    private final long late;
    private final long outOfOrder;
    private final long crossRoom;
    private final long echoes;
    private final long unexpectedFrames;
    private final long unexpectedCloses;
    private final long sendFailures;
    private final long refused;
    private final long notices;
    private final long rowsLeft;
    private final long orphanRows;
    private final Percentiles latency;
    private final List<Long> heapSamplesMb;
    private final List<String> samples;

    private SoakReport(Builder builder) {
        options = builder.options;
        steady = builder.steady;
        connectionsOpened = builder.connectionsOpened;
        connectFailures = builder.connectFailures;
        churnConnects = builder.churnConnects;
        churnDisconnects = builder.churnDisconnects;
        messagesSent = builder.messagesSent;
        deliveries = builder.deliveries;
        requiredDeliveries = builder.requiredDeliveries;
        losses = builder.losses;
        duplicates = builder.duplicates;
        late = builder.late;
        outOfOrder = builder.outOfOrder;
        crossRoom = builder.crossRoom;
        echoes = builder.echoes;
        unexpectedFrames = builder.unexpectedFrames;
        unexpectedCloses = builder.unexpectedCloses;
        sendFailures = builder.sendFailures;
        refused = builder.refused;
        notices = builder.notices;
        rowsLeft = builder.rowsLeft;
        orphanRows = builder.orphanRows;
        latency = builder.latency;
        heapSamplesMb = List.copyOf(builder.heapSamplesMb);
        samples = List.copyOf(builder.samples);
    }

    public static Builder builder(SoakOptions options) {
        return new Builder(options);
    }

    public SoakOptions options() {
        return options;
    }

    /** How long the steady phase lasted. */
    public Duration steady() {
        return steady;
    }

    public int connectionsOpened() {
        return connectionsOpened;
    }

    public long connectFailures() {
        return connectFailures;
    }

    public long churnConnects() {
        return churnConnects;
    }

    public long churnDisconnects() {
        return churnDisconnects;
    }

    public long messagesSent() {
        return messagesSent;
    }

    public long deliveries() {
        return deliveries;
    }

    public long requiredDeliveries() {
        return requiredDeliveries;
    }

    public long losses() {
        return losses;
    }

    public long duplicates() {
        return duplicates;
    }

    public long late() {
        return late;
    }

    public long outOfOrder() {
        return outOfOrder;
    }

    public long crossRoom() {
        return crossRoom;
    }

    public long echoes() {
        return echoes;
    }

    public long unexpectedFrames() {
        return unexpectedFrames;
    }

    public long unexpectedCloses() {
        return unexpectedCloses;
    }

    public long sendFailures() {
        return sendFailures;
    }

    public long refused() {
        return refused;
    }

    public long notices() {
        return notices;
    }

    /** connection rows left after every connection closed, of connections that were opened. */
    public long rowsLeft() {
        return rowsLeft;
    }

    /** rows left by a {@code $connect} that stored its row and then failed (timed out), which only the
     * table's TTL removes; already counted as failed connects. */
    public long orphanRows() {
        return orphanRows;
    }

    /** Delivery latency, send to arrival, over every delivery of a message still within its deadline. */
    public Percentiles latency() {
        return latency;
    }

    /** Heap used after a full collection, in MB, at each sample point of the steady phase. */
    public List<Long> heapSamplesMb() {
        return heapSamplesMb;
    }

    /** The first problems seen, in words. */
    public List<String> samples() {
        return samples;
    }

    public long heapFirstMb() {
        return heapSamplesMb.isEmpty() ? -1 : heapSamplesMb.get(0);
    }

    public long heapLastMb() {
        return heapSamplesMb.isEmpty() ? -1 : heapSamplesMb.get(heapSamplesMb.size() - 1);
    }

    public long heapMaxMb() {
        return heapSamplesMb.stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    /** The allowed growth of heap use from the first sample to the last. */
    public long heapGrowthLimitMb() {
        return Math.max(options.maxHeapGrowthMb(), heapFirstMb() / 4);
    }

    /** Every check that failed, in words; empty when the run passed. */
    public List<String> violations() {
        List<String> violations = new ArrayList<>();
        check(violations, connectFailures, "connections that could not be opened");
        check(violations, losses, "deliveries lost (a member present throughout never got the message)");
        check(violations, duplicates, "duplicate deliveries");
        check(violations, late, "deliveries after the deadline");
        check(violations, outOfOrder, "deliveries out of their sender's order");
        check(violations, crossRoom, "deliveries to another room");
        check(violations, echoes, "messages echoed to their sender");
        check(violations, unexpectedFrames, "unexpected frames (errors, unknown types)");
        check(violations, unexpectedCloses, "connections closed by the server");
        check(violations, sendFailures, "sends that failed");
        check(violations, refused, "messages the server refused with an error frame (not counted as losses)");
        check(violations, rowsLeft, "connection rows left after everyone left");
        if (messagesSent == 0 || requiredDeliveries == 0) {
            violations.add("nothing was sent or owed: the run tested nothing");
        }
        if (heapSamplesMb.size() >= 2 && heapLastMb() - heapFirstMb() > heapGrowthLimitMb()) {
            violations.add("heap after collection grew from " + heapFirstMb() + " MB to " + heapLastMb()
                    + " MB (limit +" + heapGrowthLimitMb() + " MB)");
        }
        return violations;
    }

    public boolean passed() {
        return violations().isEmpty();
    }

    private static void check(List<String> violations, long count, String what) {
        if (count > 0) {
            violations.add(count + " " + what);
        }
    }

    public void print(PrintStream out) {
        out.println();
        out.println("Soak summary");
        row(out, "connections, rooms", options.connections() + " in " + options.rooms() + " rooms ("
                + connectionsOpened + " opened in all)");
        row(out, "steady phase", human(steady) + " at " + options.rate() + " messages/s, churn " + options.churn()
                + "/s (" + churnConnects + " connects, " + churnDisconnects + " disconnects)");
        row(out, "messages sent", String.format("%d (%.1f/s)", messagesSent,
                messagesSent / Math.max(1.0, steady.toMillis() / 1000.0)));
        row(out, "deliveries", deliveries + " received, " + requiredDeliveries + " owed");
        row(out, "losses", String.valueOf(losses));
        row(out, "duplicates", String.valueOf(duplicates));
        row(out, "late", String.valueOf(late));
        row(out, "order violations", String.valueOf(outOfOrder));
        row(out, "other room / echoed", crossRoom + " / " + echoes);
        row(out, "unexpected frames / closes", unexpectedFrames + " / " + unexpectedCloses);
        row(out, "failed sends / connects", sendFailures + " / " + connectFailures);
        row(out, "messages refused (error frame)", String.valueOf(refused));
        row(out, "presence notices", String.valueOf(notices));
        row(out, "latency p50 / p99 / max", millis(latency.p50Nanos()) + " / " + millis(latency.p99Nanos()) + " / "
                + millis(latency.maxNanos()) + " ms");
        row(out, "connection rows left", rowsLeft + " (plus " + orphanRows + " of failed $connect calls)");
        row(out, "heap after GC first/last/max", heapFirstMb() + " / " + heapLastMb() + " / " + heapMaxMb()
                + " MB (samples " + heapSamplesMb + ", growth limit " + heapGrowthLimitMb() + " MB)");
        List<String> violations = violations();
        row(out, "result", violations.isEmpty() ? "PASS" : "FAIL");
        for (String violation : violations) {
            out.println("  - " + violation);
        }
        if (!samples.isEmpty()) {
            out.println("  first problems seen:");
            samples.forEach(sample -> out.println("    " + sample));
        }
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf("  %-30s %s%n", name, value);
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 ? String.format("%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }

    /** Whole milliseconds, or -1 without samples, as the summary has always printed them. */
    private long millis(long nanos) {
        return latency.count() == 0 ? -1 : nanos / 1_000_000;
    }

    /** The figures by name; each starts at zero (the latency and the lists empty). */
    public static final class Builder {

        private final SoakOptions options;
        private Duration steady = Duration.ZERO;
        private int connectionsOpened;
        private long connectFailures;
        private long churnConnects;
        private long churnDisconnects;
        private long messagesSent;
        private long deliveries;
        private long requiredDeliveries;
        private long losses;
        private long duplicates;
        private long late;
        private long outOfOrder;
        private long crossRoom;
        private long echoes;
        private long unexpectedFrames;
        private long unexpectedCloses;
        private long sendFailures;
        private long refused;
        private long notices;
        private long rowsLeft;
        private long orphanRows;
        private Percentiles latency = Percentiles.EMPTY;
        private List<Long> heapSamplesMb = List.of();
        private List<String> samples = List.of();

        private Builder(SoakOptions options) {
            this.options = options;
        }

        public Builder steady(Duration value) {
            steady = value;
            return this;
        }

        public Builder connectionsOpened(int value) {
            connectionsOpened = value;
            return this;
        }

        public Builder connectFailures(long value) {
            connectFailures = value;
            return this;
        }

        public Builder churnConnects(long value) {
            churnConnects = value;
            return this;
        }

        public Builder churnDisconnects(long value) {
            churnDisconnects = value;
            return this;
        }

        public Builder messagesSent(long value) {
            messagesSent = value;
            return this;
        }

        public Builder deliveries(long value) {
            deliveries = value;
            return this;
        }

        public Builder requiredDeliveries(long value) {
            requiredDeliveries = value;
            return this;
        }

        public Builder losses(long value) {
            losses = value;
            return this;
        }

        public Builder duplicates(long value) {
            duplicates = value;
            return this;
        }

        public Builder late(long value) {
            late = value;
            return this;
        }

        public Builder outOfOrder(long value) {
            outOfOrder = value;
            return this;
        }

        public Builder crossRoom(long value) {
            crossRoom = value;
            return this;
        }

        public Builder echoes(long value) {
            echoes = value;
            return this;
        }

        public Builder unexpectedFrames(long value) {
            unexpectedFrames = value;
            return this;
        }

        public Builder unexpectedCloses(long value) {
            unexpectedCloses = value;
            return this;
        }

        public Builder sendFailures(long value) {
            sendFailures = value;
            return this;
        }

        public Builder refused(long value) {
            refused = value;
            return this;
        }

        public Builder notices(long value) {
            notices = value;
            return this;
        }

        public Builder rowsLeft(long value) {
            rowsLeft = value;
            return this;
        }

        public Builder orphanRows(long value) {
            orphanRows = value;
            return this;
        }

        public Builder latency(Percentiles value) {
            latency = value;
            return this;
        }

        public Builder heapSamplesMb(List<Long> value) {
            heapSamplesMb = value;
            return this;
        }

        public Builder samples(List<String> value) {
            samples = value;
            return this;
        }

        public SoakReport build() {
            return new SoakReport(this);
        }
    }
}
