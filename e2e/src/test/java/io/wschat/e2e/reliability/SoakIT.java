package io.wschat.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.soak.Soak;
import io.wschat.soak.SoakOptions;
import io.wschat.soak.SoakReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The short soak that runs in every build: the runner behind {@code ./soak} with 100 connections in 4 rooms for 40
 * seconds, churn on. Every member gets every message of its room exactly once and in its sender's order, no row is
 * left, heap stays flat.
 */
class SoakIT {

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shortSoak_deliversEverythingExactlyOnce_leavesNoRows_andKeepsHeapFlat() throws Exception {
        SoakOptions options = SoakOptions.defaults()
                .withTemplate(Path.of("..", "template.yaml"))
                .withLoad(100, 4, 5, 2)
                .withDuration(Duration.ofSeconds(40))
                .withSampleEvery(Duration.ofSeconds(10))
                .withStackLog(Path.of("target", "soak-it-stack.log"));

        SoakReport report = Soak.run(options, System.out);
        report.print(System.out);

        assertThat(report.violations()).isEmpty();
        assertThat(report.messagesSent()).isGreaterThan(120);
        assertThat(report.requiredDeliveries()).isGreaterThan(report.messagesSent() * 10);
        assertThat(report.churnConnects()).isPositive();
        assertThat(report.churnDisconnects()).isPositive();
        assertThat(report.rowsLeft()).isZero();
    }
}
