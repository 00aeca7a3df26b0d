package io.wschat.dynamodb.internal.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.expression.Condition;
import io.wschat.dynamodb.internal.expression.ExpressionContext;
import io.wschat.dynamodb.internal.expression.Projection;
import io.wschat.dynamodb.internal.json.Request;
import io.wschat.dynamodb.internal.json.ValueJson;
import io.wschat.dynamodb.internal.table.Key;
import io.wschat.dynamodb.internal.table.Table;
import io.wschat.dynamodb.internal.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TransactWriteItems and TransactGetItems: at most 100 actions, on distinct items, all or nothing. The tables
 * involved are locked together, every condition is checked, and only then is anything written, in one store commit.
 */
final class TransactionOperations {

    static final int MAX_ACTIONS = 100;

    private final Database database;

    TransactionOperations(Database database) {
        this.database = database;
    }

    JsonObject transactWriteItems(Request request) {
        List<Request> actions = request.objects("TransactItems");
        checkCount(actions, request);
        List<ItemWrite> writes = new ArrayList<>();
        Set<String> items = new HashSet<>();
        for (Request action : actions) {
            ItemWrite write = write(action);
            if (!items.add(write.table.definition().name() + "\u0000" + write.key)) {
                throw ApiException.validation("Transaction request cannot include multiple operations on one item");
            }
            writes.add(write);
        }
        List<Table> tables = new ArrayList<>();
        writes.forEach(write -> tables.add(write.table));
        Runnable unlock = Database.lockAll(tables);
        try {
            List<Database.Write> changes = new ArrayList<>();
            JsonArray reasons = new JsonArray();
            List<String> codes = new ArrayList<>();
            boolean failed = false;
            for (ItemWrite write : writes) {
                Map<String, Value> old = write.table.get(write.key);
                JsonObject reason = new JsonObject();
                if (!write.conditionHolds(old)) {
                    failed = true;
                    reason.addProperty("Code", "ConditionalCheckFailed");
                    reason.addProperty("Message", "The conditional request failed");
                    if (write.returnOldOnFailure && old != null) {
                        reason.add("Item", ValueJson.writeItem(old));
                    }
                } else {
                    try {
                        Map<String, Value> next = write.next(old);
                        if (write.writes()) {
                            changes.add(new Database.Write(write.table, write.key, next));
                        }
                        reason.addProperty("Code", "None");
                    } catch (ApiException e) {
                        failed = true;
                        reason.addProperty("Code", "ValidationError");
                        reason.addProperty("Message", e.getMessage());
                    }
                }
                codes.add(reason.get("Code").getAsString());
                reasons.add(reason);
            }
            if (failed) {
                throw ApiException.transactionCanceled("Transaction cancelled, please refer cancellation reasons for "
                        + "specific reasons [" + String.join(", ", codes) + "]")
                        .withMember("CancellationReasons", reasons);
            }
            database.apply(changes);
        } finally {
            unlock.run();
        }
        return new JsonObject();
    }

    private ItemWrite write(Request action) {
        Request put = action.object("Put");
        Request update = action.object("Update");
        Request delete = action.object("Delete");
        Request check = action.object("ConditionCheck");
        int given = (put == null ? 0 : 1) + (update == null ? 0 : 1) + (delete == null ? 0 : 1)
                + (check == null ? 0 : 1);
        if (given != 1) {
            throw ApiException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        Request body = put != null ? put : update != null ? update : delete != null ? delete : check;
        Table table = database.table(body.tableName());
        ExpressionContext context = ItemOperations.context(body);
        boolean returnOld = ItemOperations.returnOldOnFailure(body);
        if (put != null) {
            Map<String, Value> item = body.item("Item");
            if (item == null) {
                throw Request.constraint(null, "transactItems.member.put.item", "Member must not be null");
            }
            Condition condition = ItemOperations.condition(body, context);
            context.checkAllUsed();
            return ItemWrite.put(table, item, condition, returnOld);
        }
        Key key = ItemRules.key(table, body.item("Key"));
        if (update != null) {
            if (!body.has("UpdateExpression")) {
                throw Request.constraint(null, "transactItems.member.update.updateExpression",
                        "Member must not be null");
            }
            var updateExpression = ItemOperations.update(body, context, table);
            Condition condition = ItemOperations.condition(body, context);
            context.checkAllUsed();
            return ItemWrite.update(table, key, updateExpression, condition, returnOld);
        }
        Condition condition = ItemOperations.condition(body, context);
        context.checkAllUsed();
        if (check != null) {
            if (condition == null) {
                throw Request.constraint(null, "transactItems.member.conditionCheck.conditionExpression",
                        "Member must not be null");
            }
            return ItemWrite.conditionCheck(table, key, condition, returnOld);
        }
        return ItemWrite.delete(table, key, condition, returnOld);
    }

    JsonObject transactGetItems(Request request) {
        List<Request> actions = request.objects("TransactItems");
        checkCount(actions, request);
        JsonArray responses = new JsonArray();
        List<Get> gets = new ArrayList<>();
        Set<String> items = new HashSet<>();
        for (Request action : actions) {
            Request get = action.object("Get");
            if (get == null) {
                throw Request.constraint(null, "transactItems.member.get", "Member must not be null");
            }
            Table table = database.table(get.tableName());
            Key key = ItemRules.key(table, get.item("Key"));
            if (!items.add(table.definition().name() + "\u0000" + key)) {
                throw ApiException.validation("Transaction request cannot include multiple operations on one item");
            }
            ExpressionContext context = new ExpressionContext(get.names(), null);
            Projection projection = ItemOperations.projection(get, context);
            context.checkAllUsed();
            gets.add(new Get(table, key, projection));
        }
        List<Table> tables = new ArrayList<>();
        gets.forEach(get -> tables.add(get.table()));
        Runnable unlock = Database.lockAll(tables);
        try {
            for (Get get : gets) {
                Map<String, Value> item = get.table().get(get.key());
                Projection projection = get.projection();
                JsonObject response = new JsonObject();
                if (item != null) {
                    response.add("Item", ValueJson.writeItem(projection == null ? item : projection.apply(item)));
                }
                responses.add(response);
            }
        } finally {
            unlock.run();
        }
        JsonObject response = new JsonObject();
        response.add("Responses", responses);
        return response;
    }

    private record Get(Table table, Key key, Projection projection) {
    }

    private static void checkCount(List<Request> actions, Request request) {
        if (actions.isEmpty()) {
            throw Request.constraint(request.has("TransactItems") ? "[]" : null, "transactItems",
                    request.has("TransactItems") ? "Member must have length greater than or equal to 1"
                            : "Member must not be null");
        }
        if (actions.size() > MAX_ACTIONS) {
            throw Request.constraint(request.array("TransactItems").toString(), "transactItems",
                    "Member must have length less than or equal to " + MAX_ACTIONS);
        }
    }
}
