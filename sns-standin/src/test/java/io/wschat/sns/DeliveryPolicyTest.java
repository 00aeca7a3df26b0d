package io.wschat.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

    @Test
    void delayBeforeRetry_isImmediateThenDoublingUpToMaxThenGivesUp() {
        DeliveryPolicy policy = new DeliveryPolicy(2, 5, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(15));

        assertThat(policy.delayBeforeRetry(1)).contains(Duration.ZERO);
        assertThat(policy.delayBeforeRetry(2)).contains(Duration.ZERO);
        assertThat(policy.delayBeforeRetry(3)).contains(Duration.ofSeconds(1));
        assertThat(policy.delayBeforeRetry(4)).contains(Duration.ofSeconds(2));
        assertThat(policy.delayBeforeRetry(5)).contains(Duration.ofSeconds(4));
        assertThat(policy.delayBeforeRetry(6)).contains(Duration.ofSeconds(5));
        assertThat(policy.delayBeforeRetry(7)).contains(Duration.ofSeconds(5));
        assertThat(policy.delayBeforeRetry(8)).isEqualTo(Optional.empty());
        assertThat(policy.maxAttempts()).isEqualTo(8);
    }

    @Test
    void defaults_retryForMinutesNotForever() {
        DeliveryPolicy policy = DeliveryPolicy.defaults();
        Duration total = Duration.ZERO;
        for (int retry = 1; policy.delayBeforeRetry(retry).isPresent(); retry++) {
            total = total.plus(policy.delayBeforeRetry(retry).get());
        }
        assertThat(total).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(10));
    }

    @Test
    void rejects_maxDelayBelowMinDelay() {
        assertThatThrownBy(() -> new DeliveryPolicy(0, 1, Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
