package io.wschat.dynamodb.internal.api;

import io.wschat.dynamodb.internal.table.IndexDefinition;
import io.wschat.dynamodb.internal.table.KeyAttributes;
import io.wschat.dynamodb.internal.value.Value;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An item as a KEYS_ONLY or INCLUDE index holds it: a read-only view of the table's item showing only the key
 * attributes and the included ones, so a page of an index is read without copying each item.
 */
final class IndexProjection extends AbstractMap<String, Value> {

    private final Map<String, Value> item;
    private final Set<String> projected;

    private IndexProjection(Map<String, Value> item, Set<String> projected) {
        this.item = item;
        this.projected = projected;
    }

    /** The attribute names an index holds: the table's keys, its own keys, and the included attributes. */
    static Set<String> projectedNames(KeyAttributes tableKeys, IndexDefinition index) {
        Set<String> names = new HashSet<>(index.nonKeyAttributes());
        names.add(tableKeys.hashName());
        names.add(index.keys().hashName());
        if (tableKeys.hasRange()) {
            names.add(tableKeys.rangeName());
        }
        if (index.keys().hasRange()) {
            names.add(index.keys().rangeName());
        }
        return names;
    }

    static IndexProjection of(Map<String, Value> item, Set<String> projected) {
        return new IndexProjection(item, projected);
    }

    @Override
    public Value get(Object name) {
        return projected.contains(name) ? item.get(name) : null;
    }

    @Override
    public boolean containsKey(Object name) {
        return projected.contains(name) && item.containsKey(name);
    }

    @Override
    public Set<Entry<String, Value>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Value>> iterator() {
                Iterator<Entry<String, Value>> all = item.entrySet().iterator();
                return new Iterator<>() {
                    private Entry<String, Value> next = advance();

                    private Entry<String, Value> advance() {
                        while (all.hasNext()) {
                            Entry<String, Value> entry = all.next();
                            if (projected.contains(entry.getKey())) {
                                return entry;
                            }
                        }
                        return null;
                    }

                    @Override
                    public boolean hasNext() {
                        return next != null;
                    }

                    @Override
                    public Entry<String, Value> next() {
                        if (next == null) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Value> current = next;
                        next = advance();
                        return current;
                    }
                };
            }

            @Override
            public int size() {
                int size = 0;
                for (String name : item.keySet()) {
                    if (projected.contains(name)) {
                        size++;
                    }
                }
                return size;
            }
        };
    }
}
