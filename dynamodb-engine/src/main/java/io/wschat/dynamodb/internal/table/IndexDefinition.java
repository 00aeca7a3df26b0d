package io.wschat.dynamodb.internal.table;

import java.util.List;

/**
 * A secondary index: global (any partition key) or local (the table's partition key, another sort key), its key
 * schema and projection ({@code KEYS_ONLY}, {@code INCLUDE} with non-key attributes, or {@code ALL}).
 */
public record IndexDefinition(String name, boolean global, KeyAttributes keys, String projectionType,
        List<String> nonKeyAttributes, Throughput throughput) {

    public IndexDefinition {
        nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
    }
}
