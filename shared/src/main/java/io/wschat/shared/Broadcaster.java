package io.wschat.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Posts frames to connections through one API Gateway management endpoint.
 *
 * <p>A broadcast runs at most {@code concurrency} posts at a time on a long-lived executor. Each recipient is
 * handled on its own: a post answered with 429 or 5xx is retried with {@link Backoff}; a 410 means the connection is
 * gone, so <em>that</em> connection's row is removed; any other failure, including a per-attempt timeout, counts the
 * recipient as failed without retrying (the frame may already have reached the client, and a hung endpoint would
 * otherwise spend the whole budget). No recipient's failure stops the others.
 *
 * <p>The {@link ConnectionPoster} makes one attempt per call, so the retry budget is this class's.
 *
 * <p>A broadcaster may have a {@linkplain #until deadline}, from the invocation's remaining time: after it, no post
 * and no retry starts, and the recipients not yet served count as failed, so a broadcast to a large room on a slow
 * endpoint ends inside the function's timeout instead of being cut off by it.
 */
public final class Broadcaster {

    private final ConnectionPoster poster;
    private final ConnectionStore store;
    private final ExecutorService executor;
    private final int concurrency;
    private final Backoff backoff;
    private final RandomGenerator jitter;
    private final Log log;
    private final Clock clock;
    private final Duration goneGrace;
    private final long deadlineNanos;
    private final boolean hasDeadline;
    private final Metrics metrics;
    private final String route;

    /** For tests: retry jitter from {@link ThreadLocalRandom}, and no grace for 410s (see the full constructor). */
    Broadcaster(ConnectionPoster poster, ConnectionStore store, ExecutorService executor,
            int concurrency, Backoff backoff, Log log) {
        this(poster, store, executor, concurrency, backoff, () -> ThreadLocalRandom.current().nextLong(), log,
                Clock.systemUTC(), Duration.ZERO);
    }

    /**
     * @param jitter    the random source of retry delays; a function instance restored from a snapshot must not share
     *                  it with its siblings (see {@link ReseedableRandom}), or their retries would stay in step
     * @param goneGrace a recipient answered 410 loses its row only when it connected longer ago than this (see
     *                  {@link ConnectionStore#deleteStale}); zero removes every such row
     */
    public Broadcaster(ConnectionPoster poster, ConnectionStore store, ExecutorService executor,
            int concurrency, Backoff backoff, RandomGenerator jitter, Log log, Clock clock, Duration goneGrace) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive, was " + concurrency);
        }
        this.poster = Objects.requireNonNull(poster, "poster");
        this.store = Objects.requireNonNull(store, "store");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.concurrency = concurrency;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.goneGrace = Objects.requireNonNull(goneGrace, "goneGrace");
        this.deadlineNanos = 0;
        this.hasDeadline = false;
        this.metrics = null;
        this.route = null;
    }

    private Broadcaster(Broadcaster base, long deadlineNanos, boolean hasDeadline, Metrics metrics, String route) {
        this.poster = base.poster;
        this.store = base.store;
        this.executor = base.executor;
        this.concurrency = base.concurrency;
        this.backoff = base.backoff;
        this.jitter = base.jitter;
        this.log = base.log;
        this.clock = base.clock;
        this.goneGrace = base.goneGrace;
        this.deadlineNanos = deadlineNanos;
        this.hasDeadline = hasDeadline;
        this.metrics = metrics;
        this.route = route;
    }

    /** This broadcaster, writing each broadcast's outcome to {@code metrics} under {@code route}. */
    public Broadcaster measuredBy(Metrics metrics, String route) {
        return new Broadcaster(this, deadlineNanos, hasDeadline, Objects.requireNonNull(metrics, "metrics"), route);
    }

    /**
     * This broadcaster, but starting no post or retry once {@code remaining} has passed (measured from now on
     * {@link System#nanoTime()}); a post already started still runs to its own timeout.
     */
    public Broadcaster until(Duration remaining) {
        return new Broadcaster(this, System.nanoTime() + Math.max(0, remaining.toNanos()), true, metrics, route);
    }

    private boolean pastDeadline() {
        return hasDeadline && System.nanoTime() - deadlineNanos >= 0;
    }

    /**
     * Posts {@code payload} to every recipient (duplicates are posted once) and waits until each has an outcome.
     * The caller leaves the sender out of {@code recipients}.
     */
    public BroadcastResult broadcast(Collection<String> recipients, String payload) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(recipients));
        if (ids.isEmpty()) {
            return new BroadcastResult(0, 0, List.of());
        }
        long started = System.nanoTime();
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        Delivery[] outcomes = new Delivery[ids.size()];
        AtomicInteger next = new AtomicInteger();
        // A fixed number of workers draining one shared index bounds the in-flight posts of this broadcast,
        // whatever the executor's size and however many broadcasts share it.
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(concurrency, ids.size()); w++) {
            workers.add(executor.submit(() -> {
                for (int i = next.getAndIncrement(); i < ids.size() && !pastDeadline(); i = next.getAndIncrement()) {
                    outcomes[i] = deliverSafely(ids.get(i), body);
                }
            }));
        }
        awaitAll(workers);
        long unattempted = Arrays.stream(outcomes).filter(Objects::isNull).count();
        if (unattempted > 0) {
            log.warn("broadcast stopped at the invocation's deadline", "recipients", ids.size(),
                    "notAttempted", unattempted);
        }
        int delivered = 0;
        int gone = 0;
        int throttled = 0;
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            Delivery outcome = outcomes[i] == null ? Delivery.FAILED : outcomes[i];
            switch (outcome) {
                case DELIVERED -> delivered++;
                case GONE -> gone++;
                case FAILED -> failed.add(ids.get(i));
                case THROTTLED -> {
                    failed.add(ids.get(i));
                    throttled++;
                }
            }
        }
        BroadcastResult result = new BroadcastResult(delivered, gone, failed, throttled);
        if (metrics != null) {
            metrics.broadcast(route, result, (System.nanoTime() - started) / 1_000_000);
        }
        return result;
    }

    /**
     * Posts {@code payload} to one connection, on the calling thread, with the same retry and 410 handling; an
     * unexpected exception counts as {@link Delivery#FAILED}, as in a broadcast.
     */
    public Delivery send(String connectionId, String payload) {
        return deliverSafely(connectionId, payload.getBytes(StandardCharsets.UTF_8));
    }

    private Delivery deliverSafely(String connectionId, byte[] body) {
        try {
            return deliver(connectionId, body);
        } catch (RuntimeException e) {
            // A defect while serving one recipient must not cost the others their message.
            log.error("post failed unexpectedly", e, "recipient", connectionId);
            return Delivery.FAILED;
        }
    }

    private Delivery deliver(String connectionId, byte[] body) {
        for (int attempt = 1; ; attempt++) {
            if (pastDeadline()) {
                log.warn("post abandoned: the invocation's deadline has passed", "recipient", connectionId,
                        "attempts", attempt - 1);
                return Delivery.FAILED;
            }
            ConnectionPoster.Answer answer;
            try {
                answer = poster.post(connectionId, body);
            } catch (IOException | SdkClientException e) {
                // no answer (refused, reset, timed out) or no signature (no credentials): the frame may have
                // reached the client, so it is not sent again
                log.warn("post failed", e, "recipient", connectionId, "attempts", attempt, "retryable", false);
                return Delivery.FAILED;
            }
            if (answer.delivered()) {
                log.debug("posted", "recipient", connectionId, "attempt", attempt);
                return Delivery.DELIVERED;
            }
            if (answer.gone()) {
                removeStale(connectionId);
                return Delivery.GONE;
            }
            if (!answer.retryable() || attempt >= backoff.maxAttempts()) {
                log.warn("post failed", "recipient", connectionId, "statusCode", answer.statusCode(),
                        "error", answer.describe(), "attempts", attempt, "retryable", answer.retryable());
                return answer.throttled() ? Delivery.THROTTLED : Delivery.FAILED;
            }
            log.debug("post will be retried", "recipient", connectionId, "statusCode", answer.statusCode(),
                    "attempt", attempt);
            try {
                Thread.sleep(backoff.delayAfter(attempt, jitter).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("post abandoned: interrupted", "recipient", connectionId, "attempts", attempt);
                return Delivery.FAILED;
            }
        }
    }

    private void removeStale(String connectionId) {
        try {
            ConnectionStore.StaleRemoval removal = store.deleteStale(connectionId, clock.instant().minus(goneGrace));
            if (removal == ConnectionStore.StaleRemoval.KEPT_RECENT) {
                log.info("gone connection kept: it may still be connecting", "recipient", connectionId);
            } else {
                log.info("removed stale connection", "recipient", connectionId,
                        "rowExisted", removal == ConnectionStore.StaleRemoval.DELETED);
            }
        } catch (ConnectionStoreException e) {
            log.warn("stale connection could not be removed", e, "recipient", connectionId);
        }
    }

    private void awaitAll(List<Future<?>> workers) {
        boolean interrupted = false;
        for (Future<?> worker : workers) {
            try {
                worker.get();
            } catch (InterruptedException e) {
                interrupted = true;
                workers.forEach(w -> w.cancel(true));
            } catch (ExecutionException e) {
                log.error("broadcast worker failed", e.getCause());
            } catch (CancellationException e) {
                // cancelled above after an interrupt; its unfinished recipients count as failed
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
