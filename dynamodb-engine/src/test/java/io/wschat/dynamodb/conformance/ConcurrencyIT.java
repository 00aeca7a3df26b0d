package io.wschat.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Conditional writes from many threads at once are applied one at a time. */
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
}
