package io.wschat.sns;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the stand-in retries a failed HTTP delivery: a few immediate retries, then retries with exponential
 * backoff from {@code minDelay} up to {@code maxDelay}, then it gives up. {@code requestTimeout} bounds
 * both connecting to the subscriber and waiting for its answer.
 */
public record DeliveryPolicy(
        int immediateRetries, int backoffRetries, Duration minDelay, Duration maxDelay, Duration requestTimeout) {

    public DeliveryPolicy {
        Objects.requireNonNull(minDelay, "minDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (immediateRetries < 0 || backoffRetries < 0) {
            throw new IllegalArgumentException("retry counts must not be negative");
        }
        if (minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= minDelay <= maxDelay");
        }
        if (requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
    }

    /**
     * Three immediate retries, then ten with backoff from 1 s to 60 s (about five minutes in all), 15 s per
     * request like SNS.
     */
    public static DeliveryPolicy defaults() {
        return new DeliveryPolicy(3, 10, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(15));
    }

    /** Total attempts per message, the first one included. */
    public int maxAttempts() {
        return 1 + immediateRetries + backoffRetries;
    }

    /** The wait before retry number {@code retry} (1-based), or empty when the policy gives up. */
    public Optional<Duration> delayBeforeRetry(int retry) {
        if (retry < 1 || retry > immediateRetries + backoffRetries) {
            return Optional.empty();
        }
        if (retry <= immediateRetries) {
            return Optional.of(Duration.ZERO);
        }
        int backoffStep = retry - immediateRetries - 1;
        long millis = minDelay.toMillis();
        for (int i = 0; i < backoffStep && millis < maxDelay.toMillis(); i++) {
            millis *= 2;
        }
        return Optional.of(Duration.ofMillis(Math.min(millis, maxDelay.toMillis())));
    }
}
