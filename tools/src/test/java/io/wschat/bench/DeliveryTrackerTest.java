package io.wschat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryTrackerTest {

    private static String frame(String text) {
        return "{\"type\":\"message\",\"id\":\"01J\",\"ts\":1,\"room\":\"r\",\"from\":\"m0\",\"data\":\"" + text + "\"}";
    }

    @Test
    void received_completesMessage_whenEveryMemberButTheSenderHasIt() {
        DeliveryTracker run = new DeliveryTracker("t1", 3, 2);
        long sent = run.sending(0, 0);

        run.received(1, frame(run.text(0)), sent + 5);
        assertThat(run.isComplete(0)).isFalse();
        run.received(2, frame(run.text(0)), sent + 9);

        assertThat(run.completion(0)).isDone();
        assertThat(run.latencyNanos(0)).isEqualTo(9);
        assertThat(run.delivered(0, 2)).isEqualTo(2);
    }

    @Test
    void received_countsDuplicatesAndEchoes_withoutCountingThemDelivered() {
        DeliveryTracker run = new DeliveryTracker("t2", 3, 1);
        run.sending(0, 1);

        run.received(0, frame(run.text(0)), 1);
        run.received(0, frame(run.text(0)), 2);
        run.received(1, frame(run.text(0)), 3);

        assertThat(run.duplicates()).isEqualTo(1);
        assertThat(run.echoes()).isEqualTo(1);
        assertThat(run.delivered(0, 1)).isEqualTo(1);
        assertThat(run.isComplete(0)).isFalse();
    }

    @Test
    void sequence_ignoresOtherRunsNoticesAndErrors() {
        DeliveryTracker run = new DeliveryTracker("t3", 2, 20);

        assertThat(run.sequence(frame(run.text(12)))).isEqualTo(12);
        assertThat(run.sequence(frame("b:t30:1:x"))).isEqualTo(-1);
        assertThat(run.sequence(frame("b:t3:1"))).isEqualTo(-1);
        assertThat(run.sequence("{\"type\":\"joined\",\"room\":\"r\",\"name\":\"b:t3:1:x\"}")).isEqualTo(-1);
        assertThat(run.sequence("{\"type\":\"error\",\"code\":\"RATE_LIMITED\"}")).isEqualTo(-1);
    }

    @Test
    void received_countsStrays_forSequenceNumbersNeverSent() {
        DeliveryTracker run = new DeliveryTracker("t4", 2, 1);

        run.received(1, frame("b:t4:7:x"), 1);

        assertThat(run.strays()).isEqualTo(1);
        assertThat(run.delivered(0, 1)).isZero();
    }
}
