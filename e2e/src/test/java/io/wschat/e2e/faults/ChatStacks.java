package io.wschat.e2e.faults;

import com.google.gson.JsonObject;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.LocalStack;
import io.wschat.local.RecordedInvocations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the fault tests read from the project's stack: rooms, connection ids, invocations, connection rows. */
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

    /** The connection rows of a room, read with a Scan straight from DynamoDB, expired ones included. */
    static List<Map<String, AttributeValue>> rows(LocalStack stack, String room) {
        try (DynamoDbClient dynamoDb = ProjectStacks.dynamoDb(stack)) {
            List<Map<String, AttributeValue>> rows = new ArrayList<>();
            dynamoDb.scanPaginator(scan -> scan.tableName(ProjectStacks.connectionsTable(stack)).consistentRead(true)
                            .filterExpression("room = :room")
                            .expressionAttributeValues(Map.of(":room", AttributeValue.fromS(room))))
                    .items().forEach(rows::add);
            return rows;
        }
    }

    static List<String> names(List<Map<String, AttributeValue>> rows) {
        return rows.stream().map(row -> row.get("name").s()).toList();
    }
}
