package io.wschat.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.dynamodb.DynamoDbEngine;
import io.wschat.local.TestStacks;
import io.wschat.local.template.LocalNames;
import io.wschat.local.template.LocalTemplate;
import io.wschat.local.template.TableDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
/** The template's tables created on the DynamoDB engine, as the local stack creates them. */
class TableCreatorIT {

    private static final LocalNames NAMES = LocalNames.of("wschat", "local", "ws://localhost:3001");

    @Test
    void templateTables_areCreatedWithKeysIndexesBillingAndTtl() throws Exception {
        LocalTemplate template = LocalTemplate.load(TestStacks.template("wschat.yaml"), Map.of(), NAMES);
        try (DynamoDbEngine dynamoDb = DynamoDbEngine.builder().port(0).start();
                DynamoDbClient client = client(dynamoDb)) {
            TableCreator creator = new TableCreator(client);
            for (TableDefinition table : template.tables()) {
                assertThat(creator.create(table)).isEqualTo(TableCreator.Outcome.CREATED);
            }

            TableDescription connections = client.describeTable(d -> d.tableName("wschat-connections")).table();
            assertThat(connections.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
            assertThat(connections.keySchema()).singleElement()
                    .satisfies(key -> assertThat(key.attributeName()).isEqualTo("connectionId"));
            GlobalSecondaryIndexDescription room = connections.globalSecondaryIndexes().stream()
                    .filter(index -> index.indexName().equals("room-index")).findFirst().orElseThrow();
            assertThat(room.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
            assertThat(room.projection().nonKeyAttributes()).containsExactlyInAnyOrder("name", "userId");
            assertThat(connections.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                    .containsExactlyInAnyOrder("room-index", "user-index");
            assertThat(client.describeTimeToLive(d -> d.tableName("wschat-connections")).timeToLiveDescription())
                    .satisfies(ttl -> {
                        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
                        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
                    });
            assertThat(client.describeTable(d -> d.tableName("MessagesTable")).table().keySchema()).hasSize(2);
        }
    }

    @Test
    void dataDir_keepsTablesAndItemsAcrossRestarts(@TempDir Path dir) throws Exception {
        LocalTemplate template = LocalTemplate.load(TestStacks.template("wschat.yaml"), Map.of(), NAMES);
        TableDefinition messages = template.tables().stream()
                .filter(table -> table.tableName().equals("MessagesTable")).findFirst().orElseThrow();
        try (DynamoDbEngine dynamoDb = DynamoDbEngine.builder().port(0).dataDir(dir).start();
                DynamoDbClient client = client(dynamoDb)) {
            new TableCreator(client).create(messages);
            client.putItem(put -> put.tableName("MessagesTable").item(Map.of(
                    "room", AttributeValue.fromS("lobby"), "sk", AttributeValue.fromS("0001#a"))));
        }
        assertThat(Files.list(dir)).isNotEmpty();

        try (DynamoDbEngine dynamoDb = DynamoDbEngine.builder().port(0).dataDir(dir).start();
                DynamoDbClient client = client(dynamoDb)) {
            assertThat(new TableCreator(client).create(messages)).isEqualTo(TableCreator.Outcome.EXISTED);
            assertThat(client.scan(scan -> scan.tableName("MessagesTable")).count()).isEqualTo(1);
        }
    }

    private static DynamoDbClient client(DynamoDbEngine dynamoDb) {
        return DynamoDbClient.builder()
                .endpointOverride(dynamoDb.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
