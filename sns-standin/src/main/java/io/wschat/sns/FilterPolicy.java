package io.wschat.sns;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;
import java.util.function.Predicate;

/**
 * An SNS subscription filter policy: parsed and validated once, then matched against each published
 * message's attributes (scope {@code MessageAttributes}) or its JSON body (scope {@code MessageBody}).
 *
 * <p>Supported: exact strings, numbers, booleans and null; {@code prefix}, {@code suffix},
 * {@code equals-ignore-case}; {@code anything-but} with values, lists, {@code prefix}, {@code suffix} or
 * {@code equals-ignore-case}; {@code numeric} comparisons and ranges; {@code exists}; {@code $or}.
 * Keys are ANDed, the conditions in a key's array are ORed, and an array value (a {@code String.Array}
 * attribute or a JSON array) matches when any element does.
 */
final class FilterPolicy {

    /** Which part of the message the policy is matched against. */
    enum Scope {
        MESSAGE_ATTRIBUTES("MessageAttributes"),
        MESSAGE_BODY("MessageBody");

        private final String wireName;

        Scope(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }

        static Scope fromWireName(String value) {
            for (Scope scope : values()) {
                if (scope.wireName.equals(value)) {
                    return scope;
                }
            }
            throw SnsErrorException.invalidParameter(
                    "Attributes Reason: FilterPolicyScope: Invalid value [" + value
                            + "]. Please use either MessageBody or MessageAttributes");
        }
    }

    private static final int MAX_KEYS_PER_COMBINATION = 5;
    private static final int MAX_COMBINATIONS = 150;
    private static final BigDecimal NUMERIC_LIMIT = new BigDecimal("1000000000");

    private final Expr root;
    private final Scope scope;

    private FilterPolicy(Expr root, Scope scope) {
        this.root = root;
        this.scope = scope;
    }

    /**
     * Parses a policy as {@code Subscribe} and {@code SetSubscriptionAttributes} receive it.
     *
     * @throws SnsErrorException {@code InvalidParameter} when the policy is malformed or too complex
     */
    static FilterPolicy parse(String json, Scope scope) {
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw invalid("Failed to parse JSON");
        }
        if (!parsed.isJsonObject() || parsed.getAsJsonObject().size() == 0) {
            throw invalid("Filter policy must be a non-empty JSON object");
        }
        Expr root = parseObject(parsed.getAsJsonObject(), List.of(), scope);
        if (root.keysPerCombination() > MAX_KEYS_PER_COMBINATION) {
            throw invalid("Filter policy can not have more than " + MAX_KEYS_PER_COMBINATION + " keys");
        }
        if (root.combinations() > MAX_COMBINATIONS) {
            throw invalid("Filter policy is too complex");
        }
        return new FilterPolicy(root, scope);
    }

    Scope scope() {
        return scope;
    }

    /** Whether a message with these attributes and this body passes the policy. */
    boolean matches(Map<String, MessageAttribute> attributes, String body) {
        if (scope == Scope.MESSAGE_ATTRIBUTES) {
            return root.test(path -> attributeValues(attributes.get(path.get(0))));
        }
        Optional<JsonObject> document = parseBody(body);
        return root.test(path -> document.map(d -> bodyValues(d, path)).orElse(Values.ABSENT));
    }

    private static Expr parseObject(JsonObject object, List<String> prefix, Scope scope) {
        List<Expr> parts = new ArrayList<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            String key = entry.getKey();
            JsonElement value = entry.getValue();
            if (key.equals("$or")) {
                parts.add(parseOr(value, prefix, scope));
            } else if (value.isJsonArray()) {
                parts.add(new KeyMatch(append(prefix, key), parseConditions(key, value.getAsJsonArray())));
            } else if (value.isJsonObject()) {
                if (scope == Scope.MESSAGE_ATTRIBUTES) {
                    throw invalid("Filter policy scope MessageAttributes does not support nested filter policy");
                }
                if (value.getAsJsonObject().size() == 0) {
                    throw invalid("Empty objects are not allowed: " + key);
                }
                parts.add(parseObject(value.getAsJsonObject(), append(prefix, key), scope));
            } else {
                throw invalid("Match value must be String, number, true, false, or null");
            }
        }
        return parts.size() == 1 ? parts.get(0) : new AllOf(parts);
    }

    private static Expr parseOr(JsonElement value, List<String> prefix, Scope scope) {
        if (!value.isJsonArray() || value.getAsJsonArray().size() < 2) {
            throw invalid("$or must be an array of at least two filter policies");
        }
        List<Expr> branches = new ArrayList<>();
        for (JsonElement branch : value.getAsJsonArray()) {
            if (!branch.isJsonObject() || branch.getAsJsonObject().size() == 0) {
                throw invalid("$or must contain only non-empty objects");
            }
            branches.add(parseObject(branch.getAsJsonObject(), prefix, scope));
        }
        return new AnyOf(branches);
    }

    private static List<Condition> parseConditions(String key, JsonArray array) {
        if (array.size() == 0) {
            throw invalid("Empty arrays are not allowed: " + key);
        }
        List<Condition> conditions = new ArrayList<>();
        for (JsonElement element : array) {
            conditions.add(parseCondition(element));
        }
        return conditions;
    }

    private static Condition parseCondition(JsonElement element) {
        if (element.isJsonNull()) {
            return values -> values.any(JsonElement::isJsonNull);
        }
        if (element.isJsonPrimitive()) {
            return exact(element.getAsJsonPrimitive());
        }
        if (!element.isJsonObject() || element.getAsJsonObject().size() != 1) {
            throw invalid("Match value must be String, number, true, false, null or an object with one operator");
        }
        Map.Entry<String, JsonElement> operator = element.getAsJsonObject().entrySet().iterator().next();
        JsonElement operand = operator.getValue();
        switch (operator.getKey()) {
            case "prefix": {
                String prefix = string(operand, "prefix");
                return values -> values.any(v -> isString(v) && v.getAsString().startsWith(prefix));
            }
            case "suffix": {
                String suffix = string(operand, "suffix");
                return values -> values.any(v -> isString(v) && v.getAsString().endsWith(suffix));
            }
            case "equals-ignore-case": {
                String expected = string(operand, "equals-ignore-case");
                return values -> values.any(v -> isString(v) && v.getAsString().equalsIgnoreCase(expected));
            }
            case "anything-but": {
                Predicate<JsonElement> excluded = anythingBut(operand);
                return values -> values.present() && values.any(v -> !excluded.test(v));
            }
            case "numeric":
                return numeric(operand);
            case "exists": {
                if (!operand.isJsonPrimitive() || !operand.getAsJsonPrimitive().isBoolean()) {
                    throw invalid("exists match pattern must be either true or false.");
                }
                boolean expected = operand.getAsBoolean();
                return values -> values.present() == expected;
            }
            default:
                throw invalid("Unrecognized match type " + operator.getKey());
        }
    }

    private static Condition exact(JsonPrimitive expected) {
        if (expected.isNumber()) {
            BigDecimal number = number(expected);
            return values -> values.any(v -> isNumber(v) && v.getAsBigDecimal().compareTo(number) == 0);
        }
        if (expected.isBoolean()) {
            boolean bool = expected.getAsBoolean();
            return values -> values.any(v -> v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean()
                    && v.getAsBoolean() == bool);
        }
        String string = expected.getAsString();
        return values -> values.any(v -> isString(v) && v.getAsString().equals(string));
    }

    private static Predicate<JsonElement> anythingBut(JsonElement operand) {
        if (operand.isJsonPrimitive()) {
            return singleExclusion(operand.getAsJsonPrimitive());
        }
        if (operand.isJsonArray() && operand.getAsJsonArray().size() > 0) {
            List<Predicate<JsonElement>> exclusions = new ArrayList<>();
            for (JsonElement element : operand.getAsJsonArray()) {
                if (!element.isJsonPrimitive() || element.getAsJsonPrimitive().isBoolean()) {
                    throw invalid("Inside anything but list, start|null|boolean is not supported.");
                }
                exclusions.add(singleExclusion(element.getAsJsonPrimitive()));
            }
            return v -> exclusions.stream().anyMatch(p -> p.test(v));
        }
        if (operand.isJsonObject() && operand.getAsJsonObject().size() == 1) {
            Map.Entry<String, JsonElement> inner = operand.getAsJsonObject().entrySet().iterator().next();
            String text = string(inner.getValue(), "anything-but " + inner.getKey());
            switch (inner.getKey()) {
                case "prefix":
                    return v -> isString(v) && v.getAsString().startsWith(text);
                case "suffix":
                    return v -> isString(v) && v.getAsString().endsWith(text);
                case "equals-ignore-case":
                    return v -> isString(v) && v.getAsString().equalsIgnoreCase(text);
                default:
                    throw invalid("Unsupported anything-but pattern: " + inner.getKey());
            }
        }
        throw invalid("Value of anything-but must be an array or single string/number value.");
    }

    private static Predicate<JsonElement> singleExclusion(JsonPrimitive value) {
        if (value.isNumber()) {
            BigDecimal number = number(value);
            return v -> isNumber(v) && v.getAsBigDecimal().compareTo(number) == 0;
        }
        if (value.isBoolean()) {
            throw invalid("Value of anything-but must be an array or single string/number value.");
        }
        String string = value.getAsString();
        return v -> isString(v) && v.getAsString().equals(string);
    }

    private static Condition numeric(JsonElement operand) {
        if (!operand.isJsonArray()) {
            throw invalid("Value of numeric must be an array.");
        }
        JsonArray array = operand.getAsJsonArray();
        if (array.size() != 2 && array.size() != 4) {
            throw invalid("Value of numeric must be an array of one or two comparisons.");
        }
        List<Predicate<BigDecimal>> bounds = new ArrayList<>();
        for (int i = 0; i < array.size(); i += 2) {
            JsonElement op = array.get(i);
            JsonElement limit = array.get(i + 1);
            if (!op.isJsonPrimitive() || !op.getAsJsonPrimitive().isString()) {
                throw invalid("Unrecognized numeric range operator: " + op);
            }
            if (!isNumber(limit)) {
                throw invalid("Value of " + op.getAsString() + " must be numeric");
            }
            bounds.add(bound(op.getAsString(), number(limit.getAsJsonPrimitive()), i, array.size()));
        }
        return values -> values.any(v -> isNumber(v) && bounds.stream().allMatch(b -> b.test(v.getAsBigDecimal())));
    }

    private static Predicate<BigDecimal> bound(String op, BigDecimal limit, int index, int size) {
        boolean lower = op.equals(">") || op.equals(">=");
        boolean upper = op.equals("<") || op.equals("<=");
        if (op.equals("=")) {
            if (size != 2) {
                throw invalid("Bad numeric range operator: =");
            }
            return v -> v.compareTo(limit) == 0;
        }
        if (!lower && !upper) {
            throw invalid("Unrecognized numeric range operator: " + op);
        }
        if (size == 4 && (index == 0) != lower) {
            throw invalid("Bad numeric range operator: " + op);
        }
        switch (op) {
            case ">":
                return v -> v.compareTo(limit) > 0;
            case ">=":
                return v -> v.compareTo(limit) >= 0;
            case "<":
                return v -> v.compareTo(limit) < 0;
            default:
                return v -> v.compareTo(limit) <= 0;
        }
    }

    private static BigDecimal number(JsonPrimitive value) {
        BigDecimal number = value.getAsBigDecimal();
        if (number.abs().compareTo(NUMERIC_LIMIT) > 0) {
            throw invalid("Numeric values must be between -1,000,000,000 and 1,000,000,000: " + number);
        }
        return number;
    }

    private static String string(JsonElement operand, String operator) {
        if (!operand.isJsonPrimitive() || !operand.getAsJsonPrimitive().isString()) {
            throw invalid(operator + " match pattern must be a string");
        }
        return operand.getAsString();
    }

    private static boolean isString(JsonElement value) {
        return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
    }

    private static boolean isNumber(JsonElement value) {
        return value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
    }

    private static Values attributeValues(MessageAttribute attribute) {
        if (attribute == null) {
            return Values.ABSENT;
        }
        switch (attribute.baseType()) {
            case "Binary":
                // SNS ignores binary attributes when filtering.
                return Values.ABSENT;
            case "Number":
                try {
                    return Values.of(List.of(new JsonPrimitive(new BigDecimal(attribute.value()))));
                } catch (NumberFormatException e) {
                    return Values.of(List.of(new JsonPrimitive(attribute.value())));
                }
            case "String.Array":
                try {
                    JsonElement array = JsonParser.parseString(attribute.value());
                    if (array.isJsonArray()) {
                        List<JsonElement> elements = new ArrayList<>();
                        array.getAsJsonArray().forEach(e -> {
                            if (e.isJsonPrimitive() || e.isJsonNull()) {
                                elements.add(e);
                            }
                        });
                        return Values.of(elements);
                    }
                } catch (JsonParseException e) {
                    // Publish validates arrays; fall back to matching the raw text.
                }
                return Values.of(List.of(new JsonPrimitive(attribute.value())));
            default:
                return Values.of(List.of(new JsonPrimitive(attribute.value())));
        }
    }

    private static Optional<JsonObject> parseBody(String body) {
        try {
            JsonElement element = JsonParser.parseString(body);
            return element.isJsonObject() ? Optional.of(element.getAsJsonObject()) : Optional.empty();
        } catch (JsonParseException e) {
            return Optional.empty();
        }
    }

    private static Values bodyValues(JsonObject document, List<String> path) {
        List<JsonElement> found = new ArrayList<>();
        boolean[] present = {false};
        collect(document, path, 0, found, present);
        return present[0] ? Values.of(found) : Values.ABSENT;
    }

    private static void collect(JsonElement node, List<String> path, int depth, List<JsonElement> found,
            boolean[] present) {
        if (depth == path.size()) {
            present[0] = true;
            if (node.isJsonArray()) {
                node.getAsJsonArray().forEach(e -> {
                    if (e.isJsonPrimitive() || e.isJsonNull()) {
                        found.add(e);
                    }
                });
            } else if (node.isJsonPrimitive() || node.isJsonNull()) {
                found.add(node.isJsonNull() ? JsonNull.INSTANCE : node);
            }
            return;
        }
        if (node.isJsonObject()) {
            JsonElement child = node.getAsJsonObject().get(path.get(depth));
            if (child != null) {
                collect(child, path, depth + 1, found, present);
            }
        } else if (node.isJsonArray()) {
            node.getAsJsonArray().forEach(e -> collect(e, path, depth, found, present));
        }
    }

    private static List<String> append(List<String> prefix, String key) {
        List<String> path = new ArrayList<>(prefix);
        path.add(key);
        return List.copyOf(path);
    }

    private static SnsErrorException invalid(String reason) {
        return SnsErrorException.invalidParameter("FilterPolicy: " + reason);
    }

    /** What a key resolves to in one message: whether it is there, and its scalar values. */
    private record Values(boolean present, List<JsonElement> values) {
        static final Values ABSENT = new Values(false, List.of());

        static Values of(List<JsonElement> values) {
            return new Values(true, values);
        }

        boolean any(Predicate<JsonElement> test) {
            return values.stream().anyMatch(test);
        }
    }

    private interface Condition {
        boolean test(Values values);
    }

    private interface Expr {
        boolean test(Function<List<String>, Values> lookup);

        int combinations();

        int keysPerCombination();
    }

    /**
     * The combinations of these expressions folded with {@code fold} from {@code identity}, held at
     * {@link Integer#MAX_VALUE} so that a policy far over the limit cannot wrap round below it.
     */
    private static int saturated(List<Expr> exprs, long identity, LongBinaryOperator fold) {
        return (int) exprs.stream().mapToLong(Expr::combinations)
                .reduce(identity, (total, next) -> Math.min(fold.applyAsLong(total, next), Integer.MAX_VALUE));
    }

    private record KeyMatch(List<String> path, List<Condition> conditions) implements Expr {
        @Override
        public boolean test(Function<List<String>, Values> lookup) {
            Values values = lookup.apply(path);
            return conditions.stream().anyMatch(c -> c.test(values));
        }

        @Override
        public int combinations() {
            return conditions.size();
        }

        @Override
        public int keysPerCombination() {
            return 1;
        }
    }

    private record AllOf(List<Expr> parts) implements Expr {
        @Override
        public boolean test(Function<List<String>, Values> lookup) {
            return parts.stream().allMatch(p -> p.test(lookup));
        }

        @Override
        public int combinations() {
            return saturated(parts, 1, (product, next) -> product * next);
        }

        @Override
        public int keysPerCombination() {
            return parts.stream().mapToInt(Expr::keysPerCombination).sum();
        }
    }

    private record AnyOf(List<Expr> branches) implements Expr {
        @Override
        public boolean test(Function<List<String>, Values> lookup) {
            return branches.stream().anyMatch(b -> b.test(lookup));
        }

        @Override
        public int combinations() {
            return saturated(branches, 0, (sum, next) -> sum + next);
        }

        @Override
        public int keysPerCombination() {
            return branches.stream().mapToInt(Expr::keysPerCombination).max().orElse(0);
        }
    }

    @Override
    public String toString() {
        return "FilterPolicy[" + scope.wireName() + "]";
    }
}
