package io.wschat.bench;

import io.wschat.tools.Percentiles;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** The two measurements made on a connected room: sequential-send latency and open-loop throughput. */
public final class Runs {

    private static final AtomicInteger RUN_IDS = new AtomicInteger();

    private Runs() {
    }

    /**
     * Latency of one message at a time: member 0 sends, waits until every other member has it (or
     * {@code timeout}), then sends the next. The first {@code warmUp} messages are not counted; measuring stops
     * after {@code measured} messages or once {@code timeBox} has passed, whichever comes first.
     */
    public static LatencyResult latency(Room room, int warmUp, int measured, Duration timeout, Duration timeBox)
            throws InterruptedException {
        int total = warmUp + measured;
        DeliveryTracker run = new DeliveryTracker(nextRunId(), room.size(), total);
        room.track(run);
        long[] latencies = new long[measured];
        int complete = 0;
        int incomplete = 0;
        int sent = 0;
        long stopAt = System.nanoTime() + timeBox.toNanos();
        for (int seq = 0; seq < total; seq++) {
            if (seq > warmUp && System.nanoTime() > stopAt) {
                break;
            }
            room.send(run, seq, 0);
            sent++;
            try {
                run.completion(seq).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // counted below; the next message goes out anyway
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
            if (seq >= warmUp) {
                if (run.isComplete(seq)) {
                    latencies[complete++] = run.latencyNanos(seq);
                } else {
                    incomplete++;
                }
            }
        }
        int counted = Math.max(0, sent - warmUp);
        long expected = (long) counted * (room.size() - 1);
        long delivered = run.delivered(warmUp, sent);
        room.track(null);
        return new LatencyResult(Percentiles.of(java.util.Arrays.copyOf(latencies, complete)), counted, incomplete,
                expected - delivered, run.duplicates(), run.echoes());
    }

    /**
     * Open-loop throughput: {@code rate} messages per second for {@code duration}, sent on schedule whatever the
     * replies, round-robin from {@code senders} members; then up to {@code drain} for the last deliveries.
     */
    public static ThroughputResult throughput(Room room, double rate, Duration duration, int senders, Duration drain)
            throws InterruptedException {
        int messages = (int) Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        int from = Math.max(1, Math.min(senders, room.size() - 1));
        DeliveryTracker run = new DeliveryTracker(nextRunId(), room.size(), messages);
        room.track(run);
        long periodNanos = (long) (1e9 / rate);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long maxLag = 0;
        for (int seq = 0; seq < messages; seq++) {
            long due = start + seq * periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLag = Math.max(maxLag, System.nanoTime() - due);
            room.send(run, seq, seq % from);
        }
        long lastSent = System.nanoTime();
        long drainUntil = lastSent + drain.toNanos();
        for (int seq = 0; seq < messages; seq++) {
            long left = drainUntil - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                run.completion(seq).get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                break;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        long[] latencies = new long[messages];
        int complete = 0;
        long lastCompletion = start;
        for (int seq = 0; seq < messages; seq++) {
            if (run.isComplete(seq)) {
                latencies[complete++] = run.latencyNanos(seq);
                lastCompletion = Math.max(lastCompletion, run.lastArrival(seq));
            }
        }
        long expected = (long) messages * (room.size() - 1);
        long delivered = run.delivered(0, messages);
        room.track(null);
        double elapsedSeconds = (lastCompletion - run.sentAt(0)) / 1e9;
        double completedPerSecond = complete == 0 || elapsedSeconds <= 0 ? 0 : complete / elapsedSeconds;
        return new ThroughputResult(rate, messages, from, complete, completedPerSecond, expected, delivered,
                run.duplicates(), run.echoes(), Percentiles.of(java.util.Arrays.copyOf(latencies, complete)),
                Duration.ofNanos(maxLag));
    }

    private static String nextRunId() {
        return Long.toString(System.currentTimeMillis() % 100_000, 36) + RUN_IDS.incrementAndGet();
    }

    /** Sequential-send latency over {@code measured} messages. */
    public record LatencyResult(Percentiles latency, int measured, int incomplete, long lost, long duplicates,
            long echoes) {
    }

    /**
     * Open-loop throughput: offered rate, messages every member got ({@code complete}), the completion rate from
     * the first send to the last delivery, deliveries lost and duplicated, and latency under that load.
     */
    public record ThroughputResult(double offeredRate, int messages, int senders, int complete,
            double completedPerSecond, long expectedDeliveries, long deliveries, long duplicates, long echoes,
            Percentiles latency, Duration maxSendLag) {

        public long lost() {
            return expectedDeliveries - deliveries;
        }

        public boolean exactlyOnce() {
            return lost() == 0 && duplicates == 0 && echoes == 0;
        }
    }
}
