package io.wschat.soak;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one soak run and what was wrong with it; {@link #passed()} when nothing was.
 *
 * @param rowsLeft      connection rows left after every connection closed, of connections that were opened
 * @param orphanRows    rows left by a {@code $connect} that stored its row and then failed (timed out), which only
 *                      the table's TTL removes; already counted as failed connects
 * @param heapSamplesMb heap used after a full collection, in MB, at each sample point of the steady phase
 */
public record SoakReport(SoakOptions options, Duration steady, int connectionsOpened, long connectFailures,
        long churnConnects, long churnDisconnects, long messagesSent, long deliveries, long requiredDeliveries,
        long losses, long duplicates, long late, long outOfOrder, long crossRoom, long echoes, long unexpectedFrames,
        long unexpectedCloses, long sendFailures, long refused, long notices, long rowsLeft, long orphanRows, long p50Millis, long p99Millis,
        long maxMillis, List<Long> heapSamplesMb, List<String> samples) {

    public SoakReport {
        heapSamplesMb = List.copyOf(heapSamplesMb);
        samples = List.copyOf(samples);
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
        row(out, "latency p50 / p99 / max", p50Millis + " / " + p99Millis + " / " + maxMillis + " ms");
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
}
