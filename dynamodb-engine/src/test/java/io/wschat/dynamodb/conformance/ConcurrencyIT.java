package io.wschat.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Conditional writes from many threads at once are applied one at a time; updates never hide an item. */
class ConcurrencyIT extends ConformanceTest {

    @Test
    void conditionalUpdates_fromTwelveThreads_letExactlyTheLimitThrough() throws Exception {
        String table = hashTable("counter", ScalarAttributeType.S);
        db.putItem(r -> r.tableName(table).item(item("pk", s("c"), "count", n(0))));
        int threads = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        db.updateItem(r -> r.tableName(table).key(item("pk", s("c")))
                                .updateExpression("SET #c = #c + :one").conditionExpression("#c < :limit")
                                .expressionAttributeNames(names("#c", "count"))
                                .expressionAttributeValues(item(":one", n(1), ":limit", n(5))));
                        return true;
                    } catch (ConditionalCheckFailedException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<Boolean> result : results) {
                if (result.get(60, TimeUnit.SECONDS)) {
                    succeeded++;
                }
            }

            assertThat(succeeded).isEqualTo(5);
            assertThat(db.getItem(r -> r.tableName(table).key(item("pk", s("c"))).consistentRead(true)).item()
                    .get("count")).isEqualTo(n(5));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIndexQuery_duringUpdatesOfItsItems_alwaysSeesEveryItem() throws Exception {
        String table = createTable("members", t -> t
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("room", ScalarAttributeType.S))
                .keySchema(hashKey("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("room-index")
                        .keySchema(hashKey("room"), rangeKey("pk"))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
        int members = 100;
        for (int i = 0; i < members; i++) {
            String pk = "m" + i;
            db.putItem(r -> r.tableName(table).item(item("pk", s(pk), "room", s("lobby"), "count", n(0))));
        }
        AtomicBoolean querying = new AtomicBoolean(true);
        int writers = 4;
        ExecutorService writer = Executors.newFixedThreadPool(writers);
        try {
            // Updates that leave the index key alone, as the rate-limit counter of a connection row does.
            List<Future<Integer>> updates = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int first = w;
                updates.add(writer.submit(() -> {
                int done = 0;
                while (querying.get()) {
                    String pk = "m" + ((first + done * writers) % members);
                    db.updateItem(r -> r.tableName(table).key(item("pk", s(pk)))
                            .updateExpression("SET #c = #c + :one").expressionAttributeNames(names("#c", "count"))
                            .expressionAttributeValues(item(":one", n(1))));
                    done++;
                }
                return done;
                }));
            }
            for (int i = 0; i < 300; i++) {
                assertThat(db.query(r -> r.tableName(table).indexName("room-index")
                        .keyConditionExpression("room = :r").expressionAttributeValues(item(":r", s("lobby"))))
                        .count()).as("query %d", i).isEqualTo(members);
            }
            querying.set(false);
            for (Future<Integer> update : updates) {
                assertThat(update.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            querying.set(false);
            writer.shutdownNow();
        }
    }
}
