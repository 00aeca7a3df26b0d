package io.wschat.dynamodb.internal.api;

import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.table.IndexDefinition;
import io.wschat.dynamodb.internal.table.Key;
import io.wschat.dynamodb.internal.table.KeyAttributes;
import io.wschat.dynamodb.internal.table.Table;
import io.wschat.dynamodb.internal.value.ItemSize;
import io.wschat.dynamodb.internal.value.Value;
import java.util.Map;

/** DynamoDB's checks of keys and items against a table's schema, with its messages. */
final class ItemRules {

    static final int MAX_HASH_KEY_BYTES = 2048;
    static final int MAX_RANGE_KEY_BYTES = 1024;

    private ItemRules() {
    }

    /** A Key parameter: exactly the table's key attributes, of their types. */
    static Key key(Table table, Map<String, Value> key) {
        if (key == null) {
            throw io.wschat.dynamodb.internal.json.Request.constraint(null, "key", "Member must not be null");
        }
        KeyAttributes keys = table.definition().keys();
        int expected = keys.hasRange() ? 2 : 1;
        Value hash = key.get(keys.hashName());
        Value range = keys.hasRange() ? key.get(keys.rangeName()) : null;
        if (key.size() != expected || hash == null || keys.hasRange() && range == null
                || !hash.type().equals(keys.hashType()) || range != null && !range.type().equals(keys.rangeType())) {
            throw ApiException.validation("The provided key element does not match the schema");
        }
        checkKeyValue(keys.hashName(), hash, MAX_HASH_KEY_BYTES, true);
        if (range != null) {
            checkKeyValue(keys.rangeName(), range, MAX_RANGE_KEY_BYTES, false);
        }
        return range == null ? Key.of(hash) : Key.of(hash, range);
    }

    /** An item to store: the key attributes present and typed, index keys typed, within the size limit. */
    static void checkItem(Table table, Map<String, Value> item) {
        checkItem(table, item, "Item size has exceeded the maximum allowed size");
    }

    /** The same, with the size message of the operation (UpdateItem words it differently). */
    static void checkItem(Table table, Map<String, Value> item, String sizeMessage) {
        KeyAttributes keys = table.definition().keys();
        checkKeyAttribute(item, keys.hashName(), keys.hashType(), MAX_HASH_KEY_BYTES, true);
        if (keys.hasRange()) {
            checkKeyAttribute(item, keys.rangeName(), keys.rangeType(), MAX_RANGE_KEY_BYTES, false);
        }
        for (IndexDefinition index : table.definition().indexes()) {
            checkIndexKey(index, item, index.keys().hashName(), index.keys().hashType());
            if (index.keys().hasRange()) {
                checkIndexKey(index, item, index.keys().rangeName(), index.keys().rangeType());
            }
        }
        if (ItemSize.of(item) > ItemSize.MAX_ITEM_BYTES) {
            throw ApiException.validation(sizeMessage);
        }
    }

    private static void checkKeyAttribute(Map<String, Value> item, String name, String type, int maxBytes,
            boolean hash) {
        Value value = item.get(name);
        if (value == null) {
            throw ApiException.validation("One or more parameter values were invalid: Missing the key " + name
                    + " in the item");
        }
        if (!value.type().equals(type)) {
            throw ApiException.validation("One or more parameter values were invalid: Type mismatch for key " + name
                    + " expected: " + type + " actual: " + value.type());
        }
        checkKeyValue(name, value, maxBytes, hash);
    }

    private static void checkKeyValue(String name, Value value, int maxBytes, boolean hash) {
        long size = ItemSize.of(value);
        if (size == 0) {
            throw ApiException.validation("One or more parameter values are not valid. The AttributeValue for a key "
                    + "attribute cannot contain an empty " + (value instanceof Value.S ? "string" : "binary")
                    + " value. Key: " + name);
        }
        if (size > maxBytes) {
            throw ApiException.validation(hash
                    ? "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of"
                            + MAX_HASH_KEY_BYTES + " bytes"
                    : "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the "
                            + "size limit of " + MAX_RANGE_KEY_BYTES + " bytes");
        }
    }

    private static void checkIndexKey(IndexDefinition index, Map<String, Value> item, String name, String type) {
        Value value = item.get(name);
        if (value == null) {
            return;
        }
        if (!value.type().equals(type)) {
            throw ApiException.validation("One or more parameter values were invalid: Type mismatch for Index Key "
                    + name + " Expected: " + type + " Actual: " + value.type() + " IndexName: " + index.name());
        }
        if (ItemSize.of(value) == 0) {
            throw ApiException.validation("One or more parameter values are not valid. A value specified for a "
                    + "secondary index key is not supported. The AttributeValue for a key attribute cannot contain an "
                    + "empty " + (value instanceof Value.S ? "string" : "binary") + " value. IndexName: "
                    + index.name() + ", IndexKey: " + name);
        }
    }
}
