package io.wschat.dynamodb.internal.api;

import io.wschat.dynamodb.internal.table.Key;
import io.wschat.dynamodb.internal.table.Table;
import io.wschat.dynamodb.internal.value.Value;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deletes expired items of tables with TTL enabled, as DynamoDB's background TTL process does: an item whose TTL
 * attribute is a number of epoch seconds in the past, but not more than five years in the past (DynamoDB ignores
 * those), is deleted at the next sweep. Until then it stays readable, as in AWS.
 */
public final class TtlSweeper {

    private static final long FIVE_YEARS_SECONDS = Duration.ofDays(5 * 365).toSeconds();

    private final Database database;

    public TtlSweeper(Database database) {
        this.database = database;
    }

    /** One pass over every table; returns how many items it deleted. */
    public int sweep() {
        int deleted = 0;
        long now = database.clock().instant().getEpochSecond();
        for (Table table : database.allTables()) {
            String attribute = table.definition().ttlAttribute();
            if (attribute == null) {
                continue;
            }
            List<Key> expired = new ArrayList<>();
            for (Map.Entry<Key, Map<String, Value>> entry : table.view(null).entrySet()) {
                if (expired(entry.getValue().get(attribute), now)) {
                    expired.add(entry.getKey());
                }
            }
            if (expired.isEmpty()) {
                continue;
            }
            table.lock().lock();
            try {
                List<Database.Write> deletes = new ArrayList<>();
                for (Key key : expired) {
                    Map<String, Value> item = table.get(key);
                    if (item != null && expired(item.get(attribute), now)) {
                        deletes.add(new Database.Write(table, key, null));
                    }
                }
                if (!deletes.isEmpty() && database.allTables().contains(table)) {
                    database.apply(deletes);
                    deleted += deletes.size();
                }
            } finally {
                table.lock().unlock();
            }
        }
        return deleted;
    }

    private static boolean expired(Value value, long now) {
        if (!(value instanceof Value.N number)) {
            return false;
        }
        BigDecimal seconds = number.value();
        return seconds.compareTo(BigDecimal.valueOf(now)) < 0
                && seconds.compareTo(BigDecimal.valueOf(now - FIVE_YEARS_SECONDS)) >= 0;
    }
}
