package io.wschat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static Report report() {
        Report report = new Report(BenchOptions.parse());
        report.coldStarts(List.of(
                ColdStart.Result.of("connect", false, List.of(
                        new ColdStart.Sample(4_000_000_000L, 2_000_000_000L, 1_900_000_000L, 80_000_000L, -1, -1,
                                List.of()))),
                ColdStart.Result.of("connect", true, List.of(
                        new ColdStart.Sample(5_000_000_000L, 2_100_000_000L, 45_000_000L, 30_000_000L,
                                2_800_000_000L, 1_000_000L, List.of("dynamodb")))),
                ColdStart.Result.of("message", false, List.of(
                        new ColdStart.Sample(5_000_000_000L, 2_200_000_000L, 2_400_000_000L, 120_000_000L, -1, -1,
                                List.of())))));
        report.jars(Map.of("connect", 10L * 1024 * 1024));
        return report;
    }

    @Test
    void coldStartText_keepsThePlainTable_andAddsThePrimedOneUnderIt() {
        String text = report().coldStartText();

        assertThat(text).contains("| function | jar | runs | spawn to first invocation done | init | first invoke"
                + " | second invoke |\n");
        assertThat(text).contains("| connect | 10.0 MB | 1 | 4000 ms (4000 - 4000) | 2000 ms (2000 - 2000)"
                + " | 1900 ms (1900 - 1900) | 80 ms (80 - 80) |\n");
        assertThat(text).contains("| function | runs | init | priming (beforeCheckpoint) | afterRestore"
                + " | first invoke after priming | second invoke | spawn to first invocation done |\n");
        assertThat(text).contains("| connect | 1 | 2100 ms (2100 - 2100) | 2800 ms (2800 - 2800) | 1 ms (1 - 1)"
                + " | 45 ms (45 - 45) | 30 ms (30 - 30) | 5000 ms (5000 - 5000) |\n");
        assertThat(text).contains("connect: priming step dynamodb failed in 1 of 1 runs");
        assertThat(text.indexOf("| message | - | 1 |")).isBetween(0, text.indexOf("Primed:"));
    }

    @Test
    void coldStartText_hasNoPrimedTable_withoutPrimedRuns() {
        Report report = new Report(BenchOptions.parse());
        report.coldStarts(List.of(ColdStart.Result.of("disconnect", false,
                List.of(new ColdStart.Sample(3_000_000_000L, 1_000_000_000L, 1_000_000_000L, 60_000_000L, -1, -1,
                        List.of())))));

        assertThat(report.coldStartText()).doesNotContain("Primed:").contains("| disconnect | - | 1 |");
    }

    @Test
    void goalsText_statesTheFreshJvmAndThePrimedFirstInvocation() {
        String goals = report().goalsText();

        assertThat(goals).contains("- connect: first invocation done 4000 ms after spawning a fresh JVM (goal < 1000)"
                + " **not met**; first invocation after priming 45 ms (goal < 1000) **met**, standing for a SnapStart"
                + " restore's first invocation minus the restore itself, which cannot be measured without CRaC\n");
        assertThat(goals).contains("- message: first invocation done 5000 ms after spawning a fresh JVM (goal < 1000)"
                + " **not met**\n");
    }
}
