package io.wschat.dynamodb.internal.json;

import com.google.gson.JsonObject;
import io.wschat.dynamodb.internal.value.Value;
import java.util.List;
import java.util.Map;

/**
 * An operation's answer: a JSON object, and optionally one member whose value (a list of items) was written as text
 * straight away, so a page of a thousand items is not first built as a tree of JSON objects. Without such a member,
 * {@code itemsMember} and {@code items} are null.
 */
public record Reply(JsonObject json, String itemsMember, CharSequence items) {

    public static Reply of(JsonObject json) {
        return new Reply(json, null, null);
    }

    /** {@code json} with a member {@code name} holding these items, first. */
    public static Reply withItems(String name, List<Map<String, Value>> items, JsonObject json) {
        StringBuilder text = new StringBuilder(items.size() * 128 + 16).append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            ValueJson.writeItem(items.get(i), text);
        }
        return new Reply(json, name, text.append(']'));
    }

    @Override
    public String toString() {
        if (itemsMember == null) {
            return json.toString();
        }
        String rest = json.toString();
        StringBuilder text = new StringBuilder(items.length() + rest.length() + itemsMember.length() + 4);
        text.append('{');
        ValueJson.string(itemsMember, text);
        text.append(':').append(items);
        if (rest.length() > 2) {
            text.append(',').append(rest, 1, rest.length());
        } else {
            text.append('}');
        }
        return text.toString();
    }
}
