package io.wschat.local.lambda;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How many invocations of one function run at once: at most {@code max}; the others wait for a slot, first come
 * first served, each up to its own deadline. No thread blocks while waiting.
 */
final class InstanceSlots {

    private final int max;
    private final ScheduledExecutorService timer;
    private final Deque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int inUse;

    InstanceSlots(int max, ScheduledExecutorService timer) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, was " + max);
        }
        this.max = max;
        this.timer = timer;
    }

    /**
     * A slot, granted now or when another invocation {@link #release() releases} one; fails with
     * {@link TimeoutException} when none is free within {@code maxWait}.
     */
    CompletableFuture<Void> acquire(Duration maxWait) {
        CompletableFuture<Void> slot = new CompletableFuture<>();
        synchronized (this) {
            if (inUse < max) {
                inUse++;
                slot.complete(null);
                return slot;
            }
            waiting.add(slot);
        }
        ScheduledFuture<?> expiry = timer.schedule(() -> {
            boolean expired;
            synchronized (this) {
                expired = waiting.remove(slot);
            }
            if (expired) {
                slot.completeExceptionally(new TimeoutException("no free instance within " + maxWait.toMillis()
                        + " ms"));
            }
        }, maxWait.toNanos(), TimeUnit.NANOSECONDS);
        slot.whenComplete((granted, failure) -> expiry.cancel(false));
        return slot;
    }

    /** Gives the slot to the longest waiting invocation, or frees it. */
    void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inUse--;
                return;
            }
        }
        next.complete(null);
    }

    int max() {
        return max;
    }

    synchronized int inUse() {
        return inUse;
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
