package io.wschat.local;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.local.gateway.InvocationListener;
import io.wschat.local.lambda.InvocationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Every integration call of a stack, with the event JSON the gateway built, for tests to wait on. */
public final class RecordedInvocations implements InvocationListener {

    /** One call: the route, the function, the event as sent and the result. */
    public record Invocation(String routeKey, String function, JsonObject event, InvocationResult result) {

        public String connectionId() {
            return event.getAsJsonObject("requestContext").get("connectionId").getAsString();
        }

        public JsonObject requestContext() {
            return event.getAsJsonObject("requestContext");
        }
    }

    private final List<Invocation> invocations = new ArrayList<>();

    @Override
    public synchronized void invoked(String routeKey, String function, String eventJson, InvocationResult result) {
        invocations.add(new Invocation(routeKey, function, JsonParser.parseString(eventJson).getAsJsonObject(), result));
        notifyAll();
    }

    /** The first invocation matching the predicate, waiting up to five seconds for it. */
    public synchronized Invocation await(Predicate<Invocation> matching) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            for (Invocation invocation : invocations) {
                if (matching.test(invocation)) {
                    return invocation;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching invocation within 5 s; saw " + invocations.stream()
                        .map(i -> i.routeKey() + " " + i.connectionId()).toList());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    public Invocation await(String routeKey, String connectionId) throws InterruptedException {
        return await(invocation -> invocation.routeKey().equals(routeKey)
                && invocation.connectionId().equals(connectionId));
    }

    public synchronized long count(Predicate<Invocation> matching) {
        return invocations.stream().filter(matching).count();
    }
}
