package io.wschat.dynamodb.internal.api;

import com.google.gson.JsonObject;
import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.expression.Condition;
import io.wschat.dynamodb.internal.expression.ExpressionContext;
import io.wschat.dynamodb.internal.expression.Expressions;
import io.wschat.dynamodb.internal.expression.Projection;
import io.wschat.dynamodb.internal.expression.Update;
import io.wschat.dynamodb.internal.json.Request;
import io.wschat.dynamodb.internal.json.ValueJson;
import io.wschat.dynamodb.internal.table.Key;
import io.wschat.dynamodb.internal.table.Table;
import io.wschat.dynamodb.internal.value.ItemSize;
import io.wschat.dynamodb.internal.value.Value;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** PutItem, GetItem, UpdateItem and DeleteItem. */
final class ItemOperations {

    static final Set<String> RETURN_VALUES = new LinkedHashSet<>(List.of(
            "ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"));
    private static final Set<String> FAILURE_RETURN_VALUES = new LinkedHashSet<>(List.of("ALL_OLD", "NONE"));

    private final Database database;

    ItemOperations(Database database) {
        this.database = database;
    }

    JsonObject putItem(Request request) {
        request.refuseLegacy("Expected", "ConditionalOperator");
        Table table = database.table(request.tableName());
        Map<String, Value> item = request.item("Item");
        if (item == null) {
            throw Request.constraint(null, "item", "Member must not be null");
        }
        String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD"));
        ExpressionContext context = context(request);
        Condition condition = condition(request, context);
        context.checkAllUsed();
        ItemWrite write = ItemWrite.put(table, item, condition, returnOldOnFailure(request));
        Map<String, Value> old = execute(write);
        return writeResponse(request, table, "ALL_OLD".equals(returnValues) ? old : null,
                Math.max(ItemSize.of(item), size(old)));
    }

    JsonObject getItem(Request request) {
        request.refuseLegacy("AttributesToGet");
        Table table = database.table(request.tableName());
        Key key = ItemRules.key(table, request.item("Key"));
        boolean consistent = request.bool("ConsistentRead", false);
        ExpressionContext context = context(request);
        Projection projection = projection(request, context);
        context.checkAllUsed();
        Map<String, Value> item = table.get(key);
        JsonObject response = new JsonObject();
        if (item != null) {
            response.add("Item", ValueJson.writeItem(projection == null ? item : projection.apply(item)));
        }
        if (Capacity.wanted(request)) {
            response.add("ConsumedCapacity", Capacity.json(table.definition().name(),
                    Capacity.readUnits(size(item), consistent)));
        }
        return response;
    }

    JsonObject updateItem(Request request) {
        request.refuseLegacy("AttributeUpdates", "Expected", "ConditionalOperator");
        Table table = database.table(request.tableName());
        Key key = ItemRules.key(table, request.item("Key"));
        String returnValues = returnValues(request, RETURN_VALUES);
        ExpressionContext context = context(request);
        Update update = update(request, context, table);
        Condition condition = condition(request, context);
        context.checkAllUsed();
        ItemWrite write = ItemWrite.update(table, key, update, condition, returnOldOnFailure(request));
        Map<String, Value>[] result = executeReturningNew(write);
        Map<String, Value> old = result[0];
        Map<String, Value> updated = result[1];
        Map<String, Value> attributes = switch (returnValues) {
            case "ALL_OLD" -> old;
            case "ALL_NEW" -> updated;
            case "UPDATED_OLD" -> old == null || update == null ? null : update.updatedPaths().apply(old);
            case "UPDATED_NEW" -> update == null ? null : update.updatedPaths().apply(updated);
            default -> null;
        };
        return writeResponse(request, table, attributes, Math.max(ItemSize.of(updated), size(old)));
    }

    JsonObject deleteItem(Request request) {
        request.refuseLegacy("Expected", "ConditionalOperator");
        Table table = database.table(request.tableName());
        Key key = ItemRules.key(table, request.item("Key"));
        String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD"));
        ExpressionContext context = context(request);
        Condition condition = condition(request, context);
        context.checkAllUsed();
        Map<String, Value> old = execute(ItemWrite.delete(table, key, condition, returnOldOnFailure(request)));
        return writeResponse(request, table, "ALL_OLD".equals(returnValues) ? old : null, size(old));
    }

    /**
     * A write's response: the attributes to return, when there are any, and the capacity of a write of
     * {@code bytes} when the request asks for it.
     */
    private static JsonObject writeResponse(Request request, Table table, Map<String, Value> attributes,
            long bytes) {
        JsonObject response = new JsonObject();
        if (attributes != null && !attributes.isEmpty()) {
            response.add("Attributes", ValueJson.writeItem(attributes));
        }
        if (Capacity.wanted(request)) {
            response.add("ConsumedCapacity", Capacity.json(table.definition().name(), Capacity.writeUnits(bytes)));
        }
        return response;
    }

    /** An item's size in bytes; 0 when there is none. */
    private static long size(Map<String, Value> item) {
        return item == null ? 0 : ItemSize.of(item);
    }

    /** Runs one write under its table's lock and returns the item as it was. */
    private Map<String, Value> execute(ItemWrite write) {
        return executeReturningNew(write)[0];
    }

    @SuppressWarnings("unchecked")
    private Map<String, Value>[] executeReturningNew(ItemWrite write) {
        write.table.lock().lock();
        try {
            Map<String, Value> old = write.table.get(write.key);
            if (!write.conditionHolds(old)) {
                throw write.conditionFailure(old);
            }
            Map<String, Value> next = write.next(old);
            database.apply(List.of(new Database.Write(write.table, write.key, next)));
            return new Map[] {old, next};
        } finally {
            write.table.lock().unlock();
        }
    }

    private static final List<String> EXPRESSIONS = List.of("ConditionExpression", "UpdateExpression",
            "ProjectionExpression", "FilterExpression", "KeyConditionExpression");

    /** The request's placeholders; DynamoDB refuses them in a request that has no expression to use them. */
    static ExpressionContext context(Request request) {
        boolean expressions = EXPRESSIONS.stream().anyMatch(request::has);
        if (!expressions && request.has("ExpressionAttributeNames")) {
            throw ApiException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (!expressions && request.has("ExpressionAttributeValues")) {
            throw ApiException.validation("ExpressionAttributeValues can only be specified when using expressions");
        }
        return new ExpressionContext(request.names(), request.values());
    }

    static Condition condition(Request request, ExpressionContext context) {
        String text = request.string("ConditionExpression");
        return text == null ? null : Expressions.condition(text, "ConditionExpression", context);
    }

    static Projection projection(Request request, ExpressionContext context) {
        String text = request.string("ProjectionExpression");
        return text == null ? null : Expressions.projection(text, context);
    }

    static Update update(Request request, ExpressionContext context, Table table) {
        String text = request.string("UpdateExpression");
        Set<String> keys = new HashSet<>();
        keys.add(table.definition().keys().hashName());
        if (table.definition().keys().hasRange()) {
            keys.add(table.definition().keys().rangeName());
        }
        return text == null ? null : Expressions.update(text, context, keys);
    }

    static boolean returnOldOnFailure(Request request) {
        return "ALL_OLD".equals(request.enumValue("ReturnValuesOnConditionCheckFailure", FAILURE_RETURN_VALUES,
                "NONE"));
    }

    private static String returnValues(Request request, Set<String> allowed) {
        String value = request.enumValue("ReturnValues", RETURN_VALUES, "NONE");
        if (!allowed.contains(value)) {
            throw ApiException.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        return value;
    }
}
