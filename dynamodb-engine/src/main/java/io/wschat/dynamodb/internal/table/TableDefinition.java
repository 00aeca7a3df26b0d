package io.wschat.dynamodb.internal.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a table is, as CreateTable, UpdateTable and UpdateTimeToLive made it: name, key schema, attribute
 * definitions, billing, indexes, stream and TTL settings. Immutable; an update makes a new definition.
 */
public record TableDefinition(String name, String tableId, KeyAttributes keys, Map<String, String> attributes,
        String billingMode, Throughput throughput, List<IndexDefinition> indexes, Instant createdAt,
        String ttlAttribute, String streamViewType) {

    public TableDefinition {
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        indexes = List.copyOf(indexes);
    }

    public boolean ttlEnabled() {
        return ttlAttribute != null;
    }

    public IndexDefinition index(String indexName) {
        for (IndexDefinition index : indexes) {
            if (index.name().equals(indexName)) {
                return index;
            }
        }
        return null;
    }

    public String arn() {
        return "arn:aws:dynamodb:ddblocal:000000000000:table/" + name;
    }

    public TableDefinition withTtl(String attribute) {
        return new TableDefinition(name, tableId, keys, attributes, billingMode, throughput, indexes, createdAt,
                attribute, streamViewType);
    }

    public TableDefinition withIndexes(List<IndexDefinition> newIndexes, Map<String, String> newAttributes) {
        return new TableDefinition(name, tableId, keys, newAttributes, billingMode, throughput, newIndexes,
                createdAt, ttlAttribute, streamViewType);
    }

    public TableDefinition withBilling(String newBillingMode, Throughput newThroughput) {
        return new TableDefinition(name, tableId, keys, attributes, newBillingMode, newThroughput, indexes,
                createdAt, ttlAttribute, streamViewType);
    }

    public TableDefinition withStream(String viewType) {
        return new TableDefinition(name, tableId, keys, attributes, billingMode, throughput, indexes, createdAt,
                ttlAttribute, viewType);
    }

    /** The indexes with one replaced, added or removed (by name). */
    public static List<IndexDefinition> without(List<IndexDefinition> indexes, String indexName) {
        List<IndexDefinition> result = new ArrayList<>();
        for (IndexDefinition index : indexes) {
            if (!index.name().equals(indexName)) {
                result.add(index);
            }
        }
        return result;
    }
}
