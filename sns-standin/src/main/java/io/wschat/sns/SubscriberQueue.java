package io.wschat.sns;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One subscription's deliveries, sent one at a time in publish order. A message is retried by the
 * delivery policy before the next one is sent, so a slow or dead subscriber only ever delays itself.
 * SNS standard topics do not promise order; keeping it here just makes local runs predictable.
 */
final class SubscriberQueue {

    private static final System.Logger LOG = System.getLogger(SubscriberQueue.class.getName());
    private static final int CAPACITY = 10_000;

    /** One message to send: the request is immutable, so every attempt reuses it. */
    record Delivery(String messageId, String messageType, HttpRequest request) {}

    private final String subscriptionArn;
    private final URI endpoint;
    private final HttpDelivery delivery;
    private final ArrayDeque<Delivery> pending = new ArrayDeque<>();
    private boolean sending;
    private boolean stopped;

    SubscriberQueue(String subscriptionArn, URI endpoint, HttpDelivery delivery) {
        this.subscriptionArn = subscriptionArn;
        this.endpoint = endpoint;
        this.delivery = delivery;
    }

    /** Queues a delivery and returns at once; sending happens on the delivery threads. */
    void offer(Delivery next) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (pending.size() >= CAPACITY) {
                Delivery dropped = pending.poll();
                LOG.log(Level.WARNING, "sns delivery dropped, queue full subscription={0} messageId={1}",
                        subscriptionArn, dropped.messageId());
            }
            pending.add(next);
            if (sending) {
                return;
            }
            sending = true;
        }
        schedule(this::sendNext, Duration.ZERO);
    }

    /** Drops what is queued and stops retrying; an attempt already on the wire still completes. */
    void stop() {
        synchronized (this) {
            stopped = true;
            pending.clear();
        }
    }

    private void sendNext() {
        Delivery next;
        synchronized (this) {
            next = stopped ? null : pending.poll();
            if (next == null) {
                sending = false;
                return;
            }
        }
        attempt(next, 1);
    }

    private void attempt(Delivery message, int attempt) {
        synchronized (this) {
            if (stopped) {
                sending = false;
                return;
            }
        }
        if (delivery.faults().failDelivery(subscriptionArn, endpoint)) {
            failed(message, attempt, "subscriber unreachable (injected fault)");
            return;
        }
        delivery.client()
                .sendAsync(message.request(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> {
                    if (error != null) {
                        failed(message, attempt, error.getClass().getSimpleName() + ": " + error.getMessage());
                    } else if (response.statusCode() / 100 == 2) {
                        LOG.log(Level.DEBUG, "sns delivered subscription={0} messageId={1} attempt={2}",
                                subscriptionArn, message.messageId(), attempt);
                        sendNext();
                    } else if (response.statusCode() / 100 == 4 && response.statusCode() != 429) {
                        // Like SNS: a client error other than throttling will not get better by retrying.
                        LOG.log(Level.WARNING, "sns delivery rejected subscription={0} messageId={1} status={2}",
                                subscriptionArn, message.messageId(), response.statusCode());
                        sendNext();
                    } else {
                        failed(message, attempt, "HTTP " + response.statusCode());
                    }
                });
    }

    private void failed(Delivery message, int attempt, String reason) {
        Optional<Duration> delay = delivery.policy().delayBeforeRetry(attempt);
        if (delay.isEmpty()) {
            LOG.log(Level.WARNING, "sns delivery gave up subscription={0} messageId={1} attempts={2} reason={3}",
                    subscriptionArn, message.messageId(), attempt, reason);
            schedule(this::sendNext, Duration.ZERO);
            return;
        }
        LOG.log(Level.DEBUG, "sns delivery failed, retrying subscription={0} messageId={1} attempt={2} in={3} reason={4}",
                subscriptionArn, message.messageId(), attempt, delay.get(), reason);
        schedule(() -> attempt(message, attempt + 1), delay.get());
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            delivery.timer().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The stand-in is closing: nothing more will be delivered.
            synchronized (this) {
                stopped = true;
                pending.clear();
                sending = false;
            }
        }
    }
}
