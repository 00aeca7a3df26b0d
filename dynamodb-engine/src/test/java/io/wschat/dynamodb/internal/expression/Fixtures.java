package io.wschat.dynamodb.internal.expression;

import com.google.gson.JsonParser;
import io.wschat.dynamodb.internal.json.ValueJson;
import io.wschat.dynamodb.internal.value.Bytes;
import io.wschat.dynamodb.internal.value.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Short ways to write values and items in the expression tests. */
final class Fixtures {

    private Fixtures() {
    }

    static Value s(String text) {
        return Value.s(text);
    }

    static Value n(String text) {
        return Value.n(text);
    }

    static Value b(String text) {
        return new Value.B(Bytes.copyOf(text.getBytes(StandardCharsets.UTF_8)));
    }

    static Value ss(String... elements) {
        return new Value.SS(Set.of(elements));
    }

    static Value ns(String... elements) {
        return new Value.NS(Arrays.stream(elements).map(e -> Value.n(e).value())
                .collect(Collectors.toCollection(java.util.LinkedHashSet<BigDecimal>::new)));
    }

    static Value bs(String... elements) {
        return new Value.BS(Arrays.stream(elements).map(e -> Bytes.copyOf(e.getBytes(StandardCharsets.UTF_8)))
                .collect(Collectors.toSet()));
    }

    static Value l(Value... elements) {
        return new Value.L(List.of(elements));
    }

    static Value m(Object... keysAndValues) {
        return new Value.M(item(keysAndValues));
    }

    static Map<String, Value> item(Object... keysAndValues) {
        Map<String, Value> item = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            item.put((String) keysAndValues[i], (Value) keysAndValues[i + 1]);
        }
        return item;
    }

    /** ExpressionAttributeValues written in DynamoDB JSON, as a request carries them; null for none. */
    static Map<String, Value> values(String json) {
        return json == null ? null : ValueJson.readItem(JsonParser.parseString(json));
    }

    static Map<String, String> names(String... keysAndValues) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            names.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return names;
    }

    static Value TRUE() {
        return Value.bool(true);
    }

    static Value NULL() {
        return Value.Null.INSTANCE;
    }
}
