package io.wschat.dynamodb.internal.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.wschat.dynamodb.internal.ApiException;
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
 * BatchGetItem (at most 100 keys) and BatchWriteItem (at most 25 puts and deletes). Nothing is left unprocessed:
 * there is no capacity to run out of, so UnprocessedKeys and UnprocessedItems are always empty.
 */
final class BatchOperations {

    static final int MAX_GET_KEYS = 100;
    static final int MAX_WRITES = 25;

    private final Database database;

    BatchOperations(Database database) {
        this.database = database;
    }

    JsonObject batchGetItem(Request request) {
        Request requestItems = request.requiredObject("RequestItems");
        int total = 0;
        for (Map.Entry<String, JsonElement> entry : requestItems.json().entrySet()) {
            JsonArray keys = new Request(entry.getValue().getAsJsonObject()).array("Keys");
            if (keys.size() > MAX_GET_KEYS) {
                throw Request.constraint(keys.toString(), "requestItems." + entry.getKey() + ".member.keys",
                        "Member must have length less than or equal to " + MAX_GET_KEYS);
            }
            total += keys.size();
        }
        if (total > MAX_GET_KEYS) {
            throw ApiException.validation("Too many items requested for the BatchGetItem call");
        }
        if (requestItems.json().isEmpty()) {
            throw Request.constraint("{}", "requestItems",
                    "Member must have length greater than or equal to 1");
        }
        JsonObject responses = new JsonObject();
        for (Map.Entry<String, JsonElement> entry : requestItems.json().entrySet()) {
            Table table = database.table(entry.getKey());
            Request tableRequest = new Request(entry.getValue().getAsJsonObject());
            tableRequest.refuseLegacy("AttributesToGet");
            ExpressionContext context = new ExpressionContext(tableRequest.names(), null);
            Projection projection = ItemOperations.projection(tableRequest, context);
            context.checkAllUsed();
            List<Key> keys = new ArrayList<>();
            Set<Key> seen = new HashSet<>();
            for (JsonElement keyJson : tableRequest.array("Keys")) {
                Key key = ItemRules.key(table, ValueJson.readItem(keyJson));
                if (!seen.add(key)) {
                    throw ApiException.validation("Provided list of item keys contains duplicates");
                }
                keys.add(key);
            }
            if (keys.isEmpty()) {
                throw Request.constraint("[]", "requestItems." + entry.getKey() + ".member.keys",
                        "Member must have length greater than or equal to 1");
            }
            JsonArray items = new JsonArray();
            for (Key key : keys) {
                Map<String, Value> item = table.get(key);
                if (item != null) {
                    items.add(ValueJson.writeItem(projection == null ? item : projection.apply(item)));
                }
            }
            responses.add(entry.getKey(), items);
        }
        JsonObject response = new JsonObject();
        response.add("Responses", responses);
        response.add("UnprocessedKeys", new JsonObject());
        return response;
    }

    JsonObject batchWriteItem(Request request) {
        Request requestItems = request.requiredObject("RequestItems");
        int total = 0;
        for (Map.Entry<String, JsonElement> entry : requestItems.json().entrySet()) {
            if (!entry.getValue().isJsonArray()) {
                throw ApiException.serialization("Unexpected value type in payload");
            }
            total += entry.getValue().getAsJsonArray().size();
        }
        if (total > MAX_WRITES || requestItems.json().isEmpty()) {
            throw Request.constraint(requestItems.json().toString(), "requestItems", "Map value must satisfy "
                    + "constraint: [Member must have length less than or equal to 25, Member must have length "
                    + "greater than or equal to 1]");
        }
        List<ItemWrite> writes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Table> tables = new ArrayList<>();
        for (Map.Entry<String, JsonElement> entry : requestItems.json().entrySet()) {
            Table table = database.table(entry.getKey());
            tables.add(table);
            for (JsonElement element : entry.getValue().getAsJsonArray()) {
                Request write = new Request(element.getAsJsonObject());
                Request put = write.object("PutRequest");
                Request delete = write.object("DeleteRequest");
                if ((put == null) == (delete == null)) {
                    throw ApiException.validation("Supplied AttributeValue has more than one datatypes set, must "
                            + "contain exactly one of the supported datatypes");
                }
                ItemWrite itemWrite = put != null
                        ? ItemWrite.put(table, put.item("Item"), null, false)
                        : ItemWrite.delete(table, ItemRules.key(table, delete.item("Key")), null, false);
                if (!seen.add(entry.getKey() + "\u0000" + itemWrite.key)) {
                    throw ApiException.validation("Provided list of item keys contains duplicates");
                }
                writes.add(itemWrite);
            }
        }
        Runnable unlock = Database.lockAll(tables);
        try {
            List<Database.Write> changes = new ArrayList<>();
            for (ItemWrite write : writes) {
                changes.add(new Database.Write(write.table, write.key, write.next(write.table.get(write.key))));
            }
            database.apply(changes);
        } finally {
            unlock.run();
        }
        JsonObject response = new JsonObject();
        response.add("UnprocessedItems", new JsonObject());
        return response;
    }
}
