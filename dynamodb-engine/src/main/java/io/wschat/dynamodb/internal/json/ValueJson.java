package io.wschat.dynamodb.internal.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.value.Bytes;
import io.wschat.dynamodb.internal.value.Numbers;
import io.wschat.dynamodb.internal.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Attribute values in DynamoDB JSON ({@code {"S": "text"}}, {@code {"N": "1.5"}}, ...), read with DynamoDB's checks:
 * exactly one type per value, numbers within DynamoDB's limits, sets non-empty and without duplicates, nesting at
 * most 32 levels.
 */
public final class ValueJson {

    /** DynamoDB's deepest nesting of lists and maps. */
    public static final int MAX_DEPTH = 32;

    private ValueJson() {
    }

    /** An item or key: a JSON object of attribute names to values. */
    public static Map<String, Value> readItem(JsonElement json) {
        if (json == null || json.isJsonNull()) {
            return null;
        }
        if (!json.isJsonObject()) {
            throw ApiException.serialization("Unexpected value type in payload");
        }
        Map<String, Value> item = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> attribute : json.getAsJsonObject().entrySet()) {
            item.put(attribute.getKey(), read(attribute.getValue(), 1));
        }
        return item;
    }

    public static Value read(JsonElement json) {
        return read(json, 1);
    }

    private static Value read(JsonElement json, int depth) {
        if (json == null || !json.isJsonObject()) {
            throw ApiException.serialization("Unexpected value type in payload");
        }
        if (depth > MAX_DEPTH) {
            throw ApiException.validation("Nesting Levels have exceeded supported limits");
        }
        JsonObject object = json.getAsJsonObject();
        int types = 0;
        for (Map.Entry<String, JsonElement> member : object.entrySet()) {
            if (!member.getValue().isJsonNull()) {
                types++;
            }
        }
        if (types == 0) {
            throw ApiException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (types > 1) {
            throw ApiException.validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        for (Map.Entry<String, JsonElement> member : object.entrySet()) {
            JsonElement content = member.getValue();
            if (content.isJsonNull()) {
                continue;
            }
            switch (member.getKey()) {
                case "S":
                    return new Value.S(string(content));
                case "N":
                    return new Value.N(Numbers.parse(string(content)));
                case "B":
                    return new Value.B(binary(content));
                case "BOOL":
                    return Value.bool(bool(content));
                case "NULL":
                    if (!bool(content)) {
                        throw ApiException.validation(
                                "One or more parameter values were invalid: Null attribute value types must have the value of true");
                    }
                    return Value.Null.INSTANCE;
                case "M":
                    return map(content, depth);
                case "L":
                    return list(content, depth);
                case "SS":
                    return stringSet(content);
                case "NS":
                    return numberSet(content);
                case "BS":
                    return binarySet(content);
                default:
                    throw ApiException.serialization("Unknown AttributeValue type: " + member.getKey());
            }
        }
        throw new AssertionError("unreachable");
    }

    private static Value.M map(JsonElement content, int depth) {
        if (!content.isJsonObject()) {
            throw ApiException.serialization("Unexpected value type in payload");
        }
        Map<String, Value> members = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> member : content.getAsJsonObject().entrySet()) {
            members.put(member.getKey(), read(member.getValue(), depth + 1));
        }
        return new Value.M(members);
    }

    private static Value.L list(JsonElement content, int depth) {
        List<Value> elements = new ArrayList<>();
        for (JsonElement element : array(content)) {
            elements.add(read(element, depth + 1));
        }
        return new Value.L(elements);
    }

    private static Value.SS stringSet(JsonElement content) {
        return new Value.SS(set(content, ValueJson::string, "string"));
    }

    private static Value.NS numberSet(JsonElement content) {
        return new Value.NS(set(content, element -> Numbers.parse(string(element)), "number"));
    }

    private static Value.BS binarySet(JsonElement content) {
        return new Value.BS(set(content, ValueJson::binary, "binary"));
    }

    private static <T> Set<T> set(JsonElement content, Function<JsonElement, T> member, String kind) {
        Set<T> members = new LinkedHashSet<>();
        JsonArray array = array(content);
        for (JsonElement element : array) {
            members.add(member.apply(element));
        }
        checkSet(members.size(), array, kind);
        return members;
    }

    private static void checkSet(int distinct, JsonArray given, String kind) {
        if (given.isEmpty()) {
            throw ApiException.validation("binary".equals(kind)
                    ? "One or more parameter values were invalid: Binary sets should not be empty"
                    : "One or more parameter values were invalid: An " + kind + " set  may not be empty");
        }
        if (distinct != given.size()) {
            List<String> members = new ArrayList<>();
            given.forEach(element -> members.add(element.getAsString()));
            // DynamoDB words each set type's duplicate error differently.
            switch (kind) {
                case "number":
                    throw ApiException.validation("Input collection contains duplicates");
                case "binary":
                    throw ApiException.validation("One or more parameter values were invalid: Input collection "
                            + members + "of type BS contains duplicates.");
                default:
                    throw ApiException.validation("One or more parameter values were invalid: Input collection "
                            + members + " contains duplicates.");
            }
        }
    }

    private static String string(JsonElement content) {
        if (!content.isJsonPrimitive()) {
            throw ApiException.serialization("Unexpected value type in payload");
        }
        return content.getAsString();
    }

    private static boolean bool(JsonElement content) {
        if (!content.isJsonPrimitive()) {
            throw ApiException.serialization("Unexpected value type in payload");
        }
        JsonPrimitive primitive = content.getAsJsonPrimitive();
        if (primitive.isBoolean()) {
            return primitive.getAsBoolean();
        }
        String text = primitive.getAsString();
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
            return Boolean.parseBoolean(text);
        }
        throw ApiException.serialization("Unexpected value type in payload");
    }

    private static Bytes binary(JsonElement content) {
        try {
            return Bytes.fromBase64(string(content));
        } catch (IllegalArgumentException e) {
            throw ApiException.serialization("Base64 encoded length is expected a multiple of 4 bytes but found: "
                    + string(content).length());
        }
    }

    private static JsonArray array(JsonElement content) {
        if (!content.isJsonArray()) {
            throw ApiException.serialization("Unexpected value type in payload");
        }
        return content.getAsJsonArray();
    }

    /** An item as a JSON object, or null for null. */
    public static JsonObject writeItem(Map<String, Value> item) {
        if (item == null) {
            return null;
        }
        JsonObject object = new JsonObject();
        for (Map.Entry<String, Value> attribute : item.entrySet()) {
            object.add(attribute.getKey(), write(attribute.getValue()));
        }
        return object;
    }

    /** An item as JSON text, appended; the same output as {@link #writeItem(Map)} without the tree. */
    public static void writeItem(Map<String, Value> item, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Value> attribute : item.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(attribute.getKey(), out);
            out.append(':');
            write(attribute.getValue(), out);
        }
        out.append('}');
    }

    private static void write(Value value, StringBuilder out) {
        if (value instanceof Value.S s) {
            out.append("{\"S\":");
            string(s.value(), out);
        } else if (value instanceof Value.N n) {
            out.append("{\"N\":\"").append(n.text()).append('"');
        } else if (value instanceof Value.B b) {
            out.append("{\"B\":\"").append(b.value().toBase64()).append('"');
        } else if (value instanceof Value.Bool bool) {
            out.append("{\"BOOL\":").append(bool.value());
        } else if (value instanceof Value.Null) {
            out.append("{\"NULL\":true");
        } else if (value instanceof Value.M map) {
            out.append("{\"M\":");
            writeItem(map.value(), out);
        } else if (value instanceof Value.L list) {
            array("L", list.value(), ValueJson::write, out);
        } else if (value instanceof Value.SS ss) {
            array("SS", ss.value(), ValueJson::string, out);
        } else if (value instanceof Value.NS ns) {
            array("NS", ns.value(), (member, text) -> text.append('"').append(Numbers.format(member)).append('"'), out);
        } else if (value instanceof Value.BS bs) {
            array("BS", bs.value(), (member, text) -> text.append('"').append(member.toBase64()).append('"'), out);
        }
        out.append('}');
    }

    /** Opens a value of the given type whose content is a JSON array of the members, each written by writer. */
    private static <T> void array(String type, Iterable<T> members, BiConsumer<T, StringBuilder> writer,
            StringBuilder out) {
        out.append("{\"").append(type).append("\":[");
        boolean first = true;
        for (T member : members) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writer.accept(member, out);
        }
        out.append(']');
    }

    /** A JSON string literal, escaped as JSON requires. */
    static void string(String text, StringBuilder out) {
        out.append('"');
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029') {
                continue;
            }
            out.append(text, start, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
            start = i + 1;
        }
        out.append(text, start, text.length()).append('"');
    }

    public static JsonObject write(Value value) {
        JsonObject object = new JsonObject();
        if (value instanceof Value.S s) {
            object.addProperty("S", s.value());
        } else if (value instanceof Value.N n) {
            object.addProperty("N", n.text());
        } else if (value instanceof Value.B b) {
            object.addProperty("B", b.value().toBase64());
        } else if (value instanceof Value.Bool bool) {
            object.addProperty("BOOL", bool.value());
        } else if (value instanceof Value.Null) {
            object.addProperty("NULL", true);
        } else if (value instanceof Value.M map) {
            object.add("M", writeItem(map.value()));
        } else if (value instanceof Value.L list) {
            JsonArray elements = new JsonArray();
            list.value().forEach(element -> elements.add(write(element)));
            object.add("L", elements);
        } else if (value instanceof Value.SS ss) {
            JsonArray members = new JsonArray();
            ss.value().forEach(members::add);
            object.add("SS", members);
        } else if (value instanceof Value.NS ns) {
            JsonArray members = new JsonArray();
            ns.value().forEach(number -> members.add(Numbers.format(number)));
            object.add("NS", members);
        } else if (value instanceof Value.BS bs) {
            JsonArray members = new JsonArray();
            bs.value().forEach(bytes -> members.add(bytes.toBase64()));
            object.add("BS", members);
        }
        return object;
    }
}
