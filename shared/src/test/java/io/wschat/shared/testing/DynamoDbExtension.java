package io.wschat.shared.testing;

import io.wschat.dynamodb.DynamoDbEngine;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Runs the project's DynamoDB engine in-process (started once per JVM, on a free port) and creates a connections table and a
 * messages table with unique names for each test class, laid out as docs/ARCHITECTURE.md describes.
 *
 * <pre>{@code @RegisterExtension static final DynamoDbExtension DYNAMO = new DynamoDbExtension();}</pre>
 */
public final class DynamoDbExtension implements BeforeAllCallback, AfterAllCallback {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY_ID = "AKIDLOCALTEST";
    public static final String SECRET_ACCESS_KEY = "local-test-secret";

    private static URI endpoint;
    private static DynamoDbClient client;

    private String connectionsTable;
    private String messagesTable;

    @Override
    public void beforeAll(ExtensionContext context) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String prefix = context.getRequiredTestClass().getSimpleName();
        connectionsTable = prefix + "-Connections-" + suffix;
        messagesTable = prefix + "-Messages-" + suffix;
        createConnectionsTable(client(), connectionsTable);
        createMessagesTable(client(), messagesTable);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client().deleteTable(b -> b.tableName(connectionsTable));
        client().deleteTable(b -> b.tableName(messagesTable));
    }

    /** The engine's endpoint, starting it on first use. */
    public static synchronized URI endpoint() {
        if (endpoint == null) {
            DynamoDbEngine engine = DynamoDbEngine.builder().port(0).start();
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "dynamodb-engine-stop"));
            endpoint = engine.endpoint();
        }
        return endpoint;
    }

    /** A client of the engine, shared by every test in the JVM. */
    public static synchronized DynamoDbClient client() {
        if (client == null) {
            client = DynamoDbClient.builder()
                    .endpointOverride(endpoint())
                    .httpClient(UrlConnectionHttpClient.create())
                    .region(Region.of(REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                    .build();
        }
        return client;
    }

    public String connectionsTable() {
        return connectionsTable;
    }

    public String messagesTable() {
        return messagesTable;
    }

    /** How many items {@code table} holds (one scan page: the small tables of tests). */
    public static long rows(String table) {
        return client().scan(b -> b.tableName(table)).count();
    }

    /**
     * How many items this class's two tables hold together. Every test of the class writes to the same tables:
     * compare with a count taken earlier in the test, not with zero.
     */
    public long allRows() {
        return rows(connectionsTable) + rows(messagesTable);
    }

    /** Every item {@code table} holds, read page by page. */
    public static List<Map<String, AttributeValue>> items(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client().scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    /** Every item of this class's two tables, by table name; compare with a copy taken earlier in the test. */
    public Map<String, List<Map<String, AttributeValue>>> allItems() {
        return Map.of(connectionsTable, items(connectionsTable), messagesTable, items(messagesTable));
    }

    /** The variables a function needs to reach this class's tables (no topic or callback URL). */
    public Map<String, String> environment() {
        return Map.of(
                "CONNECTIONS_TABLE", connectionsTable,
                "MESSAGES_TABLE", messagesTable,
                "DYNAMODB_ENDPOINT", endpoint().toString(),
                "AWS_REGION", REGION,
                "AWS_ACCESS_KEY_ID", ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
    }

    /**
     * Creates the connections table: key connectionId, GSIs room-index (INCLUDE name, userId, expiresAt) and
     * user-index (INCLUDE expiresAt).
     */
    public static void createConnectionsTable(DynamoDbClient dynamoDb, String tableName) {
        dynamoDb.createTable(b -> b
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute("connectionId"), attribute("room"), attribute("userId"))
                .keySchema(key("connectionId", KeyType.HASH))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder()
                                .indexName("room-index")
                                .keySchema(key("room", KeyType.HASH), key("connectionId", KeyType.RANGE))
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.INCLUDE)
                                        .nonKeyAttributes(List.of("name", "userId", "expiresAt"))
                                        .build())
                                .build(),
                        GlobalSecondaryIndex.builder()
                                .indexName("user-index")
                                .keySchema(key("userId", KeyType.HASH), key("connectionId", KeyType.RANGE))
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.INCLUDE)
                                        .nonKeyAttributes(List.of("expiresAt"))
                                        .build())
                                .build()));
        // No TTL: the engine deletes expired items, as DynamoDB does, and the fixtures' fixed connect time is
        // already more than 2 h 10 min old, so rows written from them would vanish in the middle of a test.
    }

    /** Creates the messages table: partition room, sort seq (the room's sequence number; 0 is its counter). */
    public static void createMessagesTable(DynamoDbClient dynamoDb, String tableName) {
        dynamoDb.createTable(b -> b
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("room"), AttributeDefinition.builder()
                        .attributeName("seq").attributeType(ScalarAttributeType.N).build())
                .keySchema(key("room", KeyType.HASH), key("seq", KeyType.RANGE)));
        // No TTL, as above: tests of the expiry filter need expired items to stay.
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

}
