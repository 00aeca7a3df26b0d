package io.wschat.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.wschat.shared.Dependencies;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Holds its invocation until the test calls {@link #release()}, then answers "slow done" (two-way route). */
public class SlowFunction implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private static volatile CountDownLatch gate = new CountDownLatch(1);
    private static volatile CountDownLatch entered = new CountDownLatch(1);
    private static final Semaphore ENTRIES = new Semaphore(0);
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicInteger MOST_RUNNING = new AtomicInteger();

    public SlowFunction(Dependencies dependencies) {
    }

    /** Arms the gate for the next slow invocation. */
    public static void reset() {
        gate = new CountDownLatch(1);
        entered = new CountDownLatch(1);
        ENTRIES.drainPermits();
        MOST_RUNNING.set(RUNNING.get());
    }

    /** Waits until one more invocation has entered the handler since the last call (or the reset). */
    public static boolean awaitNextEntry(long millis) throws InterruptedException {
        return ENTRIES.tryAcquire(millis, TimeUnit.MILLISECONDS);
    }

    /** The most invocations that were inside the handler at once since the last reset. */
    public static int mostRunning() {
        return MOST_RUNNING.get();
    }

    public static boolean awaitEntered(long millis) throws InterruptedException {
        return entered.await(millis, TimeUnit.MILLISECONDS);
    }

    public static void release() {
        gate.countDown();
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        MOST_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
        entered.countDown();
        ENTRIES.release();
        try {
            gate.await(4, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            RUNNING.decrementAndGet();
        }
        return Responses.of(200, "slow done");
    }
}
