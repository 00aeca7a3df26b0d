package io.wschat.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.tools.Percentiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakReportTest {

    private static SoakReport.Builder passing() {
        return SoakReport.builder(SoakOptions.defaults().withLoad(100, 4, 5, 2))
                .steady(Duration.ofSeconds(40))
                .connectionsOpened(141)
                .messagesSent(204)
                .deliveries(4919)
                .requiredDeliveries(4373)
                .latency(new Percentiles(4919, 110_000_000, 684_000_000, 1_033_000_000))
                .heapSamplesMb(List.of(60L, 62L, 60L));
    }

    private static String printed(SoakReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void builder_startsEveryCountAtZero_andTheListsAndLatencyEmpty() {
        SoakReport report = SoakReport.builder(SoakOptions.defaults()).build();

        assertThat(report.steady()).isZero();
        assertThat(report.connectFailures()).isZero();
        assertThat(report.losses()).isZero();
        assertThat(report.rowsLeft()).isZero();
        assertThat(report.orphanRows()).isZero();
        assertThat(report.latency()).isEqualTo(Percentiles.EMPTY);
        assertThat(report.heapSamplesMb()).isEmpty();
        assertThat(report.samples()).isEmpty();
        assertThat(report.violations()).containsExactly("nothing was sent or owed: the run tested nothing");
    }

    @Test
    void print_showsTheFigures_andPass_whenNothingWasWrong() {
        SoakReport report = passing().build();

        String text = printed(report);

        assertThat(report.passed()).isTrue();
        assertThat(text).contains("  connections, rooms             100 in 4 rooms (141 opened in all)\n");
        assertThat(text).contains("  messages sent                  204 (5.1/s)\n");
        assertThat(text).contains("  deliveries                     4919 received, 4373 owed\n");
        assertThat(text).contains("  latency p50 / p99 / max        110 / 684 / 1033 ms\n");
        assertThat(text).contains("  heap after GC first/last/max   60 / 60 / 62 MB (samples [60, 62, 60], growth"
                + " limit 64 MB)\n");
        assertThat(text).contains("  result                         PASS\n");
    }

    @Test
    void print_listsEachViolation_andTheFirstProblemsSeen() {
        SoakReport report = passing().losses(2).duplicates(1).rowsLeft(3)
                .samples(List.of("s7 never got soak s3 12")).build();

        String text = printed(report);

        assertThat(report.violations()).containsExactly(
                "2 deliveries lost (a member present throughout never got the message)",
                "1 duplicate deliveries",
                "3 connection rows left after everyone left");
        assertThat(text).contains("  result                         FAIL\n  - 2 deliveries lost");
        assertThat(text).contains("  first problems seen:\n    s7 never got soak s3 12\n");
    }

    @Test
    void print_showsMinusOne_forTheLatencyOfARunWithoutDeliveries() {
        String text = printed(SoakReport.builder(SoakOptions.defaults()).build());

        assertThat(text).contains("  latency p50 / p99 / max        -1 / -1 / -1 ms\n");
    }

    @Test
    void violations_includeHeapGrowthPastTheLimit() {
        SoakReport report = passing().heapSamplesMb(List.of(100L, 190L)).build();

        assertThat(report.heapGrowthLimitMb()).isEqualTo(64);
        assertThat(report.violations()).containsExactly("heap after collection grew from 100 MB to 190 MB (limit +64 MB)");
    }
}
