package io.wschat.local.testfunctions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What the test functions saw, per connection id, for the tests to await. */
public final class RecordedEvents {

    private static final Map<String, BlockingQueue<APIGatewayV2WebSocketEvent>> EVENTS = new ConcurrentHashMap<>();
    private static final Map<String, BlockingQueue<String>> NOTES = new ConcurrentHashMap<>();

    private RecordedEvents() {
    }

    static void record(APIGatewayV2WebSocketEvent event) {
        events(event.getRequestContext().getConnectionId()).add(event);
    }

    static void note(String connectionId, String note) {
        notes(connectionId).add(note);
    }

    /** The next event a test function received for the connection, waiting up to the timeout. */
    public static APIGatewayV2WebSocketEvent next(String connectionId, Duration timeout) throws InterruptedException {
        APIGatewayV2WebSocketEvent event = events(connectionId).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event for " + connectionId + " within " + timeout);
        }
        return event;
    }

    /** The next note (for example "postSelf 410") a test function left for the connection. */
    public static String nextNote(String connectionId, Duration timeout) throws InterruptedException {
        String note = notes(connectionId).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (note == null) {
            throw new AssertionError("no note for " + connectionId + " within " + timeout);
        }
        return note;
    }

    private static BlockingQueue<APIGatewayV2WebSocketEvent> events(String connectionId) {
        return EVENTS.computeIfAbsent(connectionId, key -> new LinkedBlockingQueue<>());
    }

    private static BlockingQueue<String> notes(String connectionId) {
        return NOTES.computeIfAbsent(connectionId, key -> new LinkedBlockingQueue<>());
    }
}
