package io.wschat.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.dynamodb.testing.AwsCli;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The AWS CLI, unchanged, against the engine with nothing but {@code --endpoint-url}. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AwsCliIT {

    private static DynamoDbEngine engine;

    @BeforeAll
    static void start() {
        boolean present = AwsCli.version().isPresent();
        if (!present && System.getenv("CI") != null) {
            fail("the aws CLI is not on the PATH; .ci/run installs it");
        }
        assumeTrue(present, "the aws CLI is not on the PATH");
        engine = DynamoDbEngine.builder().port(0).start();
        try (DynamoDbClient client = DynamoDbEngineIT.client(engine)) {
            client.createTable(b -> b.tableName("cli-messages").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(d -> d.attributeName("room").attributeType(ScalarAttributeType.S),
                            d -> d.attributeName("sk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("room").keyType(KeyType.HASH),
                            k -> k.attributeName("sk").keyType(KeyType.RANGE)));
            for (int i = 0; i < 3; i++) {
                String sk = "000" + i;
                client.putItem(b -> b.tableName("cli-messages").item(Map.of("room", AttributeValue.fromS("lobby"),
                        "sk", AttributeValue.fromS(sk), "data", AttributeValue.fromS("hello " + sk))));
            }
            client.putItem(b -> b.tableName("cli-messages").item(Map.of("room", AttributeValue.fromS("support"),
                    "sk", AttributeValue.fromS("0000"), "data", AttributeValue.fromS("help"))));
        }
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void listTables_namesTheTable() throws Exception {
        JsonObject output = aws("dynamodb", "list-tables");
        assertThat(output.getAsJsonArray("TableNames").toString()).isEqualTo("[\"cli-messages\"]");
    }

    @Test
    void describeTable_showsTheKeySchemaAndItemCount() throws Exception {
        JsonObject table = aws("dynamodb", "describe-table", "--table-name", "cli-messages").getAsJsonObject("Table");
        assertThat(table.get("TableStatus").getAsString()).isEqualTo("ACTIVE");
        assertThat(table.get("ItemCount").getAsInt()).isEqualTo(4);
        assertThat(table.getAsJsonArray("KeySchema").toString()).contains("\"room\"", "\"HASH\"", "\"sk\"",
                "\"RANGE\"");
    }

    @Test
    void scan_returnsEveryItem_acrossPagesOfOne() throws Exception {
        JsonObject output = aws("dynamodb", "scan", "--table-name", "cli-messages", "--page-size", "1");
        assertThat(output.get("Count").getAsInt()).isEqualTo(4);
    }

    @Test
    void query_returnsOneRoomNewestFirst() throws Exception {
        JsonObject output = aws("dynamodb", "query", "--table-name", "cli-messages",
                "--key-condition-expression", "room = :r", "--expression-attribute-values",
                "{\":r\":{\"S\":\"lobby\"}}", "--no-scan-index-forward");
        assertThat(output.get("Count").getAsInt()).isEqualTo(3);
        assertThat(output.getAsJsonArray("Items").get(0).getAsJsonObject().getAsJsonObject("sk").get("S")
                .getAsString()).isEqualTo("0002");
    }

    @Test
    void getItem_returnsTheItem() throws Exception {
        JsonObject output = aws("dynamodb", "get-item", "--table-name", "cli-messages", "--key",
                "{\"room\":{\"S\":\"support\"},\"sk\":{\"S\":\"0000\"}}");
        assertThat(output.getAsJsonObject("Item").getAsJsonObject("data").get("S").getAsString()).isEqualTo("help");
    }

    private static JsonObject aws(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(arguments));
        command.addAll(List.of("--endpoint-url", engine.endpoint().toString(), "--output", "json"));
        AwsCli.Result result = AwsCli.run(command);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return JsonParser.parseString(result.output()).getAsJsonObject();
    }
}
