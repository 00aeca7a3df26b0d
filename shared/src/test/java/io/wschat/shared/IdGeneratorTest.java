package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

    private final IdGenerator ids = new IdGenerator(Clock.systemUTC(), new SplittableRandom(1));

    @Test
    void next_gives26CrockfordBase32Characters() {
        assertThat(ids.next()).matches("[0-9A-HJKMNP-TV-Z]{26}");
    }

    @Test
    void next_sortsByTime_acrossMilliseconds() {
        String earlier = ids.next(1_795_890_028_000L);
        String later = ids.next(1_795_890_028_001L);
        String muchLater = ids.next(2_795_890_028_000L);

        assertThat(earlier).isLessThan(later);
        assertThat(later).isLessThan(muchLater);
    }

    @Test
    void next_encodesTheMillisecondInTheFirstTenCharacters() {
        assertThat(ids.next(0L)).startsWith("0000000000");
        assertThat(ids.next(1_795_890_028_000L).substring(0, 10))
                .isEqualTo(ids.next(1_795_890_028_000L).substring(0, 10));
    }

    @Test
    void next_isUnique_withinOneMillisecond() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ids.next(1_795_890_028_000L))).isTrue();
        }
    }
}
