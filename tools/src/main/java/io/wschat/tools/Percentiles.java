package io.wschat.tools;

import java.util.Arrays;

/** p50, p99 and max of durations in nanoseconds, nearest rank: the latency figures of the benchmark and the soak. */
public record Percentiles(int count, long p50Nanos, long p99Nanos, long maxNanos) {

    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0);

    public static Percentiles of(long[] nanos) {
        if (nanos.length == 0) {
            return EMPTY;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    public double p50Millis() {
        return p50Nanos / 1e6;
    }

    public double p99Millis() {
        return p99Nanos / 1e6;
    }

    public double maxMillis() {
        return maxNanos / 1e6;
    }

    /** {@code p50 / p99 / max} in milliseconds. */
    public String summary() {
        return count == 0 ? "-" : String.format("%s / %s / %s", ms(p50Nanos), ms(p99Nanos), ms(maxNanos));
    }

    public static String ms(long nanos) {
        double millis = nanos / 1e6;
        return millis >= 100 ? String.format("%.0f", millis) : String.format("%.1f", millis);
    }
}
