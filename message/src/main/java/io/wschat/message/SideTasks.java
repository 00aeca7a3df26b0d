package io.wschat.message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work an action ran beside its main path (on {@code Dependencies.sideWork()}). */
final class SideTasks {

    private SideTasks() {
    }

    /** The value, or the side task's own exception (a store exception the router answers), not a wrapper. */
    static <T> T await(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
