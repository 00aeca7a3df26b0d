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
        if (names != null) {
            if (names.isEmpty()) {
                throw ApiException.validation("ExpressionAttributeNames must not be empty");
            }
            for (String key : names.keySet()) {
                if (!NAME_KEY.matcher(key).matches()) {
                    throw ApiException.validation(
                            "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
                }
            }
        }
        if (values != null) {
            if (values.isEmpty()) {
                throw ApiException.validation("ExpressionAttributeValues must not be empty");
            }
            for (String key : values.keySet()) {
                if (!VALUE_KEY.matcher(key).matches()) {
                    throw ApiException.validation(
                            "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
                }
            }
        }
        this.unusedNames = new LinkedHashSet<>(this.names.keySet());
        this.unusedValues = new LinkedHashSet<>(this.values.keySet());
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
