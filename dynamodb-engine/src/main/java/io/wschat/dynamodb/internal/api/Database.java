package io.wschat.dynamodb.internal.api;

import com.google.gson.JsonParser;
import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.json.Request;
import io.wschat.dynamodb.internal.json.ValueJson;
import io.wschat.dynamodb.internal.storage.Store;
import io.wschat.dynamodb.internal.table.Key;
import io.wschat.dynamodb.internal.table.Table;
import io.wschat.dynamodb.internal.table.TableDefinition;
import io.wschat.dynamodb.internal.value.Value;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's tables by name, and the one path by which changes reach them: written to the store first, then
 * applied in memory, under the tables' locks.
 */
public final class Database implements AutoCloseable {

    private final ConcurrentSkipListMap<String, Table> tables = new ConcurrentSkipListMap<>();
    private final ReentrantLock schemaLock = new ReentrantLock();
    private final Store store;
    private final Clock clock;

    public Database(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        for (Store.StoredTable stored : store.load().values()) {
            TableDefinition definition = TableJson.readStored(new Request(
                    JsonParser.parseString(stored.definition()).getAsJsonObject()));
            Table table = new Table(definition);
            for (String item : stored.items().values()) {
                table.put(ValueJson.readItem(JsonParser.parseString(item)));
            }
            tables.put(definition.name(), table);
        }
    }

    public Clock clock() {
        return clock;
    }

    /** The table, or DynamoDB's ResourceNotFoundException. */
    public Table table(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw ApiException.resourceNotFound("Requested resource not found");
        }
        return table;
    }

    /** The table for DescribeTable and the like, whose message names it. */
    public Table describedTable(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw ApiException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
        }
        return table;
    }

    public List<String> tableNames() {
        return new ArrayList<>(tables.keySet());
    }

    public List<Table> allTables() {
        return new ArrayList<>(tables.values());
    }

    public void create(TableDefinition definition) {
        schemaLock.lock();
        try {
            if (tables.containsKey(definition.name())) {
                throw ApiException.resourceInUse("Table already exists: " + definition.name());
            }
            store.saveTable(definition.tableId(), TableJson.writeStored(definition).toString());
            tables.put(definition.name(), new Table(definition));
        } finally {
            schemaLock.unlock();
        }
    }

    /** Replaces a table's definition (indexes, TTL, billing). */
    public void redefine(Table table, TableDefinition definition) {
        table.lock().lock();
        try {
            store.saveTable(definition.tableId(), TableJson.writeStored(definition).toString());
            table.redefine(definition);
        } finally {
            table.lock().unlock();
        }
    }

    public Table delete(String name) {
        schemaLock.lock();
        try {
            Table table = describedTable(name);
            table.lock().lock();
            try {
                store.dropTable(table.definition().tableId());
                tables.remove(name);
            } finally {
                table.lock().unlock();
            }
            return table;
        } finally {
            schemaLock.unlock();
        }
    }

    /** One item to write (or, with a null item, to delete) as part of a change. */
    public record Write(Table table, Key key, Map<String, Value> item) {
    }

    /**
     * Locks the given tables in a fixed order (by name), so transactions over several tables cannot deadlock, and
     * returns the unlock.
     */
    public static Runnable lockAll(List<Table> involved) {
        TreeMap<String, Table> ordered = new TreeMap<>(Comparator.naturalOrder());
        involved.forEach(table -> ordered.put(table.definition().name(), table));
        List<ReentrantLock> locked = new ArrayList<>();
        for (Table table : ordered.values()) {
            table.lock().lock();
            locked.add(table.lock());
        }
        return () -> {
            for (int i = locked.size() - 1; i >= 0; i--) {
                locked.get(i).unlock();
            }
        };
    }

    /** Persists then applies writes whose tables' locks the caller holds. */
    public void apply(List<Write> writes) {
        List<Store.Change> changes = new ArrayList<>(writes.size());
        for (Write write : writes) {
            Table table = write.table();
            String key = ValueJson.writeItem(table.keyAttributes(write.key())).toString();
            String item = write.item() == null ? null : ValueJson.writeItem(write.item()).toString();
            changes.add(new Store.Change(table.definition().tableId(), key, item));
        }
        store.write(changes);
        for (Write write : writes) {
            if (write.item() == null) {
                write.table().remove(write.key());
            } else {
                write.table().put(write.item());
            }
        }
    }


    @Override
    public void close() {
        store.close();
    }
}
