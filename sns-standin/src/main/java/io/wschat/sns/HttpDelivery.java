package io.wschat.sns;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What every HTTP subscription's queue shares: one non-blocking HTTP client, one timer for retries, the
 * delivery policy and the fault hook. Sending never runs on the publisher's thread.
 */
final class HttpDelivery implements AutoCloseable {

    private final DeliveryPolicy policy;
    private final Supplier<Faults> faults;
    private final ExecutorService httpExecutor;
    private final ScheduledExecutorService timer;
    private final HttpClient client;

    HttpDelivery(DeliveryPolicy policy, Supplier<Faults> faults) {
        this.policy = policy;
        this.faults = faults;
        this.httpExecutor = Executors.newCachedThreadPool(daemonThreads("sns-delivery-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("sns-delivery-timer-"));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(policy.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpExecutor)
                .build();
    }

    /** A queue that delivers to one subscription's endpoint in order, retrying by the policy. */
    SubscriberQueue newQueue(String subscriptionArn, URI endpoint) {
        return new SubscriberQueue(subscriptionArn, endpoint, this);
    }

    DeliveryPolicy policy() {
        return policy;
    }

    Faults faults() {
        return faults.get();
    }

    HttpClient client() {
        return client;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        httpExecutor.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
            httpExecutor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
