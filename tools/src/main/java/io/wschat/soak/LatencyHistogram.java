package io.wschat.soak;

import java.util.concurrent.atomic.AtomicLongArray;

/** Delivery latencies in whole milliseconds up to two minutes, in fixed memory whatever the number of samples. */
final class LatencyHistogram {

    private static final int MAX_MILLIS = 120_000;

    private final AtomicLongArray counts = new AtomicLongArray(MAX_MILLIS + 1);

    void record(long nanos) {
        long millis = Math.max(0, nanos / 1_000_000);
        counts.incrementAndGet((int) Math.min(millis, MAX_MILLIS));
    }

    long count() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The smallest latency in ms that at least {@code fraction} of the samples do not exceed; -1 without samples. */
    long percentile(double fraction) {
        long total = count();
        if (total == 0) {
            return -1;
        }
        long wanted = (long) Math.ceil(total * fraction);
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= wanted && seen > 0) {
                return i;
            }
        }
        return MAX_MILLIS;
    }

    long max() {
        for (int i = counts.length() - 1; i >= 0; i--) {
            if (counts.get(i) > 0) {
                return i;
            }
        }
        return -1;
    }
}
