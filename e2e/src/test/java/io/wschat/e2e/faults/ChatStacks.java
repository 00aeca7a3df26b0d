package io.wschat.e2e.faults;

import com.google.gson.JsonObject;
import io.wschat.local.RecordedInvocations;
import java.util.UUID;

/** What the fault tests read from the project's stack: rooms, connection ids, invocations. */
final class ChatStacks {

    private ChatStacks() {
    }

    static String newRoom() {
        return "faults-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The connection id the gateway gave the client that connected to {@code room} as {@code name}. */
    static String connectionId(RecordedInvocations invocations, String room, String name) throws InterruptedException {
        return invocations.await(i -> i.routeKey().equals("$connect") && i.event().has("queryStringParameters")
                && room.equals(query(i, "room")) && name.equals(query(i, "name"))).connectionId();
    }

    private static String query(RecordedInvocations.Invocation invocation, String name) {
        JsonObject query = invocation.event().getAsJsonObject("queryStringParameters");
        return query.has(name) ? query.get(name).getAsString() : null;
    }

    /** The {@code sendmessage} invocation whose frame carried {@code text}. */
    static RecordedInvocations.Invocation sendInvocation(RecordedInvocations invocations, String text)
            throws InterruptedException {
        return invocations.await(i -> i.routeKey().equals("sendmessage")
                && i.event().get("body").getAsString().contains("\"" + text + "\""));
    }
}
