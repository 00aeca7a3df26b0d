package io.wschat.dynamodb.internal.storage;

import java.util.List;
import java.util.Map;

/**
 * Where tables outlive the process. The engine serves from memory and writes every acknowledged change here first;
 * at start-up it loads everything back. Items and definitions are kept as DynamoDB JSON text.
 */
public interface Store extends AutoCloseable {

    /** One item written (item JSON) or deleted (null) in a table, by its key JSON. */
    record Change(String tableId, String key, String item) {
    }

    /** A table as stored: its definition and its items (key JSON to item JSON). */
    record StoredTable(String definition, Map<String, String> items) {
    }

    /** Every stored table by id. */
    Map<String, StoredTable> load();

    /** Creates or replaces a table's definition. */
    void saveTable(String tableId, String definition);

    /** Forgets a table and its items. */
    void dropTable(String tableId);

    /** Writes these changes together: after a crash either all of them are there or none. */
    void write(List<Change> changes);

    @Override
    void close();

    /** No persistence: everything lives in memory only. */
    static Store none() {
        return new Store() {
            @Override
            public Map<String, StoredTable> load() {
                return Map.of();
            }

            @Override
            public void saveTable(String tableId, String definition) {
            }

            @Override
            public void dropTable(String tableId) {
            }

            @Override
            public void write(List<Change> changes) {
            }

            @Override
            public void close() {
            }
        };
    }
}
