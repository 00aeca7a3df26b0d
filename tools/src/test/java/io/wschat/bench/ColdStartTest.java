package io.wschat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.crac.Context;
import org.crac.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ColdStartTest {

    private static final String PLAIN = "COLDSTART initDone=1000 firstStart=1010 firstDone=1510 secondStart=1520"
            + " secondDone=1560 status=200";

    @ParameterizedTest(name = "{0}")
    @MethodSource("driverLines")
    void parse_readsTheTimings(String kind, String text, boolean primed, ColdStart.Sample sample) {
        ColdStart.DriverLine line = ColdStart.DriverLine.parse(text);

        assertThat(line.primed()).isEqualTo(primed);
        assertThat(line.status()).isEqualTo("200");
        assertThat(line.primingFailed()).isEmpty();
        assertThat(line.sample(400)).isEqualTo(sample);
    }

    static Stream<Arguments> driverLines() {
        return Stream.of(
                arguments("a plain line", PLAIN, false,
                        new ColdStart.Sample(1_110_000, 600_000, 500_000, 40_000, -1, -1, List.of())),
                arguments("the hooks of a primed line", "COLDSTART initDone=1000 firstStart=1900"
                        + " firstDone=1950 secondStart=1960 secondDone=1990 status=200 beforeCheckpointStart=1001"
                        + " beforeCheckpointDone=1801 afterRestoreStart=1802 afterRestoreDone=1805 primingFailed=none",
                        true, new ColdStart.Sample(1_550_000, 600_000, 50_000, 30_000, 800_000, 3_000, List.of())));
    }

    @Test
    void parse_namesTheFailedPrimingSteps() {
        ColdStart.DriverLine line = ColdStart.DriverLine.parse(PLAIN + " beforeCheckpointStart=1 beforeCheckpointDone=2"
                + " afterRestoreStart=3 afterRestoreDone=4 primingFailed=dynamodb,handler");

        assertThat(line.primingFailed()).containsExactly("dynamodb", "handler");
        assertThat(line.sample(0).primingFailed()).containsExactly("dynamodb", "handler");
    }

    @Test
    void parse_ignoresOtherLines() {
        assertThat(ColdStart.DriverLine.parse("{\"level\":\"WARN\",\"msg\":\"priming step failed\"}")).isNull();
        assertThat(ColdStart.DriverLine.parse("COLDSTART initDone=1")).isNull();
    }

    @Test
    void runHooks_runsBeforeCheckpointThenAfterRestore_andPrintsWhatTheParserReads() throws Exception {
        PrimedHandler handler = new PrimedHandler();

        String hooks = ColdStartDriver.runHooks(handler, getClass().getClassLoader());

        assertThat(handler.priming.calls).containsExactly("beforeCheckpoint", "afterRestore");
        ColdStart.DriverLine line = ColdStart.DriverLine.parse(PLAIN + hooks);
        assertThat(line.primed()).isTrue();
        assertThat(line.primingFailed()).containsExactly("handler", "reseed");
        assertThat(line.beforeCheckpointDone()).isBetween(line.beforeCheckpointStart(), line.afterRestoreStart());
        assertThat(line.afterRestoreDone()).isGreaterThanOrEqualTo(line.afterRestoreStart());
    }

    @Test
    void result_summarisesPrimedRuns_andCountsFailedStepsPerRun() {
        List<ColdStart.Sample> samples = List.of(
                new ColdStart.Sample(3_000_000, 1_000_000, 30_000, 10_000, 1_900_000, 1_000, List.of("handler")),
                new ColdStart.Sample(5_000_000, 2_000_000, 50_000, 20_000, 2_900_000, 3_000, List.of()),
                new ColdStart.Sample(4_000_000, 1_500_000, 40_000, 30_000, 2_400_000, 2_000, List.of("handler")));

        ColdStart.Result result = ColdStart.Result.of("message", true, samples);

        assertThat(result.primed()).isTrue();
        assertThat(result.runs()).isEqualTo(3);
        assertThat(result.beforeCheckpoint()).isEqualTo(new ColdStart.Summary(2_400_000, 1_900_000, 2_900_000));
        assertThat(result.afterRestore()).isEqualTo(new ColdStart.Summary(2_000, 1_000, 3_000));
        assertThat(result.invoke()).isEqualTo(new ColdStart.Summary(40_000, 30_000, 50_000));
        assertThat(result.primingFailed()).isEqualTo(Map.of("handler", 2));
    }

    @Test
    void result_ofPlainRuns_hasNoHookFigures() {
        ColdStart.Result result = ColdStart.Result.of("connect", false,
                List.of(new ColdStart.Sample(3_000_000, 1_000_000, 1_500_000, 10_000, -1, -1, List.of())));

        assertThat(result.primed()).isFalse();
        assertThat(result.beforeCheckpoint()).isNull();
        assertThat(result.afterRestore()).isNull();
        assertThat(result.primingFailed()).isEmpty();
    }

    /** Like a function handler: its Priming behind a package-private {@code priming()}. */
    static final class PrimedHandler {

        private final FakePriming priming = new FakePriming();

        /** Public, as {@code WebSocketHandler.priming()} is. */
        public FakePriming priming() {
            return priming;
        }
    }

    /** The shape of {@code io.wschat.shared.Priming}: the hooks, and the steps that failed in the latest one. */
    public static final class FakePriming implements Resource {

        final List<String> calls = new ArrayList<>();
        private List<String> failed = List.of();

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            calls.add("beforeCheckpoint");
            failed = List.of("handler");
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            calls.add("afterRestore");
            failed = List.of("reseed");
        }

        public List<String> failedSteps() {
            return failed;
        }
    }
}
