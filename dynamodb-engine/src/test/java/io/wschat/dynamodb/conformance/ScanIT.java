package io.wschat.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Scan: filters, projections, Select, Limit, paging, parallel segments, secondary indexes, the 1 MB page. */
class ScanIT extends ConformanceTest {

    private static final int ITEMS = 120;

    private String table;

    @BeforeAll
    void createTable() {
        table = createTable("scan", t -> t
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("g", ScalarAttributeType.S))
                .keySchema(hashKey("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("keysOnly").keySchema(hashKey("g"))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            Map<String, AttributeValue> item = item("pk", s("item" + i), "n", n(i), "x", s("x"),
                    "f", s(i % 3 == 0 ? "three" : "other"));
            if (i < 7) {
                item.put("g", s("g" + i));
            }
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        for (int from = 0; from < writes.size(); from += 25) {
            Map<String, List<WriteRequest>> unprocessed = Map.of(table,
                    writes.subList(from, Math.min(writes.size(), from + 25)));
            for (int attempt = 0; !unprocessed.isEmpty() && attempt < 20; attempt++) {
                Map<String, List<WriteRequest>> request = unprocessed;
                unprocessed = db.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
            }
        }
        eventually(Duration.ofSeconds(30), "items in index keysOnly",
                () -> db.scan(r -> r.tableName(table).indexName("keysOnly")).count() == 7);
    }

    private ScanResponse scan(Consumer<ScanRequest.Builder> customizer) {
        ScanRequest.Builder request = ScanRequest.builder().tableName(table).consistentRead(true);
        customizer.accept(request);
        return db.scan(request.build());
    }

    private static List<Integer> numbers(ScanResponse response) {
        return response.items().stream().map(i -> Integer.parseInt(i.get("n").n())).collect(Collectors.toList());
    }

    @Test
    void scan_returnsEveryItem() {
        ScanResponse response = scan(r -> { });

        assertThat(numbers(response)).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, ITEMS).boxed().collect(Collectors.toList()));
        assertThat(response.count()).isEqualTo(ITEMS);
        assertThat(response.scannedCount()).isEqualTo(ITEMS);
        assertThat(response.hasLastEvaluatedKey()).isFalse();
    }

    @Test
    void scan_filterExpression_countsScannedAndReturned() {
        ScanResponse response = scan(r -> r.filterExpression("f = :three AND n < :n")
                .expressionAttributeValues(item(":three", s("three"), ":n", n(30))));

        assertThat(numbers(response)).containsExactlyInAnyOrder(0, 3, 6, 9, 12, 15, 18, 21, 24, 27);
        assertThat(response.scannedCount()).isEqualTo(ITEMS);
    }

    @Test
    void scan_filterMayUseKeyAttributes() {
        ScanResponse response = scan(r -> r.filterExpression("pk = :k").expressionAttributeValues(item(":k",
                s("item5"))));

        assertThat(numbers(response)).containsExactly(5);
    }

    @Test
    void scan_appliesLimitBeforeTheFilter() {
        ScanResponse response = scan(r -> r.limit(10).filterExpression("f = :three")
                .expressionAttributeValues(item(":three", s("three"))));

        assertThat(response.scannedCount()).isEqualTo(10);
        assertThat(response.count()).isLessThanOrEqualTo(10).isEqualTo(response.items().size());
        assertThat(response.items()).allSatisfy(i -> assertThat(i.get("f")).isEqualTo(s("three")));
        assertThat(response.hasLastEvaluatedKey()).isTrue();
    }

    @Test
    void scan_projectionAndSelectCount() {
        ScanResponse projected = scan(r -> r.projectionExpression("n").filterExpression("n = :n")
                .expressionAttributeValues(item(":n", n(1))));
        ScanResponse counted = scan(r -> r.select(Select.COUNT));

        assertThat(projected.items()).containsExactly(item("n", n(1)));
        assertThat(counted.count()).isEqualTo(ITEMS);
        assertThat(counted.hasItems()).isFalse();
    }

    @Test
    void scan_pagesWithLimitCoverEveryItemOnce() {
        List<ScanResponse> pages = pages(from -> scan(r -> r.limit(25).exclusiveStartKey(from)),
                ScanResponse::lastEvaluatedKey, 100);

        List<Integer> seen = new ArrayList<>();
        for (ScanResponse page : pages) {
            assertThat(page.count()).isLessThanOrEqualTo(25);
            seen.addAll(numbers(page));
            if (page.hasLastEvaluatedKey()) {
                assertThat(page.lastEvaluatedKey())
                        .isEqualTo(item("pk", page.items().get(page.items().size() - 1).get("pk")));
            }
        }
        assertThat(seen).hasSize(ITEMS).doesNotHaveDuplicates();
        assertThat(pages).hasSizeBetween(5, 6);
    }

    @Test
    void scan_segmentsTogetherCoverEveryItemExactlyOnce() {
        int totalSegments = 4;
        List<Integer> seen = new ArrayList<>();
        for (int segment = 0; segment < totalSegments; segment++) {
            int current = segment;
            pages(from -> scan(r -> r.segment(current).totalSegments(totalSegments).limit(7).exclusiveStartKey(from)),
                    ScanResponse::lastEvaluatedKey, 100).forEach(page -> seen.addAll(numbers(page)));
        }

        assertThat(seen).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, ITEMS).boxed().collect(Collectors.toList()));
    }

    @Test
    void scan_segmentNotBelowTotalSegments_isRefused() {
        assertValidation(() -> scan(r -> r.segment(1).totalSegments(1)),
                "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 1 is not "
                        + "less than TotalSegments: 1");
    }

    @Test
    void scan_segmentWithoutTotalSegments_isRefused() {
        assertValidation(() -> scan(r -> r.segment(0)),
                "The TotalSegments parameter is required but was not present in the request when Segment parameter "
                        + "is present");
    }

    @Test
    void scan_totalSegmentsWithoutSegment_isRefused() {
        assertValidation(() -> scan(r -> r.totalSegments(2)),
                "The Segment parameter is required but was not present in the request when parameter TotalSegments "
                        + "is present");
    }

    @Test
    void scan_exclusiveStartKeyNotMatchingTheSchema_isRefused() {
        // dynalite scan.js, "ExclusiveStartKey does not match schema"
        assertValidation(() -> scan(r -> r.exclusiveStartKey(item("pk", n(1)))),
                "The provided starting key is invalid: The provided key element does not match the schema");
        assertValidation(() -> scan(r -> r.exclusiveStartKey(item("pk", s("a"), "other", s("b")))),
                "The provided starting key is invalid: The provided key element does not match the schema");
    }

    @Test
    void scan_keysOnlyGlobalIndex_returnsOnlyIndexedItemsAndKeys() {
        ScanResponse response = db.scan(r -> r.tableName(table).indexName("keysOnly"));

        assertThat(response.items()).hasSize(7).allSatisfy(i -> assertThat(i.keySet()).containsExactlyInAnyOrder(
                "pk", "g"));
    }

    @Test
    void scan_consistentReadOnAGlobalIndex_isRefused() {
        assertValidation(() -> db.scan(r -> r.tableName(table).indexName("keysOnly").consistentRead(true)),
                "Consistent reads are not supported on global secondary indexes");
    }

    @Test
    void scan_stopsAPageAtOneMegabyte() {
        String big = hashTable("big", ScalarAttributeType.S);
        String value = repeat('v', 100 * 1024);
        for (int i = 0; i < 30; i++) {
            int id = i;
            db.putItem(r -> r.tableName(big).item(item("pk", s("big" + id), "v", s(value))));
        }

        // the first page with its items, the rest counted only
        List<ScanResponse> pages = pages(from -> db.scan(r -> r.tableName(big).consistentRead(true)
                .exclusiveStartKey(from).select(from == null ? null : Select.COUNT)),
                ScanResponse::lastEvaluatedKey, 31);
        ScanResponse first = pages.get(0);

        assertThat(first.hasLastEvaluatedKey()).isTrue();
        assertThat(first.count()).isBetween(1, 11);
        int total = pages.stream().mapToInt(ScanResponse::count).sum();
        assertThat(total).isEqualTo(30);
    }
}
