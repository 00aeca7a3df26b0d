package io.wschat.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InstanceSlotsTest {

    private static final Duration LONG = Duration.ofMinutes(1);

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void grantsUpToTheLimit_thenHandsReleasedSlotsToTheOldestWaiter() {
        InstanceSlots slots = new InstanceSlots(2, timer);

        CompletableFuture<Void> a = slots.acquire(LONG);
        CompletableFuture<Void> b = slots.acquire(LONG);
        CompletableFuture<Void> c = slots.acquire(LONG);
        CompletableFuture<Void> d = slots.acquire(LONG);

        assertThat(a).isCompleted();
        assertThat(b).isCompleted();
        assertThat(c).isNotDone();
        assertThat(d).isNotDone();
        assertThat(slots.waiting()).isEqualTo(2);

        slots.release();
        assertThat(c).isCompleted();
        assertThat(d).isNotDone();
        assertThat(slots.inUse()).isEqualTo(2);

        slots.release();
        slots.release();
        slots.release();
        assertThat(d).isCompleted();
        assertThat(slots.inUse()).isZero();
    }

    @Test
    void aWaiterPastItsDeadline_failsAndTakesNoSlot() throws Exception {
        InstanceSlots slots = new InstanceSlots(1, timer);
        CompletableFuture<Void> held = slots.acquire(LONG);

        CompletableFuture<Void> late = slots.acquire(Duration.ofMillis(20));

        assertThatThrownBy(() -> late.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(held).isCompleted();
        assertThat(slots.waiting()).isZero();
        slots.release();
        assertThat(slots.inUse()).isZero();
        assertThat(slots.acquire(LONG)).isCompleted();
    }

    @Test
    void limit_mustBePositive() {
        assertThatThrownBy(() -> new InstanceSlots(0, timer)).isInstanceOf(IllegalArgumentException.class);
    }
}
