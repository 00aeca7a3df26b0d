package io.wschat.local;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.local.gateway.InvocationListener;
import io.wschat.local.lambda.InvocationResult;
import java.time.Duration;
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

    private final Arrivals<Invocation> invocations = new Arrivals<>();

    @Override
    public void invoked(String routeKey, String function, String eventJson, InvocationResult result) {
        invocations.add(new Invocation(routeKey, function, JsonParser.parseString(eventJson).getAsJsonObject(), result));
    }

    /** The first invocation matching the predicate, waiting up to five seconds for it. */
    public Invocation await(Predicate<Invocation> matching) throws InterruptedException {
        return invocations.await(matching, Duration.ofSeconds(5), seen -> "no matching invocation within 5 s; saw "
                + seen.stream().map(i -> i.routeKey() + " " + i.connectionId()).toList());
    }

    public Invocation await(String routeKey, String connectionId) throws InterruptedException {
        return await(invocation -> invocation.routeKey().equals(routeKey)
                && invocation.connectionId().equals(connectionId));
    }

    /** The invocations so far that match, in the order they were recorded. */
    public List<Invocation> matching(Predicate<Invocation> matching) {
        return invocations.all().stream().filter(matching).toList();
    }

    public long count(Predicate<Invocation> matching) {
        return invocations.count(matching);
    }
}
