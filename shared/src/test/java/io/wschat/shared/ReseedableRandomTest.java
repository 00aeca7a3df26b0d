package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReseedableRandomTest {

    private static final long SAME_MILLISECOND = 1_795_890_028_000L;

    /** Two execution environments resumed from one snapshot: the same generator state in both. */
    private static ReseedableRandom restoredFromSnapshot() {
        return new ReseedableRandom(new SplittableRandom(42), java.security.SecureRandom::new);
    }

    @Test
    void idsOfInstancesRestoredFromOneSnapshot_areEqual_withoutReseeding() {
        IdGenerator first = new IdGenerator(Clock.systemUTC(), restoredFromSnapshot());
        IdGenerator second = new IdGenerator(Clock.systemUTC(), restoredFromSnapshot());

        assertThat(first.next(SAME_MILLISECOND)).isEqualTo(second.next(SAME_MILLISECOND));
    }

    @Test
    void idsOfInstancesRestoredFromOneSnapshot_differ_afterReseeding() {
        ReseedableRandom firstRandom = restoredFromSnapshot();
        ReseedableRandom secondRandom = restoredFromSnapshot();
        IdGenerator first = new IdGenerator(Clock.systemUTC(), firstRandom);
        IdGenerator second = new IdGenerator(Clock.systemUTC(), secondRandom);

        firstRandom.reseed();
        secondRandom.reseed();

        assertThat(first.next(SAME_MILLISECOND)).isNotEqualTo(second.next(SAME_MILLISECOND));
    }

    @Test
    void reseed_replacesTheSequence() {
        ReseedableRandom random = restoredFromSnapshot();
        long fromSnapshot = new SplittableRandom(42).nextLong();

        random.reseed();

        assertThat(random.nextLong()).isNotEqualTo(fromSnapshot);
    }
}
