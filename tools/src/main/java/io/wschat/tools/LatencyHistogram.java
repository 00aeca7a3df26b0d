package io.wschat.tools;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies counted in whole milliseconds up to two minutes, in fixed memory whatever the number of samples, for a
 * run too long to keep every sample (the soak); summed up as the same {@link Percentiles} as an array of samples.
 */
public final class LatencyHistogram {

    private static final int MAX_MILLIS = 120_000;
    private static final long NANOS_PER_MILLI = 1_000_000;

    private final AtomicLongArray counts = new AtomicLongArray(MAX_MILLIS + 1);

    /** Counts one latency, rounded down to the millisecond; a longer one than two minutes counts as two minutes. */
    public void record(long nanos) {
        long millis = Math.max(0, nanos / NANOS_PER_MILLI);
        counts.incrementAndGet((int) Math.min(millis, MAX_MILLIS));
    }

    /** p50, p99 and max by the nearest-rank method, each a whole number of milliseconds; empty without samples. */
    public Percentiles percentiles() {
        long[] snapshot = new long[counts.length()];
        long total = 0;
        for (int i = 0; i < snapshot.length; i++) {
            snapshot[i] = counts.get(i);
            total += snapshot[i];
        }
        if (total == 0) {
            return Percentiles.EMPTY;
        }
        return new Percentiles((int) Math.min(Integer.MAX_VALUE, total), rank(snapshot, total, 0.50),
                rank(snapshot, total, 0.99), rank(snapshot, total, 1.0));
    }

    /** The smallest latency that at least {@code quantile} of the samples do not exceed. */
    private static long rank(long[] snapshot, long total, double quantile) {
        long wanted = Math.max(1, (long) Math.ceil(total * quantile));
        long seen = 0;
        for (int millis = 0; millis < snapshot.length; millis++) {
            seen += snapshot[millis];
            if (seen >= wanted) {
                return millis * NANOS_PER_MILLI;
            }
        }
        return MAX_MILLIS * NANOS_PER_MILLI;
    }
}
