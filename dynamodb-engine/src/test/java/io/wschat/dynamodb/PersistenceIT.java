package io.wschat.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** With a data folder, whatever the engine acknowledged survives the process being killed. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PersistenceIT {

    @Test
    void acknowledgedWrites_surviveKill9OfTheEngineProcess(@TempDir Path dataDir) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DynamoDbEngine.class.getName(),
                "--port", "0", "--data-dir", dataDir.toString()).redirectErrorStream(true).start();
        Map<String, AttributeValue> last;
        try {
            URI endpoint = readyEndpoint(child);
            try (DynamoDbClient client = DynamoDbEngineIT.client(endpoint)) {
                client.createTable(b -> b.tableName("kept").billingMode("PAY_PER_REQUEST")
                        .attributeDefinitions(d -> d.attributeName("id").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
                for (int i = 0; i < 200; i++) {
                    String id = "item-" + i;
                    client.putItem(b -> b.tableName("kept").item(Map.of("id", AttributeValue.fromS(id),
                            "n", AttributeValue.fromN("0"))));
                }
                for (int i = 0; i < 50; i++) {
                    String id = "item-" + i;
                    client.updateItem(b -> b.tableName("kept").key(Map.of("id", AttributeValue.fromS(id)))
                            .updateExpression("SET n = n + :one")
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
                }
                client.deleteItem(b -> b.tableName("kept").key(Map.of("id", AttributeValue.fromS("item-199"))));
                last = new HashMap<>(client.getItem(b -> b.tableName("kept")
                        .key(Map.of("id", AttributeValue.fromS("item-49")))).item());
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(child.exitValue()).isEqualTo(137);

        try (DynamoDbEngine engine = DynamoDbEngine.builder().port(0).dataDir(dataDir).start();
                DynamoDbClient client = DynamoDbEngineIT.client(engine)) {
            assertThat(client.scan(b -> b.tableName("kept")).count()).isEqualTo(199);
            assertThat(client.getItem(b -> b.tableName("kept").key(Map.of("id", AttributeValue.fromS("item-49"))))
                    .item()).isEqualTo(last).containsEntry("n", AttributeValue.fromN("1"));
            assertThat(client.getItem(b -> b.tableName("kept").key(Map.of("id", AttributeValue.fromS("item-50"))))
                    .item()).containsEntry("n", AttributeValue.fromN("0"));
            assertThat(client.getItem(b -> b.tableName("kept").key(Map.of("id", AttributeValue.fromS("item-199"))))
                    .hasItem()).isFalse();
        }
    }

    private static URI readyEndpoint(Process child) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
        CompletableFuture<URI> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("DynamoDB engine at ")) {
                        return URI.create(line.substring("DynamoDB engine at ".length()).split(" ")[0]);
                    }
                }
                throw new IllegalStateException("the engine exited before it was ready");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return ready.get(60, TimeUnit.SECONDS);
    }

}
