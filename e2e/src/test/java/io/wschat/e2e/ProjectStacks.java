package io.wschat.e2e;

import io.wschat.local.LocalOptions;
import io.wschat.local.LocalStack;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;

/** The one stack set-up of the system tests: the project's template.yaml, its real functions, on free ports. */
public final class ProjectStacks {

    private ProjectStacks() {
    }

    /** The project's stack on free loopback ports with DynamoDB, printing only what fails. */
    public static LocalOptions options() {
        return TestStacks.gatewayOnly()
                .withTemplate(Path.of("..", "template.yaml"))
                .withStartDynamoDb(true)
                .withVerbose(false);
    }

    /** A client connected to {@code room} (as it is) as {@code name} (URL-encoded); with auth off, the identity. */
    public static TestClient join(LocalStack stack, String room, String name) throws Exception {
        return TestClient.connect(URI.create(stack.webSocketUri() + "/?room=" + room + "&name=" + encode(name)));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A client of the stack's DynamoDB engine; close it. */
    public static DynamoDbClient dynamoDb(LocalStack stack) {
        return client(DynamoDbClient.builder(), stack.dynamoDbEndpoint().orElseThrow());
    }

    /** A client of the stack's SNS stand-in; close it. */
    public static SnsClient sns(LocalStack stack) {
        return client(SnsClient.builder(), stack.snsEndpoint());
    }

    /** An SDK client of one of the stack's backends, which take any credentials. */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder,
            URI endpoint) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** The table name the stack gave the template's {@code ConnectionsTable}. */
    public static String connectionsTable(LocalStack stack) {
        return stack.template().tables().stream()
                .filter(definition -> definition.logicalId().equals("ConnectionsTable")).findFirst().orElseThrow()
                .tableName();
    }

    /** The connection rows of a room, read with a consistent Scan straight from DynamoDB, expired ones included. */
    public static List<Map<String, AttributeValue>> connectionRows(LocalStack stack, String room) {
        try (DynamoDbClient dynamoDb = dynamoDb(stack)) {
            List<Map<String, AttributeValue>> rows = new ArrayList<>();
            dynamoDb.scanPaginator(scan -> scan.tableName(connectionsTable(stack)).consistentRead(true)
                            .filterExpression("room = :room")
                            .expressionAttributeValues(Map.of(":room", AttributeValue.fromS(room))))
                    .items().forEach(rows::add);
            return rows;
        }
    }

    /** The display names of connection rows. */
    public static List<String> names(List<Map<String, AttributeValue>> rows) {
        return rows.stream().map(row -> row.get("name").s()).toList();
    }
}
