package io.wschat.dynamodb.internal.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One request's JSON body (or a part of it), read with DynamoDB's checks and messages: required members, table name
 * rules, enum values, and the wrong JSON type for a member as a SerializationException.
 */
public final class Request {

    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private final JsonObject json;

    public Request(JsonObject json) {
        this.json = json;
    }

    public JsonObject json() {
        return json;
    }

    public boolean has(String member) {
        JsonElement element = json.get(member);
        return element != null && !element.isJsonNull();
    }

    public String string(String member) {
        JsonElement element = member(member, JsonElement::isJsonPrimitive);
        return element == null ? null : element.getAsString();
    }

    public String requiredString(String member) {
        return required(string(member), member);
    }

    /** A table or index name: 3 to 255 characters of {@code [a-zA-Z0-9_.-]}. */
    public String tableName(String member) {
        String name = requiredString(member);
        List<String> problems = new ArrayList<>();
        if (!TABLE_NAME.matcher(name).matches()) {
            problems.add("Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        if (name.length() < 3) {
            problems.add("Member must have length greater than or equal to 3");
        }
        if (name.length() > 255) {
            problems.add("Member must have length less than or equal to 255");
        }
        if (!problems.isEmpty()) {
            throw constraint(name, member, String.join(", ", problems));
        }
        return name;
    }

    public String tableName() {
        return tableName("TableName");
    }

    /** An enum member, or {@code otherwise} when absent. */
    public String enumValue(String member, Set<String> allowed, String otherwise) {
        String value = string(member);
        if (value == null) {
            return otherwise;
        }
        if (!allowed.contains(value)) {
            throw constraint(value, member,
                    "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
        }
        return value;
    }

    public boolean bool(String member, boolean otherwise) {
        JsonElement element = member(member, e -> e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean());
        return element == null ? otherwise : element.getAsBoolean();
    }

    /** An integer member, or null when absent. */
    public Integer integer(String member) {
        JsonElement element = member(member, Request::isNumber);
        if (element == null) {
            return null;
        }
        try {
            return Integer.valueOf(element.getAsString());
        } catch (NumberFormatException e) {
            throw ApiException.serialization("Unexpected value type in payload");
        }
    }

    public Long longValue(String member) {
        JsonElement element = member(member, Request::isNumber);
        return element == null ? null : element.getAsLong();
    }

    /** An object member that must be present. */
    public Request requiredObject(String member) {
        return required(object(member), member);
    }

    private static <T> T required(T value, String member) {
        if (value == null) {
            throw constraint(null, member, "Member must not be null");
        }
        return value;
    }

    public Request object(String member) {
        JsonElement element = member(member, JsonElement::isJsonObject);
        return element == null ? null : new Request(element.getAsJsonObject());
    }

    public List<Request> objects(String member) {
        List<Request> result = new ArrayList<>();
        for (JsonElement element : array(member)) {
            result.add(new Request(checked(element, JsonElement::isJsonObject).getAsJsonObject()));
        }
        return result;
    }

    public List<String> strings(String member) {
        List<String> result = new ArrayList<>();
        for (JsonElement element : array(member)) {
            result.add(checked(element, JsonElement::isJsonPrimitive).getAsString());
        }
        return result;
    }

    /** A JSON array member; empty when absent. */
    public JsonArray array(String member) {
        JsonElement element = member(member, JsonElement::isJsonArray);
        return element == null ? new JsonArray() : element.getAsJsonArray();
    }

    /** A member that is present and of the JSON type {@code ofType} accepts; null when absent or JSON null. */
    private JsonElement member(String member, Predicate<JsonElement> ofType) {
        JsonElement element = json.get(member);
        if (element == null || element.isJsonNull()) {
            return null;
        }
        return checked(element, ofType);
    }

    /** The element itself when {@code ofType} accepts it; otherwise DynamoDB's SerializationException. */
    private static JsonElement checked(JsonElement element, Predicate<JsonElement> ofType) {
        if (!ofType.test(element)) {
            throw ApiException.serialization("Unexpected value type in payload");
        }
        return element;
    }

    private static boolean isNumber(JsonElement element) {
        return element.isJsonPrimitive() && element.getAsJsonPrimitive().isNumber();
    }

    public Map<String, Value> item(String member) {
        return ValueJson.readItem(json.get(member));
    }

    /** ExpressionAttributeNames, or null. */
    public Map<String, String> names() {
        Request names = object("ExpressionAttributeNames");
        if (names == null) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : names.json.entrySet()) {
            result.put(entry.getKey(), checked(entry.getValue(), JsonElement::isJsonPrimitive).getAsString());
        }
        return result;
    }

    /** ExpressionAttributeValues, or null. */
    public Map<String, Value> values() {
        return ValueJson.readItem(json.get("ExpressionAttributeValues"));
    }

    /** Refuses the legacy parameters that expressions replace. */
    public void refuseLegacy(String... members) {
        for (String member : members) {
            if (has(member)) {
                throw ApiException.validation("The legacy parameter " + member
                        + " is not supported by this engine; use the expression parameters instead");
            }
        }
    }

    /**
     * DynamoDB's "1 validation error detected: Value 'X' at 'member' failed to satisfy constraint: ...", with the
     * value quoted, or {@code null} unquoted when absent.
     */
    public static ApiException constraint(Object value, String member, String constraint) {
        return ApiException.validation("1 validation error detected: Value " + (value == null ? "null"
                : "'" + value + "'") + " at '" + camel(member) + "' failed to satisfy constraint: " + constraint);
    }

    private static String camel(String member) {
        return member.isEmpty() ? member : Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
