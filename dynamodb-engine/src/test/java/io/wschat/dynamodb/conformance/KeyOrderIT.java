package io.wschat.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The order of sort keys in a Query: UTF-8 bytes for S, numeric for N, unsigned bytes for B. */
class KeyOrderIT extends ConformanceTest {

    @Test
    void query_stringSortKey_ordersByUtf8Bytes_soACharacterAboveUffffComesAfterUffff() {
        String table = rangeTable("s", ScalarAttributeType.S, ScalarAttributeType.S);
        String bmpMax = "\uFFFF";
        String supplementary = new String(Character.toChars(0x10000));
        List<String> keys = List.of(supplementary, bmpMax, "z", "a", "Z", "é", "aa", "");
        for (String key : keys) {
            if (!key.isEmpty()) {
                db.putItem(r -> r.tableName(table).item(item("pk", s("p"), "sk", s(key))));
            }
        }

        List<String> order = sortKeys(table, true).stream().map(AttributeValue::s).collect(Collectors.toList());

        // in UTF-16 order the supplementary character (a surrogate pair, D800 DC00) would sort before U+FFFF
        assertThat(order).containsExactly("Z", "a", "aa", "z", "é", bmpMax, supplementary);
        List<String> reversed = sortKeys(table, false).stream().map(AttributeValue::s).collect(Collectors.toList());
        assertThat(reversed).containsExactly(supplementary, bmpMax, "é", "z", "aa", "a", "Z");
    }

    @Test
    void query_numberSortKey_ordersNumericallyWithNegativesAndDecimals() {
        String table = rangeTable("n", ScalarAttributeType.S, ScalarAttributeType.N);
        for (String key : List.of("10", "-1", "2", "-10.5", "0", "1.5", "-0.001", "100", "9.99E+125", "-1E-130")) {
            db.putItem(r -> r.tableName(table).item(item("pk", s("p"), "sk", n(key))));
        }

        List<String> order = sortKeys(table, true).stream().map(AttributeValue::n).collect(Collectors.toList());

        assertThat(order).containsExactly("-10.5", "-1", "-0.001", "-0." + "0".repeat(129) + "1", "0", "1.5", "2",
                "10", "100", "999" + "0".repeat(123));
    }

    @Test
    void query_binarySortKey_ordersByUnsignedBytes() {
        String table = rangeTable("b", ScalarAttributeType.S, ScalarAttributeType.B);
        List<AttributeValue> keys = List.of(b(0xff), b(0x80), b(0x7f), b(0x00), b(0x01, 0x00), b(0x01), b(0x00, 0xff));
        for (AttributeValue key : keys) {
            db.putItem(r -> r.tableName(table).item(item("pk", s("p"), "sk", key)));
        }

        List<AttributeValue> order = sortKeys(table, true);

        assertThat(order).containsExactly(b(0x00), b(0x00, 0xff), b(0x01), b(0x01, 0x00), b(0x7f), b(0x80), b(0xff));
    }

    @Test
    void query_betweenOnAStringSortKey_usesTheSameByteOrder() {
        String table = rangeTable("between", ScalarAttributeType.S, ScalarAttributeType.S);
        String supplementary = new String(Character.toChars(0x1F600));
        for (String key : List.of("\uFFFF", supplementary, "\uE000")) {
            db.putItem(r -> r.tableName(table).item(item("pk", s("p"), "sk", s(key))));
        }

        List<Map<String, AttributeValue>> items = db.query(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :p AND sk BETWEEN :lo AND :hi")
                .expressionAttributeValues(item(":p", s("p"), ":lo", s("\uFFFF"), ":hi", s(supplementary))))
                .items();

        assertThat(items).extracting(i -> i.get("sk").s()).containsExactly("\uFFFF", supplementary);
    }

    private List<AttributeValue> sortKeys(String table, boolean forward) {
        return db.query(r -> r.tableName(table).consistentRead(true).scanIndexForward(forward)
                        .keyConditionExpression("pk = :p").expressionAttributeValues(item(":p", s("p"))))
                .items().stream().map(i -> i.get("sk")).collect(Collectors.toList());
    }
}
