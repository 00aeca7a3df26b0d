package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.value.Value;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The ExpressionAttributeNames and ExpressionAttributeValues of one request, shared by all its expressions. */
public final class ExpressionContext {

    private static final Pattern NAME_KEY = Pattern.compile("#[0-9a-zA-Z_]+");
    private static final Pattern VALUE_KEY = Pattern.compile(":[0-9a-zA-Z_]+");

    private final Map<String, String> names;
    private final Map<String, Value> values;
    private final Set<String> unusedNames;
    private final Set<String> unusedValues;

    /**
     * Either map may be null (the parameter was absent). Checks the keys as DynamoDB does; the caller checks first
     * that a request giving these maps also has an expression that may use them.
     */
    public ExpressionContext(Map<String, String> names, Map<String, Value> values) {
        this.names = names == null ? Map.of() : names;
        this.values = values == null ? Map.of() : values;
        checkKeys(names, NAME_KEY, "ExpressionAttributeNames");
        checkKeys(values, VALUE_KEY, "ExpressionAttributeValues");
        this.unusedNames = new LinkedHashSet<>(this.names.keySet());
        this.unusedValues = new LinkedHashSet<>(this.values.keySet());
    }

    /** A map given (not null) must be non-empty and every key must match the pattern. */
    private static void checkKeys(Map<String, ?> map, Pattern key, String parameter) {
        if (map == null) {
            return;
        }
        if (map.isEmpty()) {
            throw ApiException.validation(parameter + " must not be empty");
        }
        for (String name : map.keySet()) {
            if (!key.matcher(name).matches()) {
                throw ApiException.validation(
                        parameter + " contains invalid key: Syntax error; key: \"" + name + "\"");
            }
        }
    }

    /** The attribute name for a {@code #placeholder}, or null when it is not defined. */
    String name(String placeholder) {
        String name = names.get(placeholder);
        if (name != null) {
            unusedNames.remove(placeholder);
        }
        return name;
    }

    /** The value for a {@code :placeholder}, or null when it is not defined. */
    Value value(String placeholder) {
        Value value = values.get(placeholder);
        if (value != null) {
            unusedValues.remove(placeholder);
        }
        return value;
    }

    /** After all expressions of the request were parsed: unused placeholders are a ValidationException. */
    public void checkAllUsed() {
        if (!unusedNames.isEmpty()) {
            throw ApiException.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unusedNames) + "}");
        }
        if (!unusedValues.isEmpty()) {
            throw ApiException.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unusedValues) + "}");
        }
    }
}
