package io.wschat.dynamodb.internal.api;

import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.expression.Condition;
import io.wschat.dynamodb.internal.expression.Update;
import io.wschat.dynamodb.internal.json.ValueJson;
import io.wschat.dynamodb.internal.table.Key;
import io.wschat.dynamodb.internal.table.Table;
import io.wschat.dynamodb.internal.value.Value;
import java.util.Map;

/**
 * One write to one item, as PutItem, UpdateItem, DeleteItem, a batch or a transaction asks for it: the condition to
 * check against the item as it is, and how the item changes. Evaluated while the table's lock is held.
 */
final class ItemWrite {

    enum Kind {
        PUT,
        UPDATE,
        DELETE,
        CONDITION_CHECK
    }

    final Kind kind;
    final Table table;
    final Key key;
    final Condition condition;
    final boolean returnOldOnFailure;
    private final Map<String, Value> item;
    private final Update update;

    private ItemWrite(Kind kind, Table table, Key key, Condition condition, boolean returnOldOnFailure,
            Map<String, Value> item, Update update) {
        this.kind = kind;
        this.table = table;
        this.key = key;
        this.condition = condition;
        this.returnOldOnFailure = returnOldOnFailure;
        this.item = item;
        this.update = update;
    }

    static ItemWrite put(Table table, Map<String, Value> item, Condition condition, boolean returnOldOnFailure) {
        ItemRules.checkItem(table, item);
        return new ItemWrite(Kind.PUT, table, table.keyOf(item), condition, returnOldOnFailure, item, null);
    }

    static ItemWrite update(Table table, Key key, Update update, Condition condition, boolean returnOldOnFailure) {
        return new ItemWrite(Kind.UPDATE, table, key, condition, returnOldOnFailure, null, update);
    }

    static ItemWrite delete(Table table, Key key, Condition condition, boolean returnOldOnFailure) {
        return new ItemWrite(Kind.DELETE, table, key, condition, returnOldOnFailure, null, null);
    }

    static ItemWrite conditionCheck(Table table, Key key, Condition condition, boolean returnOldOnFailure) {
        return new ItemWrite(Kind.CONDITION_CHECK, table, key, condition, returnOldOnFailure, null, null);
    }

    /** Whether the condition holds for the item as it is now (null when missing). */
    boolean conditionHolds(Map<String, Value> old) {
        return condition == null || condition.test(old == null ? Map.of() : old);
    }

    /** The failure DynamoDB answers when the condition does not hold, with the item when asked for. */
    ApiException conditionFailure(Map<String, Value> old) {
        ApiException failure = ApiException.conditionalCheckFailed();
        if (returnOldOnFailure && old != null) {
            failure.withMember("Item", ValueJson.writeItem(old));
        }
        return failure;
    }

    /** The item after this write (null when deleted); for a condition check, the item unchanged. */
    Map<String, Value> next(Map<String, Value> old) {
        switch (kind) {
            case PUT:
                return item;
            case DELETE:
                return null;
            case CONDITION_CHECK:
                return old;
            default:
                Map<String, Value> start = old != null ? old : table.keyAttributes(key);
                Map<String, Value> updated = update == null ? start : update.apply(start);
                ItemRules.checkItem(table, updated, "Item size to update has exceeded the maximum allowed size");
                return updated;
        }
    }

    boolean writes() {
        return kind != Kind.CONDITION_CHECK;
    }

}
