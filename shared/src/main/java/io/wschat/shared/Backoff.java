package io.wschat.shared;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently a throttled or failed call is retried: exponential delays with "equal jitter"
 * (half the exponential delay plus a random part of the other half), so many recipients throttled at once do not
 * retry in lockstep.
 *
 * @param maxAttempts attempts in all, the first included; 1 means no retry
 * @param baseDelay   the delay before the second attempt, before jitter
 * @param maxDelay    the longest delay between two attempts
 */
public record Backoff(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public static final Duration DEFAULT_BASE_DELAY = Duration.ofMillis(25);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMillis(800);

    public Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be positive, was " + maxAttempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay, was " + baseDelay + ", " + maxDelay);
        }
    }

    /** {@code maxAttempts} attempts with the default delays. */
    public static Backoff of(int maxAttempts) {
        return new Backoff(maxAttempts, DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY);
    }

    /** The pause after failed attempt number {@code attempt} (1-based). */
    public Duration delayAfter(int attempt, RandomGenerator random) {
        long base = baseDelay.toMillis();
        long cap = maxDelay.toMillis();
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long exponential = Math.min(cap, base << shift);
        long half = exponential / 2;
        return Duration.ofMillis(half + (exponential - half == 0 ? 0 : random.nextLong(exponential - half + 1)));
    }
}
