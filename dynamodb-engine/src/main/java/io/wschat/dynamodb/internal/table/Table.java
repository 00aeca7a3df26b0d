package io.wschat.dynamodb.internal.table;

import io.wschat.dynamodb.internal.value.ItemSize;
import io.wschat.dynamodb.internal.value.Value;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One table's items and its indexes, in memory, in DynamoDB's key order. Reads need no lock; writes hold
 * {@link #lock()}, so writes to one table are serialised (each item operation is atomic, and a condition is checked
 * against the item as it is when the write happens). Index entries point at the whole item; projections are applied
 * when an index is read.
 */
public final class Table {

    private volatile TableDefinition definition;
    private final ConcurrentSkipListMap<Key, Map<String, Value>> items = new ConcurrentSkipListMap<>();
    private final Map<String, ConcurrentSkipListMap<Key, Map<String, Value>>> indexes = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong bytes = new AtomicLong();

    public Table(TableDefinition definition) {
        this.definition = definition;
        for (IndexDefinition index : definition.indexes()) {
            indexes.put(index.name(), new ConcurrentSkipListMap<>());
        }
    }

    public TableDefinition definition() {
        return definition;
    }

    public ReentrantLock lock() {
        return lock;
    }

    /** Replaces the definition; with an index added it is filled from the items, with one removed it is dropped. */
    public void redefine(TableDefinition newDefinition) {
        for (IndexDefinition index : newDefinition.indexes()) {
            if (!indexes.containsKey(index.name())) {
                ConcurrentSkipListMap<Key, Map<String, Value>> entries = new ConcurrentSkipListMap<>();
                for (Map<String, Value> item : items.values()) {
                    Key key = indexKey(index, item);
                    if (key != null) {
                        entries.put(key, item);
                    }
                }
                indexes.put(index.name(), entries);
            }
        }
        indexes.keySet().removeIf(name -> newDefinition.index(name) == null);
        definition = newDefinition;
    }

    /** The table key of an item (which must have its key attributes). */
    public Key keyOf(Map<String, Value> item) {
        KeyAttributes keys = definition.keys();
        Value hash = item.get(keys.hashName());
        return keys.hasRange() ? Key.of(hash, item.get(keys.rangeName())) : Key.of(hash);
    }

    /** The key attributes of an item, as a Key parameter or LastEvaluatedKey shows them. */
    public Map<String, Value> keyAttributes(Map<String, Value> item) {
        KeyAttributes keys = definition.keys();
        Map<String, Value> key = new LinkedHashMap<>();
        key.put(keys.hashName(), item.get(keys.hashName()));
        if (keys.hasRange()) {
            key.put(keys.rangeName(), item.get(keys.rangeName()));
        }
        return key;
    }

    /** A table key as the attributes it stands for: the partition key, and the sort key if the table has one. */
    public Map<String, Value> keyAttributes(Key key) {
        KeyAttributes keys = definition.keys();
        Map<String, Value> attributes = new LinkedHashMap<>();
        attributes.put(keys.hashName(), key.part(0));
        if (keys.hasRange()) {
            attributes.put(keys.rangeName(), key.part(1));
        }
        return attributes;
    }

    /** An item's position in an index, or null when the item lacks the index's key attributes. */
    public Key indexKey(IndexDefinition index, Map<String, Value> item) {
        KeyAttributes indexKeys = index.keys();
        Value hash = item.get(indexKeys.hashName());
        if (hash == null) {
            return null;
        }
        Value range = null;
        if (indexKeys.hasRange()) {
            range = item.get(indexKeys.rangeName());
            if (range == null) {
                return null;
            }
        }
        KeyAttributes keys = definition.keys();
        Value tableHash = item.get(keys.hashName());
        Value tableRange = keys.hasRange() ? item.get(keys.rangeName()) : null;
        if (range == null) {
            return tableRange == null ? Key.of(hash, tableHash) : Key.of(hash, tableHash, tableRange);
        }
        return tableRange == null ? Key.of(hash, range, tableHash) : Key.of(hash, range, tableHash, tableRange);
    }

    public Map<String, Value> get(Key key) {
        return items.get(key);
    }

    /** Stores an item in place of any item with its key; the caller holds the lock. */
    public void put(Map<String, Value> item) {
        Key key = keyOf(item);
        Map<String, Value> old = items.put(key, item);
        if (old != null) {
            bytes.addAndGet(-ItemSize.of(old));
        }
        bytes.addAndGet(ItemSize.of(item));
        // Reads take no lock, so an index entry is replaced in place, or the new one added before the old one goes:
        // a concurrent query of the index sees the item before or after the write, never without it.
        for (IndexDefinition index : definition.indexes()) {
            ConcurrentSkipListMap<Key, Map<String, Value>> entries = indexes.get(index.name());
            Key indexKey = indexKey(index, item);
            Key oldKey = old == null ? null : indexKey(index, old);
            if (indexKey != null) {
                entries.put(indexKey, item);
            }
            if (oldKey != null && !oldKey.equals(indexKey)) {
                entries.remove(oldKey);
            }
        }
    }

    /** Removes the item with this key, returning it or null; the caller holds the lock. */
    public Map<String, Value> remove(Key key) {
        Map<String, Value> old = items.remove(key);
        if (old != null) {
            unindex(old);
            bytes.addAndGet(-ItemSize.of(old));
        }
        return old;
    }

    private void unindex(Map<String, Value> item) {
        for (IndexDefinition index : definition.indexes()) {
            Key indexKey = indexKey(index, item);
            if (indexKey != null) {
                indexes.get(index.name()).remove(indexKey);
            }
        }
    }

    /** The items in table key order, or an index's entries in its key order. */
    public NavigableMap<Key, Map<String, Value>> view(String indexName) {
        return indexName == null ? items : indexes.get(indexName);
    }

    public long itemCount() {
        return items.size();
    }

    public long sizeBytes() {
        return bytes.get();
    }

    /** How many items and bytes each index holds. */
    public Map<String, long[]> indexCounts() {
        Map<String, long[]> counts = new HashMap<>();
        for (Map.Entry<String, ConcurrentSkipListMap<Key, Map<String, Value>>> index : indexes.entrySet()) {
            long size = 0;
            for (Map<String, Value> item : index.getValue().values()) {
                size += ItemSize.of(item);
            }
            counts.put(index.getKey(), new long[] {index.getValue().size(), size});
        }
        return counts;
    }
}
