package io.wschat.e2e.faults;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.LocalOptions;
import io.wschat.local.LocalStack;
import io.wschat.local.RecordedInvocations;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The project's own template.yaml on free ports, and what the fault tests do with it. */
final class ChatStacks {

    private ChatStacks() {
    }

    static LocalOptions project() {
        return ProjectStacks.options();
    }

    static String newRoom() {
        return "faults-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static TestClient join(LocalStack stack, String room, String name) throws Exception {
        return TestClient.connect(URI.create(stack.webSocketUri() + "/?room=" + room + "&name=" + name));
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

    static String sendMessage(String text) {
        return "{\"action\":\"sendmessage\",\"data\":\"" + text + "\"}";
    }

    /** The next frame of the given type, skipping presence notices and other types. */
    static JsonObject nextOfType(TestClient client, String type) throws InterruptedException {
        while (true) {
            JsonObject frame = JsonParser.parseString(client.next()).getAsJsonObject();
            if (frame.get("type").getAsString().equals(type)) {
                return frame;
            }
        }
    }

    /** Frames of the given type that arrive within the window. */
    static List<JsonObject> framesOfType(TestClient client, String type, Duration window) throws InterruptedException {
        List<JsonObject> frames = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        String raw;
        while ((raw = client.poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) != null) {
            JsonObject frame = JsonParser.parseString(raw).getAsJsonObject();
            if (frame.get("type").getAsString().equals(type)) {
                frames.add(frame);
            }
        }
        return frames;
    }

    static DynamoDbClient dynamoDb(LocalStack stack) {
        return DynamoDbClient.builder()
                .endpointOverride(stack.dynamoDbEndpoint().orElseThrow())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static String connectionsTable(LocalStack stack) {
        return stack.template().tables().stream()
                .filter(definition -> definition.logicalId().equals("ConnectionsTable")).findFirst().orElseThrow()
                .tableName();
    }

    /** The connection rows of a room, read with a Scan straight from DynamoDB, expired ones included. */
    static List<Map<String, AttributeValue>> rows(LocalStack stack, String room) {
        try (DynamoDbClient dynamoDb = dynamoDb(stack)) {
            List<Map<String, AttributeValue>> rows = new ArrayList<>();
            dynamoDb.scanPaginator(scan -> scan.tableName(connectionsTable(stack)).consistentRead(true)
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
