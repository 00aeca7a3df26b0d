package io.wschat.dynamodb.internal.expression;

import static io.wschat.dynamodb.internal.expression.Fixtures.b;
import static io.wschat.dynamodb.internal.expression.Fixtures.item;
import static io.wschat.dynamodb.internal.expression.Fixtures.n;
import static io.wschat.dynamodb.internal.expression.Fixtures.names;
import static io.wschat.dynamodb.internal.expression.Fixtures.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.dynamodb.internal.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyConditionTest {

    private static final KeySchema ROOM = new KeySchema("room", "S", "ts", "N");
    private static final KeySchema HASH = new KeySchema("id", "S", null, null);
    private static final KeySchema BINARY = new KeySchema("room", "S", "tag", "B");

    private static KeyCondition key(String text, KeySchema schema, Object... values) {
        return Expressions.keyCondition(text, new ExpressionContext(names("#r", "room"), item(values)), schema);
    }

    @Test
    void partitionOnly_hasNoSortCondition() {
        KeyCondition condition = key("room = :r", ROOM, ":r", s("lobby"));
        assertThat(condition.partitionValue()).isEqualTo(s("lobby"));
        assertThat(condition.hasSortCondition()).isFalse();
        assertThat(condition.matchesSort(n("5"))).isTrue();
        assertThat(condition.lowerBound()).isNull();
        assertThat(condition.upperBound()).isNull();
    }

    @Test
    void partition_canBeAPlaceholderNameOnEitherSide() {
        assertThat(key(":r = #r", ROOM, ":r", s("x")).partitionValue()).isEqualTo(s("x"));
    }

    /**
     * A numeric sort key condition with :t = 5, :a = 1 and :b = 3: sort keys it matches and misses (space-separated),
     * and the range it bounds (an empty bound is open).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # condition                        | matches | misses | lower | lower inclusive | upper | upper inclusive
            # = bounds both ends inclusively
            room = :r AND ts = :t              | 5       | 4 6    | 5     | true            | 5     | true
            # < is open below and exclusive above
            room = :r AND ts < :t              | 4       | 5      |       | true            | 5     | false
            # >= with the value on the left is mirrored
            :t <= ts AND room = :r             | 5       | 4      | 5     | true            |       | true
            # > is exclusive below
            room = :r AND ts > :t              | 6       | 5      | 5     | false           |       | true
            # BETWEEN is inclusive at both ends
            room = :r AND ts BETWEEN :a AND :b | 1 3     | 0 3.1  | 1     | true            | 3     | true
            """)
    void sortCondition_matchesAndBoundsItsRange(String text, String matches, String misses, String lower,
            boolean lowerInclusive, String upper, boolean upperInclusive) {
        KeyCondition condition = key(text, ROOM, ":r", s("x"), ":t", n("5"), ":a", n("1"), ":b", n("3"));
        assertThat(condition.hasSortCondition()).isTrue();
        for (String sort : matches.split(" ")) {
            assertThat(condition.matchesSort(n(sort))).as("matches %s", sort).isTrue();
        }
        for (String sort : misses.split(" ")) {
            assertThat(condition.matchesSort(n(sort))).as("misses %s", sort).isFalse();
        }
        assertThat(condition.lowerBound()).isEqualTo(lower == null ? null : n(lower));
        assertThat(condition.lowerInclusive()).isEqualTo(lowerInclusive);
        assertThat(condition.upperBound()).isEqualTo(upper == null ? null : n(upper));
        assertThat(condition.upperInclusive()).isEqualTo(upperInclusive);
    }

    @Test
    void sortBeginsWith_boundsBelowByThePrefix() {
        KeyCondition condition = key("room = :r AND begins_with(tag, :p)", BINARY, ":r", s("x"), ":p", b("ab"));
        assertThat(condition.matchesSort(b("abc"))).isTrue();
        assertThat(condition.matchesSort(b("b"))).isFalse();
        assertThat(condition.lowerBound()).isEqualTo(b("ab"));
        assertThat(condition.upperBound()).isNull();
    }

    private static void rejects(String text, KeySchema schema, String message, Object... values) {
        Object[] all = new Object[values.length + 4];
        System.arraycopy(values, 0, all, 0, values.length);
        all[values.length] = ":zz";
        all[values.length + 1] = s("unused");
        all[values.length + 2] = ":zy";
        all[values.length + 3] = s("unused");
        assertThatThrownBy(() -> key(text, schema, all)).hasMessage(message);
    }

    @Test
    void missingPartitionKey_isRejected() {
        rejects("ts = :t", ROOM, "Query condition missed key schema element: room", ":t", n("1"));
        rejects("id = :v AND ts = :t", ROOM, "Query condition missed key schema element: room", ":v", s("x"),
                ":t", n("1"));
    }

    @Test
    void conditionOnANonKeyAttribute_isRejected() {
        rejects("room = :r AND z = :v", ROOM, "Query condition missed key schema element: ts", ":r", s("x"),
                ":v", s("x"));
        rejects("id = :v AND z = :v", HASH, "Query key condition not supported", ":v", s("x"));
    }

    @Test
    void partitionKey_onlyWithEquals() {
        rejects("room > :r", ROOM, "Query key condition not supported", ":r", s("x"));
        rejects("begins_with(id, :r)", HASH, "Query key condition not supported", ":r", s("x"));
    }

    @Test
    void valueTypes_mustMatchTheSchema() {
        rejects("room = :r", ROOM, "One or more parameter values were invalid: Condition parameter type does not "
                + "match schema type", ":r", n("1"));
        rejects("room = :r AND ts = :t", ROOM, "One or more parameter values were invalid: Condition parameter type "
                + "does not match schema type", ":r", s("x"), ":t", s("1"));
    }

    @Test
    void unsupportedOperators_areRejected() {
        rejects("room = :r OR ts = :t", ROOM, "Invalid operator used in KeyConditionExpression: OR", ":r", s("x"),
                ":t", n("1"));
        rejects("NOT room = :r", ROOM, "Invalid operator used in KeyConditionExpression: NOT", ":r", s("x"));
        rejects("room IN (:r)", ROOM, "Invalid operator used in KeyConditionExpression: IN", ":r", s("x"));
        rejects("room <> :r", ROOM, "Invalid operator used in KeyConditionExpression: <>", ":r", s("x"));
        rejects("attribute_exists(room)", ROOM, "Invalid operator used in KeyConditionExpression: attribute_exists");
        rejects("contains(room, :r)", ROOM, "Invalid operator used in KeyConditionExpression: contains", ":r", s("x"));
    }

    @Test
    void shapesDynamoDbRejects() {
        rejects("room = :r AND size(ts) > :t", ROOM, "KeyConditionExpressions cannot contain nested operations",
                ":r", s("x"), ":t", n("1"));
        rejects("room = :r AND ts = room", ROOM,
                "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
                ":r", s("x"));
        rejects("room.x = :r", ROOM, "KeyConditionExpressions cannot have conditions on nested attributes",
                ":r", s("x"));
        rejects(":r = :t AND room = :r", ROOM, "Invalid condition in KeyConditionExpression: No key attribute "
                + "specified", ":r", s("x"), ":t", s("y"));
        rejects("room = :r AND room = :r", ROOM, "KeyConditionExpressions must only contain one condition per key",
                ":r", s("x"));
        rejects(":r BETWEEN ts AND :t", ROOM, "Invalid condition in KeyConditionExpression: BETWEEN operator must "
                + "have the key attribute as its first operand", ":r", n("1"), ":t", n("2"));
        rejects("begins_with(:r, ts)", ROOM, "Invalid condition in KeyConditionExpression: begins_with operator must "
                + "have the key attribute as its first operand", ":r", s("x"));
        rejects("room = :r AND ts = :t AND x = :t", ROOM, "Conditions can be of length 1 or 2 only", ":r", s("x"),
                ":t", n("1"));
    }

    @Test
    void beginsWithOnANumberKey_isRejectedAtParseTime() {
        rejects("room = :r AND begins_with(ts, :t)", ROOM, "Invalid KeyConditionExpression: Incorrect operand type "
                + "for operator or function; operator or function: begins_with, operand type: N", ":r", s("x"),
                ":t", n("1"));
    }

    @Test
    void syntaxErrors_nameTheParameter() {
        assertThatThrownBy(() -> key("room = ", ROOM, ":r", s("x")))
                .hasMessage("Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"= \"");
    }

    @Test
    void matchesSort_ofAnotherTypeIsFalse() {
        Value other = s("5");
        assertThat(key("room = :r AND ts >= :t", ROOM, ":r", s("x"), ":t", n("1")).matchesSort(other)).isFalse();
    }
}
