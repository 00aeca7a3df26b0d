package io.wschat.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** What a stack reports as it runs (console lines, invocations), kept in order for tests to wait on. */
final class Arrivals<T> {

    private final List<T> items = new ArrayList<>();

    synchronized void add(T item) {
        items.add(item);
        notifyAll();
    }

    synchronized List<T> all() {
        return List.copyOf(items);
    }

    synchronized long count(Predicate<? super T> matching) {
        return items.stream().filter(matching).count();
    }

    /**
     * The first item so far or within {@code timeout} that matches; otherwise an {@link AssertionError} whose message
     * {@code failure} makes from everything that did arrive.
     */
    synchronized T await(Predicate<? super T> matching, Duration timeout, Function<List<T>, String> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (T item : items) {
                if (matching.test(item)) {
                    return item;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(failure.apply(List.copyOf(items)));
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
