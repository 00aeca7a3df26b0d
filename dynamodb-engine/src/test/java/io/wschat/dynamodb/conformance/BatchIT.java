package io.wschat.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchGetItem and BatchWriteItem. */
class BatchIT extends ConformanceTest {

    private String table;
    private String other;

    @BeforeAll
    void createTables() {
        table = hashTable("batch", ScalarAttributeType.S);
        other = rangeTable("batchOther", ScalarAttributeType.S, ScalarAttributeType.N);
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static WriteRequest delete(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
    }

    private static KeysAndAttributes keys(List<Map<String, AttributeValue>> keys) {
        return KeysAndAttributes.builder().keys(keys).consistentRead(true).build();
    }

    @Test
    void batchWriteItem_putsAndDeletesAcrossTables_upTo25() {
        db.putItem(r -> r.tableName(other).item(item("pk", s("gone"), "sk", n(1))));
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            writes.add(put(item("pk", s("w" + i), "v", n(i))));
        }

        BatchWriteItemResponse response = db.batchWriteItem(r -> r.requestItems(Map.of(table, writes,
                other, List.of(delete(item("pk", s("gone"), "sk", n(1)))))));

        assertThat(response.unprocessedItems()).isEmpty();
        assertThat(db.getItem(r -> r.tableName(table).key(item("pk", s("w23"))).consistentRead(true)).item())
                .isEqualTo(item("pk", s("w23"), "v", n(23)));
        assertThat(db.getItem(r -> r.tableName(other).key(item("pk", s("gone"), "sk", n(1))).consistentRead(true))
                .hasItem()).isFalse();
    }

    @Test
    void batchWriteItem_moreThan25_isRefused() {
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            writes.add(put(item("pk", s("many" + i))));
        }

        String message = assertValidationStartsWith(() -> db.batchWriteItem(r -> r.requestItems(Map.of(table,
                writes))), "1 validation error detected: Value '{").awsErrorDetails().errorMessage();

        assertThat(message).endsWith("' at 'requestItems' failed to satisfy constraint: Map value must satisfy "
                + "constraint: [Member must have length less than or equal to 25, Member must have length greater "
                + "than or equal to 1]");
    }

    @Test
    void batchWriteItem_twoOperationsOnTheSameKey_areRefused() {
        Map<String, AttributeValue> item = item("pk", s("twice"), "v", s("x"));

        assertValidation(() -> db.batchWriteItem(r -> r.requestItems(Map.of(table,
                        List.of(put(item), delete(item("pk", s("twice"))))))),
                "Provided list of item keys contains duplicates");
        assertValidation(() -> db.batchWriteItem(r -> r.requestItems(Map.of(table,
                        List.of(put(item), put(item))))),
                "Provided list of item keys contains duplicates");
        assertThat(db.getItem(r -> r.tableName(table).key(item("pk", s("twice"))).consistentRead(true)).hasItem())
                .isFalse();
    }

    @Test
    void batchWriteItem_keyNotMatchingTheSchema_isRefused() {
        assertValidation(() -> db.batchWriteItem(r -> r.requestItems(Map.of(table,
                        List.of(delete(item("pk", n(1))))))),
                "The provided key element does not match the schema");
    }

    @Test
    void batchGetItem_returnsExistingItemsFromEachTable_andEmptyUnprocessedKeys() {
        db.putItem(r -> r.tableName(table).item(item("pk", s("g1"), "v", n(1))));
        db.putItem(r -> r.tableName(other).item(item("pk", s("g2"), "sk", n(2), "v", n(2))));

        BatchGetItemResponse response = db.batchGetItem(r -> r.requestItems(Map.of(
                table, keys(List.of(item("pk", s("g1")), item("pk", s("absent")))),
                other, keys(List.of(item("pk", s("g2"), "sk", n(2)))))));

        assertThat(response.responses().get(table)).containsExactly(item("pk", s("g1"), "v", n(1)));
        assertThat(response.responses().get(other)).containsExactly(item("pk", s("g2"), "sk", n(2), "v", n(2)));
        assertThat(response.unprocessedKeys()).isEmpty();
    }

    @Test
    void batchGetItem_ofOnlyMissingKeys_givesAnEmptyListForTheTable() {
        BatchGetItemResponse response = db.batchGetItem(r -> r.requestItems(Map.of(
                table, keys(List.of(item("pk", s("absent1")), item("pk", s("absent2")))))));

        assertThat(response.responses()).containsOnlyKeys(table);
        assertThat(response.responses().get(table)).isEmpty();
        assertThat(response.unprocessedKeys()).isEmpty();
    }

    @Test
    void batchGetItem_projectionExpression_appliesToEachItem() {
        db.putItem(r -> r.tableName(table).item(item("pk", s("gp"), "a", s("x"), "b", s("y"))));

        BatchGetItemResponse response = db.batchGetItem(r -> r.requestItems(Map.of(table,
                KeysAndAttributes.builder().keys(item("pk", s("gp"))).consistentRead(true)
                        .projectionExpression("#b").expressionAttributeNames(names("#b", "b")).build())));

        assertThat(response.responses().get(table)).containsExactly(item("b", s("y")));
    }

    @Test
    void batchGetItem_100Keys_areServed() {
        List<Map<String, AttributeValue>> hundred = new ArrayList<>();
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(item("pk", s("h" + i)));
            if (writes.size() < 25) {
                writes.add(put(item("pk", s("h" + i))));
            }
        }
        db.batchWriteItem(r -> r.requestItems(Map.of(table, writes)));

        List<Map<String, AttributeValue>> got = new ArrayList<>();
        Map<String, KeysAndAttributes> request = Map.of(table, keys(hundred));
        for (int attempt = 0; !request.isEmpty() && attempt < 20; attempt++) {
            Map<String, KeysAndAttributes> current = request;
            BatchGetItemResponse response = db.batchGetItem(r -> r.requestItems(current));
            got.addAll(response.responses().getOrDefault(table, List.of()));
            request = response.unprocessedKeys();
        }

        assertThat(got).hasSize(25).containsExactlyInAnyOrderElementsOf(writes.stream()
                .map(w -> w.putRequest().item()).collect(java.util.stream.Collectors.toList()));
    }

    @Test
    void batchGetItem_moreThan100KeysInOneTable_isRefused() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            keys.add(item("pk", s("k" + i)));
        }

        String message = assertValidationStartsWith(() -> db.batchGetItem(r -> r.requestItems(Map.of(table,
                keys(keys)))), "1 validation error detected: Value '[").awsErrorDetails().errorMessage();

        assertThat(message).endsWith("' at 'requestItems." + table + ".member.keys' failed to satisfy constraint: "
                + "Member must have length less than or equal to 100");
    }

    @Test
    void batchGetItem_moreThan100KeysOverTwoTables_isRefused() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add(item("pk", s("k" + i)));
        }

        assertValidation(() -> db.batchGetItem(r -> r.requestItems(Map.of(table, keys(keys),
                        other, keys(List.of(item("pk", s("k"), "sk", n(1))))))),
                "Too many items requested for the BatchGetItem call");
    }

    @Test
    void batchGetItem_duplicateKeys_areRefused() {
        assertValidation(() -> db.batchGetItem(r -> r.requestItems(Map.of(table,
                        keys(List.of(item("pk", s("d")), item("pk", s("d"))))))),
                "Provided list of item keys contains duplicates");
    }

    @Test
    void batchGetItem_keyNotMatchingTheSchema_isRefused() {
        assertValidation(() -> db.batchGetItem(r -> r.requestItems(Map.of(other,
                        keys(List.of(item("pk", s("d"))))))),
                "The provided key element does not match the schema");
    }
}
