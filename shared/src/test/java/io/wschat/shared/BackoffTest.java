package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(5, Duration.ofMillis(100), Duration.ofMillis(1000));
    private final SplittableRandom random = new SplittableRandom(3);

    @Test
    void delayAfter_growsExponentially_withJitterInTheUpperHalf() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delayAfter(1, random).toMillis()).isBetween(50L, 100L);
            assertThat(backoff.delayAfter(2, random).toMillis()).isBetween(100L, 200L);
            assertThat(backoff.delayAfter(3, random).toMillis()).isBetween(200L, 400L);
        }
    }

    @Test
    void delayAfter_neverExceedsTheCap() {
        for (int attempt = 1; attempt < 100; attempt++) {
            assertThat(backoff.delayAfter(attempt, random)).isLessThanOrEqualTo(Duration.ofMillis(1000));
        }
    }

    @Test
    void constructor_rejectsNonPositiveAttempts() {
        assertThatThrownBy(() -> Backoff.of(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
