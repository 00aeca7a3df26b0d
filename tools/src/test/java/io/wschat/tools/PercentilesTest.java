package io.wschat.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void of_usesNearestRank() {
        Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 200).toArray());

        assertThat(p.count()).isEqualTo(200);
        assertThat(p.p50Nanos()).isEqualTo(100);
        assertThat(p.p99Nanos()).isEqualTo(198);
        assertThat(p.maxNanos()).isEqualTo(200);
    }

    @Test
    void of_isEmpty_withoutSamples() {
        assertThat(Percentiles.of(new long[0])).isEqualTo(Percentiles.EMPTY);
        assertThat(Percentiles.EMPTY.summary()).isEqualTo("-");
    }
}
