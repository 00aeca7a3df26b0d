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
import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.dynamodb.internal.value.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conditions evaluated against an item. Each table lists expressions and whether they hold on the item its test
 * names; the expressions take their values from {@link #VALUES}.
 */
class ConditionTest {

    /** The expression attribute values every expression may use. */
    private static final Map<String, Value> VALUES = item(
            ":0", n("0"), ":1", n("1"), ":2", n("2"), ":3", n("3"), ":4", n("4"), ":5", n("5"), ":9", n("9"),
            ":10", n("10"),
            ":oneAndAHalf", n("1.5"), ":twoPointZero", n("2.0"),
            ":a", s("a"), ":c", s("c"), ":x", s("x"), ":y", s("y"), ":z", s("z"), ":he", s("he"), ":lo", s("lo"),
            ":ell", s("ell"), ":deep", s("deep"), ":n", s("n"), ":text1", s("1"), ":text2", s("2"),
            ":replacementCharacter", s("\uFFFD"),
            ":bc", b("c"), ":bhe", b("he"), ":bll", b("ll"), ":bx", b("x"),
            ":yx", ss("y", "x"), ":emptyMap", m(), ":kv", m("k", s("v")),
            ":kOneZ", m("k", l(n("1.0"), s("z"))), ":kZOne", m("k", l(s("z"), n("1"))),
            ":S", s("S"), ":N", s("N"), ":B", s("B"), ":BOOL", s("BOOL"), ":NULL", s("NULL"), ":M", s("M"),
            ":L", s("L"), ":SS", s("SS"), ":NS", s("NS"), ":BS", s("BS"));

    private static boolean test(String expression, Map<String, Value> item) {
        return Expressions.condition(expression, "ConditionExpression",
                new ExpressionContext(expression.contains("#n") ? names("#n", "name") : null, VALUES)).test(item);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a = :x            | true
            b = :oneAndAHalf  | true
            a = :y            | false
            """)
    void equals_matchesSameTypeAndValue(String expression, boolean holds) {
        assertThat(test(expression, item("a", s("x"), "b", n("1.50")))).isEqualTo(holds);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a = :1   | false
            a <> :1  | true
            """)
    void equals_acrossTypesIsFalseAndNotEqualsIsTrue(String expression, boolean holds) {
        assertThat(test(expression, item("a", s("1")))).isEqualTo(holds);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a = :yx     | true
            b = :kOneZ  | true
            b = :kZOne  | false
            """)
    void equals_comparesSetsRegardlessOfOrderAndDocumentsDeeply(String expression, boolean holds) {
        assertThat(test(expression, item("a", ss("x", "y"), "b", m("k", l(n("1"), s("z")))))).isEqualTo(holds);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            n > :9    | true
            n < :9    | false
            n >= :10  | true
            n <= :10  | true
            s < :c    | true
            s > :a    | true
            b < :bc   | true
            """)
    void comparisons_orderNumbersStringsAndBinary(String expression, boolean holds) {
        assertThat(test(expression, item("n", n("10"), "s", s("b"), "b", b("b")))).isEqualTo(holds);
    }

    @Test
    void comparisons_orderStringsByUtf8Bytes() {
        Map<String, Value> item = item("s", s("\uD83D\uDE00")); // U+1F600 sorts after U+FFFD in UTF-8
        assertThat(test("s > :replacementCharacter", item)).isTrue();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a < :2          | false
            a > :0          | false
            m < :emptyMap   | false
            m <= :emptyMap  | false
            """)
    void comparisons_acrossTypesAreFalse(String expression, boolean holds) {
        assertThat(test(expression, item("a", s("1"), "m", m()))).isEqualTo(holds);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a = :1   | false
            a < :1   | false
            a >= :1  | false
            a <> :1  | true
            """)
    void comparisons_withMissingAttributeAreFalseExceptNotEquals(String expression, boolean holds) {
        assertThat(test(expression, item())).isEqualTo(holds);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            one BETWEEN :1 AND :3    | true
            three BETWEEN :1 AND :3  | true
            four BETWEEN :1 AND :3   | false
            letter between :a and :c | true
            """)
    void between_isInclusiveAtBothEnds(String expression, boolean holds) {
        assertThat(test(expression, item("one", n("1"), "three", n("3"), "four", n("4"), "letter", s("b"))))
                .isEqualTo(holds);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a BETWEEN :1 AND :3     | false
            gone BETWEEN :1 AND :3  | false
            """)
    void between_ofOtherTypeOrMissingIsFalse(String expression, boolean holds) {
        assertThat(test(expression, item("a", s("2")))).isEqualTo(holds);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a IN (:1, :2)  | true
            a IN (:text2)  | false
            a IN (:1, b)   | true
            c IN (:2)      | false
            """)
    void in_matchesAnyEqualOperand(String expression, boolean holds) {
        assertThat(test(expression, item("a", n("2"), "b", n("2")))).isEqualTo(holds);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # NOT a = :2 AND b = :2 is (NOT a = :2) AND b = :2
            NOT a = :2 AND b = :2    | false
            NOT (a = :2 AND b = :2)  | true
            """)
    void not_bindsTighterThanAnd(String expression, boolean holds) {
        assertThat(test(expression, item("a", n("1"), "b", n("1")))).isEqualTo(holds);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # a = 1 OR a = 2 AND a = 3 is a = 1 OR (a = 2 AND a = 3)
            a = :1 OR a = :2 AND a = :3    | true
            (a = :1 OR a = :2) AND a = :3  | false
            """)
    void and_bindsTighterThanOr(String expression, boolean holds) {
        assertThat(test(expression, item("a", n("1")))).isEqualTo(holds);
    }

    @Test
    void not_canBeRepeated() {
        assertThat(test("NOT NOT a = :1", item("a", n("1")))).isTrue();
    }

    @Test
    void keywords_areCaseInsensitive() {
        assertThat(test("a bEtWeEn :1 aNd :3 oR nOt a iN (:1)", item("a", n("2")))).isTrue();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            attribute_exists(a)          | true
            attribute_exists(a.b[0])     | true
            attribute_exists(a.b[1])     | false
            attribute_exists(nul)        | true
            attribute_not_exists(c)      | true
            attribute_not_exists(a.c)    | true
            attribute_not_exists(a.b)    | false
            """)
    void attributeExists_andNotExists(String expression, boolean holds) {
        assertThat(test(expression, item("a", m("b", l(n("1"))), "nul", NULL()))).isEqualTo(holds);
    }

    @Test
    void attributeExists_onMissingItemIsFalse() {
        assertThat(test("attribute_exists(a)", item())).isFalse();
        assertThat(test("attribute_not_exists(a)", item())).isTrue();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            attribute_type(s, :S)        | true
            attribute_type(n, :N)        | true
            attribute_type(b, :B)        | true
            attribute_type(bool, :BOOL)  | true
            attribute_type(nul, :NULL)   | true
            attribute_type(m, :M)        | true
            attribute_type(l, :L)        | true
            attribute_type(ss, :SS)      | true
            attribute_type(ns, :NS)      | true
            attribute_type(bs, :BS)      | true
            attribute_type(s, :N)        | false
            attribute_type(gone, :S)     | false
            """)
    void attributeType_knowsAllTenTypes(String expression, boolean holds) {
        Map<String, Value> item = item("s", s("x"), "n", n("1"), "b", b("x"), "bool", TRUE(), "nul", NULL(),
                "m", m(), "l", l(), "ss", ss("x"), "ns", ns("1"), "bs", bs("x"));
        assertThat(test(expression, item)).isEqualTo(holds);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            begins_with(s, :he)     | true
            begins_with(s, :lo)     | false
            begins_with(b, :bhe)    | true
            begins_with(b, :he)     | false
            begins_with(n, :text1)  | false
            """)
    void beginsWith_worksOnStringsAndBinary(String expression, boolean holds) {
        assertThat(test(expression, item("s", s("hello"), "b", b("hello"), "n", n("12")))).isEqualTo(holds);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            contains(s, :ell)           | true
            contains(s, :z)             | false
            contains(b, :bll)           | true
            contains(ss, :y)            | true
            contains(ss, :1)            | false
            contains(ns, :twoPointZero) | true
            contains(bs, :bx)           | true
            contains(l, :3)             | true
            contains(l, :kv)            | true
            contains(l, :y)             | false
            contains(gone, :y)          | false
            """)
    void contains_findsSubstringsSetElementsAndListElements(String expression, boolean holds) {
        Map<String, Value> item = item("s", s("hello"), "b", b("hello"), "ss", ss("x", "y"), "ns", ns("1", "2"),
                "bs", bs("x"), "l", l(s("x"), n("3"), m("k", s("v"))));
        assertThat(test(expression, item)).isEqualTo(holds);
    }

    @Test
    void contains_takesAPathAsOperand() {
        assertThat(test("contains(ss, p)", item("ss", ss("x"), "p", s("x")))).isTrue();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            size(s) = :3     | true
            size(b) = :4     | true
            size(ss) = :2    | true
            size(l) = :1     | true
            size(m) > :2     | true
            size(n) = :5     | false
            size(gone) < :5  | false
            """)
    void size_countsUtf8BytesOfStringsBytesOfBinaryAndElementsOfCollections(String expression, boolean holds) {
        Map<String, Value> item = item("s", s("h\u00e9"), "b", b("abcd"), "ss", ss("x", "y"), "l", l(n("1")),
                "m", m("a", n("1"), "b", n("2"), "c", n("3")), "n", n("12345"));
        assertThat(test(expression, item)).isEqualTo(holds);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            :3 = size(s)                | true
            size(s) = size(l)           | true
            size(s) BETWEEN :1 AND :3   | true
            """)
    void size_canStandOnEitherSideAndInBetween(String expression, boolean holds) {
        assertThat(test(expression, item("s", s("abc"), "l", l(n("1"), n("2"), n("3"))))).isEqualTo(holds);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a.b[0][0] = :deep  | true
            a.b[1] = :x        | true
            a.b[2] = :x        | false
            a.b.c = :x         | false
            '#n = :n'          | true
            """)
    void documentPaths_reachNestedMapsAndLists(String expression, boolean holds) {
        assertThat(test(expression, item("a", m("b", l(l(s("deep")), s("x"))), "name", s("n")))).isEqualTo(holds);
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
