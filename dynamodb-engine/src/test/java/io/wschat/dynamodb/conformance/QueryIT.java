package io.wschat.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Query: key conditions, filters, projections, Select, Limit, paging, order, secondary indexes, the 1 MB page. */
class QueryIT extends ConformanceTest {

    private String table;
    private String strings;

    @BeforeAll
    void createTables() {
        table = createTable("query", t -> t
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("sk", ScalarAttributeType.N),
                        attr("g", ScalarAttributeType.S), attr("gs", ScalarAttributeType.N),
                        attr("l", ScalarAttributeType.N))
                .keySchema(hashKey("pk"), rangeKey("sk"))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder().indexName("byG").keySchema(hashKey("g"), rangeKey("gs"))
                                .projection(p -> p.projectionType(ProjectionType.ALL)).build(),
                        GlobalSecondaryIndex.builder().indexName("keysOnly").keySchema(hashKey("g"), rangeKey("gs"))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build(),
                        GlobalSecondaryIndex.builder().indexName("include").keySchema(hashKey("g"), rangeKey("gs"))
                                .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("x"))
                                .build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byL")
                        .keySchema(hashKey("pk"), rangeKey("l"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            Map<String, AttributeValue> item = item("pk", s("p"), "sk", n(i), "l", n(100 - i), "x", s("x" + i),
                    "y", s("y" + i), "f", s(i % 2 == 0 ? "even" : "odd"));
            if (i % 2 == 1) {
                item.put("g", s("g"));
                item.put("gs", n(i));
            }
            items.add(item);
        }
        for (int i = 0; i < 95; i++) {
            items.add(item("pk", s("many"), "sk", n(i)));
        }
        batchPut(table, items);

        // a global index is eventually consistent: wait for the items to reach it
        eventually(java.time.Duration.ofSeconds(30), "items in index byG", () -> db.query(q -> q.tableName(table)
                .indexName("byG").keyConditionExpression("g = :g").expressionAttributeValues(item(":g", s("g"))))
                .count() == 5);
        strings = rangeTable("strings", ScalarAttributeType.S, ScalarAttributeType.S);
        batchPut(strings, List.of(item("pk", s("p"), "sk", s("apple")), item("pk", s("p"), "sk", s("apricot")),
                item("pk", s("p"), "sk", s("banana")), item("pk", s("p"), "sk", s("ap"))));
    }

    void batchPut(String into, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> writes = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build())
                    .collect(Collectors.toList());
            Map<String, List<WriteRequest>> unprocessed = Map.of(into, writes);
            for (int attempt = 0; !unprocessed.isEmpty() && attempt < 20; attempt++) {
                Map<String, List<WriteRequest>> request = unprocessed;
                unprocessed = db.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
            }
            assertThat(unprocessed).isEmpty();
        }
    }

    private QueryResponse query(Consumer<QueryRequest.Builder> customizer) {
        QueryRequest.Builder request = QueryRequest.builder().tableName(table);
        customizer.accept(request);
        return db.query(request.build());
    }

    private static List<String> sortKeys(QueryResponse response) {
        return response.items().stream().map(i -> i.get("sk").n()).collect(Collectors.toList());
    }

    private static List<String> range(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).collect(Collectors.toList());
    }

    @Test
    void query_onTheHashKey_returnsThePartitionInSortKeyOrder() {
        QueryResponse response = query(q -> q.consistentRead(true).keyConditionExpression("pk = :p")
                .expressionAttributeValues(item(":p", s("p"))));

        assertThat(sortKeys(response)).isEqualTo(range(1, 10));
        assertThat(response.count()).isEqualTo(10);
        assertThat(response.scannedCount()).isEqualTo(10);
        assertThat(response.hasLastEvaluatedKey()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sk = :a | 3 | 3",
            "sk < :a | 1 | 2",
            "sk <= :a | 1 | 3",
            "sk > :a | 4 | 10",
            "sk >= :a | 3 | 10",
    })
    void query_sortKeyComparison(String condition, int first, int last) {
        QueryResponse response = query(q -> q.consistentRead(true).keyConditionExpression("pk = :p AND " + condition)
                .expressionAttributeValues(item(":p", s("p"), ":a", n(3))));

        assertThat(sortKeys(response)).isEqualTo(range(first, last));
    }

    @Test
    void query_sortKeyBetween_isInclusive() {
        QueryResponse response = query(q -> q.consistentRead(true)
                .keyConditionExpression("pk = :p AND sk BETWEEN :lo AND :hi")
                .expressionAttributeValues(item(":p", s("p"), ":lo", n(3), ":hi", n(5))));

        assertThat(sortKeys(response)).isEqualTo(range(3, 5));
    }

    @Test
    void query_sortKeyBeginsWith_matchesThePrefix() {
        QueryResponse response = db.query(q -> q.tableName(strings).consistentRead(true)
                .keyConditionExpression("pk = :p AND begins_with(sk, :ap)")
                .expressionAttributeValues(item(":p", s("p"), ":ap", s("ap"))));

        assertThat(response.items()).extracting(i -> i.get("sk").s()).containsExactly("ap", "apple", "apricot");
    }

    @Test
    void query_keyConditionWithPlaceholderNames_works() {
        QueryResponse response = query(q -> q.consistentRead(true).keyConditionExpression("#p = :p AND #s > :a")
                .expressionAttributeNames(names("#p", "pk", "#s", "sk"))
                .expressionAttributeValues(item(":p", s("p"), ":a", n(8))));

        assertThat(sortKeys(response)).isEqualTo(range(9, 10));
    }

    @Test
    void query_filterExpression_dropsItemsAfterReading() {
        QueryResponse response = query(q -> q.consistentRead(true).keyConditionExpression("pk = :p")
                .filterExpression("f = :even").expressionAttributeValues(item(":p", s("p"), ":even", s("even"))));

        assertThat(sortKeys(response)).containsExactly("2", "4", "6", "8", "10");
        assertThat(response.count()).isEqualTo(5);
        assertThat(response.scannedCount()).isEqualTo(10);
    }

    @Test
    void query_appliesLimitBeforeTheFilter() {
        // dynalite query.js, "should only return Limit items if requested and QueryFilter"
        QueryResponse response = query(q -> q.consistentRead(true).keyConditionExpression("pk = :p").limit(4)
                .filterExpression("f = :even").expressionAttributeValues(item(":p", s("p"), ":even", s("even"))));

        assertThat(sortKeys(response)).containsExactly("2", "4");
        assertThat(response.count()).isEqualTo(2);
        assertThat(response.scannedCount()).isEqualTo(4);
        assertThat(response.lastEvaluatedKey()).isEqualTo(item("pk", s("p"), "sk", n(4)));
    }

    @Test
    void query_filterOnAKeyAttribute_isRefused() {
        assertValidation(() -> query(q -> q.keyConditionExpression("pk = :p").filterExpression("sk = :a")
                        .expressionAttributeValues(item(":p", s("p"), ":a", n(1)))),
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
    }

    @Test
    void query_projectionExpression_returnsOnlyThoseAttributes() {
        QueryResponse response = query(q -> q.consistentRead(true).keyConditionExpression("pk = :p AND sk = :a")
                .projectionExpression("x, sk").expressionAttributeValues(item(":p", s("p"), ":a", n(3))));

        assertThat(response.items()).containsExactly(item("sk", n(3), "x", s("x3")));
    }

    @Test
    void query_selectCount_returnsTheCountWithoutItems() {
        QueryResponse response = query(q -> q.consistentRead(true).keyConditionExpression("pk = :p")
                .select(Select.COUNT).expressionAttributeValues(item(":p", s("p"))));

        assertThat(response.count()).isEqualTo(10);
        assertThat(response.scannedCount()).isEqualTo(10);
        assertThat(response.hasItems()).isFalse();
    }

    @Test
    void query_selectCountWithLimit_stillReturnsLastEvaluatedKey() {
        // dynalite query.js, "should return LastEvaluatedKey even if only Count is selected"
        QueryResponse response = query(q -> q.consistentRead(true).keyConditionExpression("pk = :p")
                .select(Select.COUNT).limit(2).expressionAttributeValues(item(":p", s("p"))));

        assertThat(response.count()).isEqualTo(2);
        assertThat(response.lastEvaluatedKey()).isEqualTo(item("pk", s("p"), "sk", n(2)));
    }

    @Test
    void query_selectSpecificAttributes_withAProjection_returnsThem() {
        QueryResponse response = query(q -> q.consistentRead(true).keyConditionExpression("pk = :p AND sk = :a")
                .select(Select.SPECIFIC_ATTRIBUTES).projectionExpression("y")
                .expressionAttributeValues(item(":p", s("p"), ":a", n(1))));

        assertThat(response.items()).containsExactly(item("y", s("y1")));
    }

    @Test
    void query_selectAllAttributes_returnsWholeItems() {
        QueryResponse response = query(q -> q.consistentRead(true).keyConditionExpression("pk = :p AND sk = :a")
                .select(Select.ALL_ATTRIBUTES).expressionAttributeValues(item(":p", s("p"), ":a", n(1))));

        assertThat(response.items()).containsExactly(item("pk", s("p"), "sk", n(1), "l", n(99), "x", s("x1"),
                "y", s("y1"), "f", s("odd"), "g", s("g"), "gs", n(1)));
    }

    @Test
    void query_pagesWithExclusiveStartKeyAndLastEvaluatedKey_coverThePartitionOnce() {
        List<QueryResponse> pages = pages(from -> query(q -> q.consistentRead(true)
                .keyConditionExpression("pk = :p").limit(10).exclusiveStartKey(from)
                .expressionAttributeValues(item(":p", s("many")))), QueryResponse::lastEvaluatedKey, 50);

        List<String> seen = new ArrayList<>();
        for (QueryResponse page : pages) {
            assertThat(page.count()).isLessThanOrEqualTo(10);
            seen.addAll(sortKeys(page));
            if (page.hasLastEvaluatedKey()) {
                assertThat(page.lastEvaluatedKey()).isEqualTo(page.items().get(page.items().size() - 1));
            }
        }
        assertThat(seen).isEqualTo(range(0, 94));
        assertThat(pages).hasSize(10);
    }

    @Test
    void query_scanIndexForwardFalse_returnsDescendingAndPagesBackwards() {
        QueryResponse first = query(q -> q.consistentRead(true).keyConditionExpression("pk = :p")
                .scanIndexForward(false).limit(3).expressionAttributeValues(item(":p", s("p"))));
        QueryResponse second = query(q -> q.consistentRead(true).keyConditionExpression("pk = :p")
                .scanIndexForward(false).limit(3).exclusiveStartKey(first.lastEvaluatedKey())
                .expressionAttributeValues(item(":p", s("p"))));

        assertThat(sortKeys(first)).containsExactly("10", "9", "8");
        assertThat(first.lastEvaluatedKey()).isEqualTo(item("pk", s("p"), "sk", n(8)));
        assertThat(sortKeys(second)).containsExactly("7", "6", "5");
    }

    @Test
    void query_globalIndex_returnsOnlyItemsWithTheIndexKeyInIndexOrder() {
        QueryResponse response = query(q -> q.indexName("byG").keyConditionExpression("g = :g")
                .scanIndexForward(false).expressionAttributeValues(item(":g", s("g"))));

        assertThat(response.items()).extracting(i -> i.get("gs").n()).containsExactly("9", "7", "5", "3", "1");
        assertThat(response.items().get(0)).containsEntry("y", s("y9")).containsEntry("pk", s("p"));
    }

    @Test
    void query_globalIndexPaging_lastEvaluatedKeyHasTableAndIndexKeys() {
        QueryResponse first = query(q -> q.indexName("byG").keyConditionExpression("g = :g").limit(2)
                .expressionAttributeValues(item(":g", s("g"))));
        QueryResponse second = query(q -> q.indexName("byG").keyConditionExpression("g = :g").limit(2)
                .exclusiveStartKey(first.lastEvaluatedKey()).expressionAttributeValues(item(":g", s("g"))));

        assertThat(first.lastEvaluatedKey()).isEqualTo(item("pk", s("p"), "sk", n(3), "g", s("g"), "gs", n(3)));
        assertThat(second.items()).extracting(i -> i.get("gs").n()).containsExactly("5", "7");
    }

    @Test
    void query_keysOnlyIndex_returnsOnlyTableAndIndexKeys() {
        QueryResponse response = query(q -> q.indexName("keysOnly").keyConditionExpression("g = :g AND gs = :one")
                .expressionAttributeValues(item(":g", s("g"), ":one", n(1))));

        assertThat(response.items()).containsExactly(item("pk", s("p"), "sk", n(1), "g", s("g"), "gs", n(1)));
    }

    @Test
    void query_includeIndex_returnsKeysAndTheIncludedAttributes() {
        QueryResponse response = query(q -> q.indexName("include").keyConditionExpression("g = :g AND gs = :one")
                .expressionAttributeValues(item(":g", s("g"), ":one", n(1))));

        assertThat(response.items()).containsExactly(item("pk", s("p"), "sk", n(1), "g", s("g"), "gs", n(1),
                "x", s("x1")));
    }

    @Test
    void query_selectAllAttributesOnAKeysOnlyGlobalIndex_isRefused() {
        assertValidation(() -> query(q -> q.indexName("keysOnly").keyConditionExpression("g = :g")
                        .select(Select.ALL_ATTRIBUTES).expressionAttributeValues(item(":g", s("g")))),
                "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global "
                        + "secondary index keysOnly because its projection type is not ALL");
    }

    @Test
    void query_localIndex_ordersByTheIndexSortKey() {
        QueryResponse response = query(q -> q.indexName("byL").consistentRead(true)
                .keyConditionExpression("pk = :p AND l > :l").expressionAttributeValues(item(":p", s("p"),
                        ":l", n(95))));

        assertThat(response.items()).extracting(i -> i.get("l").n()).containsExactly("96", "97", "98", "99");
        assertThat(sortKeys(response)).containsExactly("4", "3", "2", "1");
    }

    @Test
    void query_consistentReadOnAGlobalIndex_isRefused() {
        assertValidation(() -> query(q -> q.indexName("byG").consistentRead(true).keyConditionExpression("g = :g")
                        .expressionAttributeValues(item(":g", s("g")))),
                "Consistent reads are not supported on global secondary indexes");
    }

    @Test
    void query_unknownIndex_isRefused() {
        assertValidation(() -> query(q -> q.indexName("whatever").keyConditionExpression("g = :g")
                        .expressionAttributeValues(item(":g", s("g")))),
                "The table does not have the specified index: whatever");
    }

    @Test
    void query_withoutTheHashKey_isRefused() {
        assertValidation(() -> query(q -> q.keyConditionExpression("sk = :a")
                        .expressionAttributeValues(item(":a", n(1)))),
                "Query condition missed key schema element: pk");
    }

    @Test
    void query_betweenBoundsInTheWrongOrder_isRefused() {
        assertValidation(() -> db.query(q -> q.tableName(strings).keyConditionExpression("pk = :p AND sk BETWEEN :b AND :a")
                        .expressionAttributeValues(item(":p", s("p"), ":a", s("a"), ":b", s("b")))),
                "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or "
                        + "equal to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: "
                        + "AttributeValue: {S:a}");
    }

    @Test
    void query_unsupportedOperatorInKeyCondition_isRefused() {
        assertValidation(() -> query(q -> q.keyConditionExpression("pk = :p AND sk <> :a")
                        .expressionAttributeValues(item(":p", s("p"), ":a", n(1)))),
                "Invalid operator used in KeyConditionExpression: <>");
    }

    @Test
    void query_limitZero_isRefused() {
        // dynalite query.js lists this among several constraint failures
        assertValidation(() -> query(q -> q.keyConditionExpression("pk = :p").limit(0)
                        .expressionAttributeValues(item(":p", s("p")))),
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
    }

    @Test
    void query_stopsAPageAtOneMegabyte() {
        String big = repeat('v', 100 * 1024);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add(item("pk", s("big"), "sk", n(i), "v", s(big)));
        }
        for (Map<String, AttributeValue> item : items) {
            db.putItem(r -> r.tableName(table).item(item));
        }

        // the first page with its items, the rest counted only
        List<QueryResponse> pages = pages(from -> query(q -> q.consistentRead(true).keyConditionExpression("pk = :p")
                .exclusiveStartKey(from).select(from == null ? null : Select.COUNT)
                .expressionAttributeValues(item(":p", s("big")))), QueryResponse::lastEvaluatedKey, 31);
        QueryResponse first = pages.get(0);

        assertThat(first.hasLastEvaluatedKey()).isTrue();
        assertThat(first.count()).isBetween(1, 11);
        int total = pages.stream().mapToInt(QueryResponse::count).sum();
        assertThat(total).isEqualTo(30);
    }
}
