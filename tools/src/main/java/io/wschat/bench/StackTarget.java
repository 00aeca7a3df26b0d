package io.wschat.bench;

import io.wschat.local.AccessOptions;
import io.wschat.local.LocalOptions;
import io.wschat.local.LocalStack;
import io.wschat.local.lambda.InvocationResult;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The local stack (gateway, the template's functions, the DynamoDB engine, management API, SNS stand-in) on free ports,
 * with counters of every integration call for the report.
 */
public final class StackTarget implements AutoCloseable {

    private final LocalStack stack;
    private final Map<String, RouteStats> routes = new ConcurrentHashMap<>();
    private final AtomicLong disconnects = new AtomicLong();

    private StackTarget(LocalStack stack) {
        this.stack = stack;
    }

    /** Starts the stack from {@code template} on free ports, the functions seeing {@code environment} too. */
    public static StackTarget start(Path template, Map<String, String> environment, PrintStream out)
            throws Exception {
        LocalStack stack = LocalStack.start(LocalOptions.defaults()
                .withTemplate(template)
                .withPort(0)
                .withDynamoDbPort(0)
                .withSnsPort(0)
                .withEnvironment(environment)
                // The post-path benchmark signs with keys of its own, some of them by hand.
                .withAccess(AccessOptions.defaults().withAcceptAnySignature(true)), out);
        StackTarget target = new StackTarget(stack);
        stack.addInvocationListener(target::invoked);
        return target;
    }

    private void invoked(String routeKey, String functionLogicalId, String eventJson, InvocationResult result) {
        routes.computeIfAbsent(routeKey, key -> new RouteStats()).record(result);
        if ("$disconnect".equals(routeKey)) {
            disconnects.incrementAndGet();
        }
    }

    public LocalStack stack() {
        return stack;
    }

    public URI webSocketUri() {
        return stack.webSocketUri();
    }

    /** {@code $disconnect} invocations finished so far. */
    public long disconnects() {
        return disconnects.get();
    }

    /** Waits until {@code expected} {@code $disconnect} invocations have finished in all, up to {@code timeout}. */
    public boolean awaitDisconnects(long expected, Duration timeout) throws InterruptedException {
        return awaitAtLeast(disconnects::get, expected, timeout);
    }

    /**
     * Waits until route {@code routeKey} has finished {@code expected} invocations since its last reset, so a run's
     * backlog does not spill into the next measurement; false after {@code timeout}.
     */
    public boolean awaitInvocations(String routeKey, long expected, Duration timeout) throws InterruptedException {
        return awaitAtLeast(route(routeKey)::invocations, expected, timeout);
    }

    private static boolean awaitAtLeast(LongSupplier count, long expected, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.getAsLong() < expected) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Invocation counters of one route key, from the start or the last {@link RouteStats#reset()}. */
    public RouteStats route(String routeKey) {
        return routes.computeIfAbsent(routeKey, key -> new RouteStats());
    }

    @Override
    public void close() {
        stack.close();
    }


    /** Invocations of one route: count, failures, total duration, management API calls and their statuses. */
    public static final class RouteStats {

        private final LongAdder invocations = new LongAdder();
        private final LongAdder failures = new LongAdder();
        private final LongAdder durationMillis = new LongAdder();
        private final LongAdder posts = new LongAdder();
        private final LongAdder throttled = new LongAdder();

        void record(InvocationResult result) {
            invocations.increment();
            if (!result.isSuccess()) {
                failures.increment();
            }
            durationMillis.add(result.millis());
            posts.add(result.fanOut().total());
            throttled.add(result.fanOut().count("POST", 429));
        }

        public void reset() {
            invocations.reset();
            failures.reset();
            durationMillis.reset();
            posts.reset();
            throttled.reset();
        }

        public long invocations() {
            return invocations.sum();
        }

        public long failures() {
            return failures.sum();
        }

        public double meanMillis() {
            long count = invocations.sum();
            return count == 0 ? 0 : (double) durationMillis.sum() / count;
        }

        /** Management API calls made by these invocations. */
        public long managementCalls() {
            return posts.sum();
        }

        /** POSTs the management API answered with 429 (retried by the broadcaster). */
        public long throttledPosts() {
            return throttled.sum();
        }
    }
}
