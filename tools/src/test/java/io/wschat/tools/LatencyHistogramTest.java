package io.wschat.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentiles_matchTheNearestRankOfTheSamples_forWholeMilliseconds() {
        LatencyHistogram histogram = new LatencyHistogram();
        long[] nanos = LongStream.rangeClosed(1, 200).map(millis -> millis * 1_000_000).toArray();
        for (long sample : nanos) {
            histogram.record(sample);
        }

        assertThat(histogram.percentiles()).isEqualTo(Percentiles.of(nanos));
        assertThat(histogram.percentiles().summary()).isEqualTo("100 / 198 / 200");
    }

    @Test
    void record_roundsDownToTheMillisecond_andCapsAtTwoMinutes() {
        LatencyHistogram histogram = new LatencyHistogram();

        histogram.record(1_999_999);
        histogram.record(-5);
        histogram.record(600_000_000_000L);

        Percentiles percentiles = histogram.percentiles();
        assertThat(percentiles.count()).isEqualTo(3);
        assertThat(percentiles.p50Nanos()).isEqualTo(1_000_000);
        assertThat(percentiles.maxNanos()).isEqualTo(120_000_000_000L);
    }

    @Test
    void percentiles_areEmpty_withoutSamples() {
        assertThat(new LatencyHistogram().percentiles()).isEqualTo(Percentiles.EMPTY);
    }
}
