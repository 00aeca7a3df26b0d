package io.wschat.dynamodb.internal.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.expression.Condition;
import io.wschat.dynamodb.internal.expression.ExpressionContext;
import io.wschat.dynamodb.internal.expression.Expressions;
import io.wschat.dynamodb.internal.expression.KeyCondition;
import io.wschat.dynamodb.internal.expression.KeySchema;
import io.wschat.dynamodb.internal.expression.Projection;
import io.wschat.dynamodb.internal.json.Reply;
import io.wschat.dynamodb.internal.json.Request;
import io.wschat.dynamodb.internal.json.ValueJson;
import io.wschat.dynamodb.internal.table.IndexDefinition;
import io.wschat.dynamodb.internal.table.Key;
import io.wschat.dynamodb.internal.table.KeyAttributes;
import io.wschat.dynamodb.internal.table.Table;
import io.wschat.dynamodb.internal.value.ItemSize;
import io.wschat.dynamodb.internal.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * Query and Scan: a range of one partition, or every item, in key order, read in pages of at most 1 MB; Limit
 * counts the items read before FilterExpression is applied, as in DynamoDB.
 */
final class ReadOperations {

    /** DynamoDB's largest page of a Query or Scan, in bytes of items read. */
    static final long MAX_PAGE_BYTES = 1024 * 1024;

    private static final Set<String> SELECT = new LinkedHashSet<>(List.of(
            "SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"));

    private final Database database;

    ReadOperations(Database database) {
        this.database = database;
    }

    Reply query(Request request) {
        request.refuseLegacy("KeyConditions", "QueryFilter", "AttributesToGet", "ConditionalOperator");
        Table table = database.table(request.tableName());
        Read read = new Read(request, table);
        String keyText = request.string("KeyConditionExpression");
        if (keyText == null) {
            throw ApiException.validation(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        KeyAttributes keys = read.keys();
        KeyCondition keyCondition = Expressions.keyCondition(keyText, read.context,
                new KeySchema(keys.hashName(), keys.hashType(), keys.rangeName(), keys.rangeType()));
        read.prepare(true);
        boolean forward = request.bool("ScanIndexForward", true);
        Value partition = keyCondition.partitionValue();
        Key lower;
        Key upper;
        Value low = keyCondition.lowerBound();
        Value high = keyCondition.upperBound();
        lower = low == null ? Key.before(partition)
                : keyCondition.lowerInclusive() ? Key.before(partition, low) : Key.after(partition, low);
        upper = high == null ? Key.after(partition)
                : keyCondition.upperInclusive() ? Key.after(partition, high) : Key.before(partition, high);
        if (lower.compareTo(upper) > 0) {
            return read.respond(Map.<Key, Map<String, Value>>of().entrySet(), null, false);
        }
        NavigableMap<Key, Map<String, Value>> range = read.view().subMap(lower, true, upper, true);
        Key start = read.exclusiveStart();
        if (forward) {
            range = start == null ? range : range.tailMap(start, false);
        } else {
            range = start == null ? range.descendingMap() : range.headMap(start, false).descendingMap();
        }
        // The sort keys a key condition matches are one run in key order (begins_with included): past it, stop.
        return read.respond(range.entrySet(), entry -> keyCondition.matchesSort(
                keys.hasRange() ? entry.get(keys.rangeName()) : null), true);
    }

    Reply scan(Request request) {
        request.refuseLegacy("ScanFilter", "AttributesToGet", "ConditionalOperator");
        Table table = database.table(request.tableName());
        Read read = new Read(request, table);
        Integer segment = request.integer("Segment");
        Integer totalSegments = request.integer("TotalSegments");
        if (segment != null || totalSegments != null) {
            if (segment == null || totalSegments == null) {
                throw ApiException.validation(segment == null
                        ? "The Segment parameter is required but was not present in the request when parameter "
                                + "TotalSegments is present"
                        : "The TotalSegments parameter is required but was not present in the request when Segment "
                                + "parameter is present");
            }
            if (totalSegments < 1 || totalSegments > 1000000) {
                throw Request.constraint(String.valueOf(totalSegments), "totalSegments", totalSegments < 1
                        ? "Member must have value greater than or equal to 1"
                        : "Member must have value less than or equal to 1000000");
            }
            if (segment < 0 || segment >= totalSegments) {
                throw ApiException.validation("The Segment parameter is zero-based and must be less than parameter "
                        + "TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + totalSegments);
            }
        }
        read.prepare(false);
        NavigableMap<Key, Map<String, Value>> all = read.view();
        Key start = read.exclusiveStart();
        NavigableMap<Key, Map<String, Value>> range = start == null ? all : all.tailMap(start, false);
        String hashName = table.definition().keys().hashName();
        return read.respond(range.entrySet(), segment == null ? null
                : item -> Math.floorMod(item.get(hashName).hashCode(), totalSegments) == segment, false);
    }

    /** What Query and Scan share: index, projection, filter, select, limit, start key and the page. */
    private final class Read {
        final Request request;
        final Table table;
        final IndexDefinition index;
        final ExpressionContext context;
        Condition filter;
        Projection projection;
        String select;
        Integer limit;
        boolean consistent;
        private Set<String> projectedNames;

        Read(Request request, Table table) {
            this.request = request;
            this.table = table;
            String indexName = request.has("IndexName") ? request.tableName("IndexName") : null;
            this.index = indexName == null ? null : table.definition().index(indexName);
            if (indexName != null && index == null) {
                throw ApiException.validation("The table does not have the specified index: " + indexName);
            }
            this.context = ItemOperations.context(request);
        }

        KeyAttributes keys() {
            return index == null ? table.definition().keys() : index.keys();
        }

        NavigableMap<Key, Map<String, Value>> view() {
            return table.view(index == null ? null : index.name());
        }

        void prepare(boolean query) {
            consistent = request.bool("ConsistentRead", false);
            if (consistent && index != null && index.global()) {
                throw ApiException.validation("Consistent reads are not supported on global secondary indexes");
            }
            String filterText = request.string("FilterExpression");
            if (filterText == null) {
                filter = null;
            } else if (query) {
                Set<String> keyNames = new java.util.HashSet<>();
                keyNames.add(keys().hashName());
                if (keys().hasRange()) {
                    keyNames.add(keys().rangeName());
                }
                filter = Expressions.queryFilter(filterText, context, keyNames);
            } else {
                filter = Expressions.condition(filterText, "FilterExpression", context);
            }
            projection = ItemOperations.projection(request, context);
            context.checkAllUsed();
            select = request.enumValue("Select", SELECT, null);
            if (select == null) {
                select = projection != null ? "SPECIFIC_ATTRIBUTES"
                        : index != null ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
            } else if (projection != null && !"SPECIFIC_ATTRIBUTES".equals(select)) {
                throw ApiException.validation("Cannot specify the ProjectionExpression when choosing to get "
                        + select);
            } else if ("ALL_PROJECTED_ATTRIBUTES".equals(select) && index == null) {
                throw ApiException.validation(
                        "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
            } else if ("ALL_ATTRIBUTES".equals(select) && index != null && !"ALL".equals(index.projectionType())) {
                throw ApiException.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES "
                        + "is not supported for " + (index.global() ? "global" : "local") + " secondary index "
                        + index.name() + " because its projection type is not ALL");
            }
            limit = request.integer("Limit");
            if (limit != null && limit < 1) {
                throw Request.constraint(String.valueOf(limit), "limit",
                        "Member must have value greater than or equal to 1");
            }
        }

        /** The position after which to start, from ExclusiveStartKey. */
        Key exclusiveStart() {
            Map<String, Value> start = request.item("ExclusiveStartKey");
            if (start == null) {
                return null;
            }
            try {
                Map<String, Value> tableKey = table.keyAttributes(start);
                Key key = ItemRules.key(table, tableKey);
                if (index == null) {
                    if (start.size() != tableKey.size()) {
                        throw ApiException.validation("The provided key element does not match the schema");
                    }
                    return key;
                }
                Key indexKey = table.indexKey(index, start);
                if (indexKey == null) {
                    throw ApiException.validation("The provided key element does not match the schema");
                }
                return indexKey;
            } catch (ApiException e) {
                throw ApiException.validation("The provided starting key is invalid: " + e.getMessage());
            }
        }

        /** The index's projection of an item: keys only, keys and the included attributes, or everything. */
        Map<String, Value> projected(Map<String, Value> item) {
            if (index == null || "ALL".equals(index.projectionType())) {
                return item;
            }
            if (projectedNames == null) {
                projectedNames = IndexProjection.projectedNames(table.definition().keys(), index);
            }
            return IndexProjection.of(item, projectedNames);
        }

        /**
         * Reads a page. {@code inRange} picks the items that belong to the read at all (the sort condition, the scan
         * segment); when {@code contiguous}, those items are one run and the read ends after it.
         */
        Reply respond(Iterable<Map.Entry<Key, Map<String, Value>>> entries, Condition inRange,
                boolean contiguous) {
            List<Map<String, Value>> items = new ArrayList<>();
            int count = 0;
            int scanned = 0;
            long bytes = 0;
            Map<String, Value> lastEvaluated = null;
            boolean stopped = false;
            boolean counting = "COUNT".equals(select);
            for (Map.Entry<Key, Map<String, Value>> entry : entries) {
                Map<String, Value> item = projected(entry.getValue());
                if (inRange != null && !inRange.test(item)) {
                    if (contiguous && scanned > 0) {
                        break;
                    }
                    continue;
                }
                long size = ItemSize.of(item);
                if (scanned > 0 && bytes + size > MAX_PAGE_BYTES) {
                    stopped = true;
                    break;
                }
                bytes += size;
                scanned++;
                lastEvaluated = item;
                if (filter == null || filter.test(item)) {
                    count++;
                    if (!counting) {
                        items.add(projection == null ? item : projection.apply(item));
                    }
                }
                if (limit != null && scanned == limit) {
                    // DynamoDB stops at Limit and returns the position even when nothing follows.
                    stopped = true;
                    break;
                }
            }
            JsonObject response = new JsonObject();
            response.addProperty("Count", count);
            response.addProperty("ScannedCount", scanned);
            if (stopped && lastEvaluated != null) {
                response.add("LastEvaluatedKey", ValueJson.writeItem(lastEvaluatedKey(lastEvaluated)));
            }
            if (Capacity.wanted(request)) {
                response.add("ConsumedCapacity", Capacity.json(table.definition().name(),
                        Capacity.readUnits(bytes, consistent)));
            }
            return counting ? Reply.of(response) : Reply.withItems("Items", items, response);
        }

        private Map<String, Value> lastEvaluatedKey(Map<String, Value> item) {
            Map<String, Value> key = table.keyAttributes(item);
            if (index != null) {
                key.put(index.keys().hashName(), item.get(index.keys().hashName()));
                if (index.keys().hasRange()) {
                    key.put(index.keys().rangeName(), item.get(index.keys().rangeName()));
                }
            }
            return key;
        }
    }
}
