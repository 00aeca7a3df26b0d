package io.wschat.dynamodb.internal.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Tables kept in one H2 MVStore file in the data folder: a map of table definitions, and one map of items per
 * table. Each write is committed before it is acknowledged, so a {@code kill -9} loses nothing that was answered;
 * MVStore recovers the last committed version of the file at the next start.
 */
public final class MvStore implements Store {

    private static final String TABLES = "tables";
    private static final String ITEMS = "items-";

    private final MVStore store;
    private final MVMap<String, String> tables;

    private MvStore(MVStore store) {
        this.store = store;
        this.tables = store.openMap(TABLES);
    }

    public static MvStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dataDir, e);
        }
        MVStore store = new MVStore.Builder()
                .fileName(dataDir.resolve("dynamodb.mv.db").toString())
                .autoCommitDisabled()
                .open();
        return new MvStore(store);
    }

    @Override
    public synchronized Map<String, StoredTable> load() {
        Map<String, StoredTable> result = new HashMap<>();
        for (Map.Entry<String, String> table : tables.entrySet()) {
            MVMap<String, String> items = store.openMap(ITEMS + table.getKey());
            result.put(table.getKey(), new StoredTable(table.getValue(), new HashMap<>(items)));
        }
        return result;
    }

    @Override
    public synchronized void saveTable(String tableId, String definition) {
        tables.put(tableId, definition);
        store.openMap(ITEMS + tableId);
        store.commit();
    }

    @Override
    public synchronized void dropTable(String tableId) {
        tables.remove(tableId);
        if (store.hasMap(ITEMS + tableId)) {
            store.removeMap(ITEMS + tableId);
        }
        store.commit();
    }

    @Override
    public synchronized void write(List<Change> changes) {
        for (Change change : changes) {
            MVMap<String, String> items = store.openMap(ITEMS + change.tableId());
            if (change.item() == null) {
                items.remove(change.key());
            } else {
                items.put(change.key(), change.item());
            }
        }
        store.commit();
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
