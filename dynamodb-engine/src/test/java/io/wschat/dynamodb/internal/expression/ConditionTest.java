package io.wschat.dynamodb.internal.expression;

import static io.wschat.dynamodb.internal.expression.Fixtures.NULL;
import static io.wschat.dynamodb.internal.expression.Fixtures.TRUE;
import static io.wschat.dynamodb.internal.expression.Fixtures.b;
import static io.wschat.dynamodb.internal.expression.Fixtures.bs;
import static io.wschat.dynamodb.internal.expression.Fixtures.item;
import static io.wschat.dynamodb.internal.expression.Fixtures.l;
import static io.wschat.dynamodb.internal.expression.Fixtures.m;
import static io.wschat.dynamodb.internal.expression.Fixtures.n;
import static io.wschat.dynamodb.internal.expression.Fixtures.names;
import static io.wschat.dynamodb.internal.expression.Fixtures.ns;
import static io.wschat.dynamodb.internal.expression.Fixtures.s;
import static io.wschat.dynamodb.internal.expression.Fixtures.ss;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.dynamodb.internal.value.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conditions evaluated against an item. Each table row names an item of {@link #ITEMS}, an expression and whether it
 * holds on that item; the expressions take their values from {@link #VALUES}.
 */
class ConditionTest {

    /** The expression attribute values every expression may use. */
    private static final Map<String, Value> VALUES = item(
            ":0", n("0"), ":1", n("1"), ":2", n("2"), ":3", n("3"), ":4", n("4"), ":5", n("5"), ":9", n("9"),
            ":10", n("10"), ":oneAndAHalf", n("1.5"), ":twoPointZero", n("2.0"),
            ":a", s("a"), ":c", s("c"), ":x", s("x"), ":y", s("y"), ":z", s("z"), ":he", s("he"), ":lo", s("lo"),
            ":ell", s("ell"), ":deep", s("deep"), ":n", s("n"), ":text1", s("1"), ":text2", s("2"),
            ":replacementCharacter", s("\uFFFD"),
            ":bc", b("c"), ":bhe", b("he"), ":bll", b("ll"), ":bx", b("x"),
            ":yx", ss("y", "x"), ":emptyMap", m(), ":kv", m("k", s("v")),
            ":kOneZ", m("k", l(n("1.0"), s("z"))), ":kZOne", m("k", l(s("z"), n("1"))),
            ":S", s("S"), ":N", s("N"), ":B", s("B"), ":BOOL", s("BOOL"), ":NULL", s("NULL"), ":M", s("M"),
            ":L", s("L"), ":SS", s("SS"), ":NS", s("NS"), ":BS", s("BS"));

    /** The items the tables below test expressions on, by name. */
    private static final Map<String, Map<String, Value>> ITEMS = Map.ofEntries(
            entry("stringAndNumber", item("a", s("x"), "b", n("1.50"))),
            entry("stringOne", item("a", s("1"))),
            entry("setAndDocument", item("a", ss("x", "y"), "b", m("k", l(n("1"), s("z"))))),
            entry("scalars", item("n", n("10"), "s", s("b"), "b", b("b"))),
            entry("stringOneAndMap", item("a", s("1"), "m", m())),
            entry("empty", item()),
            entry("bounds", item("one", n("1"), "three", n("3"), "four", n("4"), "letter", s("b"))),
            entry("stringTwo", item("a", s("2"))),
            entry("twos", item("a", n("2"), "b", n("2"))),
            entry("ones", item("a", n("1"), "b", n("1"))),
            entry("one", item("a", n("1"))),
            entry("nested", item("a", m("b", l(n("1"))), "nul", NULL())),
            entry("everyType", item("s", s("x"), "n", n("1"), "b", b("x"), "bool", TRUE(), "nul", NULL(),
                    "m", m(), "l", l(), "ss", ss("x"), "ns", ns("1"), "bs", bs("x"))),
            entry("hello", item("s", s("hello"), "b", b("hello"), "n", n("12"))),
            entry("containers", item("s", s("hello"), "b", b("hello"), "ss", ss("x", "y"), "ns", ns("1", "2"),
                    "bs", bs("x"), "l", l(s("x"), n("3"), m("k", s("v"))))),
            entry("sizes", item("s", s("h\u00e9"), "b", b("abcd"), "ss", ss("x", "y"), "l", l(n("1")),
                    "m", m("a", n("1"), "b", n("2"), "c", n("3")), "n", n("12345"))),
            entry("threeOfEach", item("s", s("abc"), "l", l(n("1"), n("2"), n("3")))),
            entry("deep", item("a", m("b", l(l(s("deep")), s("x"))), "name", s("n"))));

    private static boolean test(String expression, Map<String, Value> item) {
        return Expressions.condition(expression, "ConditionExpression",
                new ExpressionContext(expression.contains("#n") ? names("#n", "name") : null, VALUES)).test(item);
    }

    @ParameterizedTest(name = "on {0}: {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # equality: same type and value
            stringAndNumber | a = :x                            | true
            stringAndNumber | b = :oneAndAHalf                  | true
            stringAndNumber | a = :y                            | false
            # equality across types is false, <> is true
            stringOne       | a = :1                            | false
            stringOne       | a <> :1                           | true
            # equality of sets regardless of order, of documents deeply
            setAndDocument  | a = :yx                           | true
            setAndDocument  | b = :kOneZ                        | true
            setAndDocument  | b = :kZOne                        | false
            # comparisons order numbers, strings and binary
            scalars         | n > :9                            | true
            scalars         | n < :9                            | false
            scalars         | n >= :10                          | true
            scalars         | n <= :10                          | true
            scalars         | s < :c                            | true
            scalars         | s > :a                            | true
            scalars         | b < :bc                           | true
            # comparisons across types are false
            stringOneAndMap | a < :2                            | false
            stringOneAndMap | a > :0                            | false
            stringOneAndMap | m < :emptyMap                     | false
            stringOneAndMap | m <= :emptyMap                    | false
            # comparisons with a missing attribute are false, except <>
            empty           | a = :1                            | false
            empty           | a < :1                            | false
            empty           | a >= :1                           | false
            empty           | a <> :1                           | true
            # BETWEEN is inclusive at both ends
            bounds          | one BETWEEN :1 AND :3             | true
            bounds          | three BETWEEN :1 AND :3           | true
            bounds          | four BETWEEN :1 AND :3            | false
            bounds          | letter between :a and :c          | true
            # BETWEEN of another type or of a missing attribute is false
            stringTwo       | a BETWEEN :1 AND :3               | false
            stringTwo       | gone BETWEEN :1 AND :3            | false
            # IN matches any equal operand
            twos            | a IN (:1, :2)                     | true
            twos            | a IN (:text2)                     | false
            twos            | a IN (:1, b)                      | true
            twos            | c IN (:2)                         | false
            # NOT binds tighter than AND
            # NOT a = :2 AND b = :2 is (NOT a = :2) AND b = :2
            ones            | NOT a = :2 AND b = :2             | false
            ones            | NOT (a = :2 AND b = :2)           | true
            # AND binds tighter than OR
            # a = 1 OR a = 2 AND a = 3 is a = 1 OR (a = 2 AND a = 3)
            one             | a = :1 OR a = :2 AND a = :3       | true
            one             | (a = :1 OR a = :2) AND a = :3     | false
            # attribute_exists and attribute_not_exists
            nested          | attribute_exists(a)               | true
            nested          | attribute_exists(a.b[0])          | true
            nested          | attribute_exists(a.b[1])          | false
            nested          | attribute_exists(nul)             | true
            nested          | attribute_not_exists(c)           | true
            nested          | attribute_not_exists(a.c)         | true
            nested          | attribute_not_exists(a.b)         | false
            # attribute_type is false for another type and for a missing attribute
            everyType       | attribute_type(s, :N)             | false
            everyType       | attribute_type(gone, :S)          | false
            # begins_with works on strings and binary
            hello           | begins_with(s, :he)               | true
            hello           | begins_with(s, :lo)               | false
            hello           | begins_with(b, :bhe)              | true
            hello           | begins_with(b, :he)               | false
            hello           | begins_with(n, :text1)            | false
            # contains finds substrings, set elements and list elements
            containers      | contains(s, :ell)                 | true
            containers      | contains(s, :z)                   | false
            containers      | contains(b, :bll)                 | true
            containers      | contains(ss, :y)                  | true
            containers      | contains(ss, :1)                  | false
            containers      | contains(ns, :twoPointZero)       | true
            containers      | contains(bs, :bx)                 | true
            containers      | contains(l, :3)                   | true
            containers      | contains(l, :kv)                  | true
            containers      | contains(l, :y)                   | false
            containers      | contains(gone, :y)                | false
            # size counts UTF-8 bytes of strings, bytes of binary, elements of collections
            sizes           | size(s) = :3                      | true
            sizes           | size(b) = :4                      | true
            sizes           | size(ss) = :2                     | true
            sizes           | size(l) = :1                      | true
            sizes           | size(m) > :2                      | true
            sizes           | size(n) = :5                      | false
            sizes           | size(gone) < :5                   | false
            # size stands on either side and in BETWEEN
            threeOfEach     | :3 = size(s)                      | true
            threeOfEach     | size(s) = size(l)                 | true
            threeOfEach     | size(s) BETWEEN :1 AND :3         | true
            # document paths reach nested maps and lists
            deep            | a.b[0][0] = :deep                 | true
            deep            | a.b[1] = :x                       | true
            deep            | a.b[2] = :x                       | false
            deep            | a.b.c = :x                        | false
            deep            | '#n = :n'                         | true
            """)
    void condition_holdsAsTheTableSays(String item, String expression, boolean holds) {
        assertThat(test(expression, ITEMS.get(item))).isEqualTo(holds);
    }

    @Test
    void comparisons_orderStringsByUtf8Bytes() {
        Map<String, Value> item = item("s", s("\uD83D\uDE00")); // U+1F600 sorts after U+FFFD in UTF-8
        assertThat(test("s > :replacementCharacter", item)).isTrue();
    }

    @Test
    void not_canBeRepeated() {
        assertThat(test("NOT NOT a = :1", item("a", n("1")))).isTrue();
    }

    @Test
    void keywords_areCaseInsensitive() {
        assertThat(test("a bEtWeEn :1 aNd :3 oR nOt a iN (:1)", item("a", n("2")))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"})
    void attributeType_knowsAllTenTypes(String type) {
        String attribute = type.equals("NULL") ? "nul" : type.toLowerCase();
        assertThat(test("attribute_type(" + attribute + ", :" + type + ")", ITEMS.get("everyType"))).isTrue();
    }

    @Test
    void attributeExists_onMissingItemIsFalse() {
        assertThat(test("attribute_exists(a)", item())).isFalse();
        assertThat(test("attribute_not_exists(a)", item())).isTrue();
    }

    @Test
    void contains_takesAPathAsOperand() {
        assertThat(test("contains(ss, p)", item("ss", ss("x"), "p", s("x")))).isTrue();
    }

    @Test
    void placeholders_nameAttributesWithDotsAsOneName() {
        Map<String, Value> item = item("a.b", s("flat"), "a", m("b", s("nested")));
        Condition condition = Expressions.condition("#ab = :v", "ConditionExpression",
                new ExpressionContext(names("#ab", "a.b"), item(":v", s("flat"))));
        assertThat(condition.test(item)).isTrue();
    }

    @Test
    void parentheses_aroundOperandsAreAllowed() {
        assertThat(test("(a) = (:1)", item("a", n("1")))).isTrue();
        assertThat(test("(a = :1)", item("a", n("1")))).isTrue();
    }

    @Test
    void conditions_areReusableAcrossItems() {
        Condition condition = Expressions.condition("a > :v", "FilterExpression",
                new ExpressionContext(null, item(":v", n("5"))));
        assertThat(condition.test(item("a", n("6")))).isTrue();
        assertThat(condition.test(item("a", n("4")))).isFalse();
    }
}
