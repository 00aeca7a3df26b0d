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

class ConditionTest {

    private static boolean test(String expression, Map<String, Value> item, Object... values) {
        return Expressions.condition(expression, "ConditionExpression",
                new ExpressionContext(expression.contains("#n") ? names("#n", "name") : null,
                        values.length == 0 ? null : item(values))).test(item);
    }

    @Test
    void equals_matchesSameTypeAndValue() {
        Map<String, Value> item = item("a", s("x"), "b", n("1.50"));
        assertThat(test("a = :v", item, ":v", s("x"))).isTrue();
        assertThat(test("b = :v", item, ":v", n("1.5"))).isTrue();
        assertThat(test("a = :v", item, ":v", s("y"))).isFalse();
    }

    @Test
    void equals_acrossTypesIsFalseAndNotEqualsIsTrue() {
        Map<String, Value> item = item("a", s("1"));
        assertThat(test("a = :v", item, ":v", n("1"))).isFalse();
        assertThat(test("a <> :v", item, ":v", n("1"))).isTrue();
    }

    @Test
    void equals_comparesSetsRegardlessOfOrderAndDocumentsDeeply() {
        Map<String, Value> item = item("a", ss("x", "y"), "b", m("k", l(n("1"), s("z"))));
        assertThat(test("a = :v", item, ":v", ss("y", "x"))).isTrue();
        assertThat(test("b = :v", item, ":v", m("k", l(n("1.0"), s("z"))))).isTrue();
        assertThat(test("b = :v", item, ":v", m("k", l(s("z"), n("1"))))).isFalse();
    }

    @Test
    void comparisons_orderNumbersStringsAndBinary() {
        Map<String, Value> item = item("n", n("10"), "s", s("b"), "b", b("b"));
        assertThat(test("n > :v", item, ":v", n("9"))).isTrue();
        assertThat(test("n < :v", item, ":v", n("9"))).isFalse();
        assertThat(test("n >= :v", item, ":v", n("10"))).isTrue();
        assertThat(test("n <= :v", item, ":v", n("10"))).isTrue();
        assertThat(test("s < :v", item, ":v", s("c"))).isTrue();
        assertThat(test("s > :v", item, ":v", s("a"))).isTrue();
        assertThat(test("b < :v", item, ":v", b("c"))).isTrue();
    }

    @Test
    void comparisons_orderStringsByUtf8Bytes() {
        Map<String, Value> item = item("s", s("\uD83D\uDE00")); // U+1F600 sorts after U+FFFD in UTF-8
        assertThat(test("s > :v", item, ":v", s("\uFFFD"))).isTrue();
    }

    @Test
    void comparisons_acrossTypesAreFalse() {
        Map<String, Value> item = item("a", s("1"), "m", m());
        assertThat(test("a < :v", item, ":v", n("2"))).isFalse();
        assertThat(test("a > :v", item, ":v", n("0"))).isFalse();
        assertThat(test("m < :v", item, ":v", m())).isFalse();
        assertThat(test("m <= :v", item, ":v", m())).isFalse();
    }

    @Test
    void comparisons_withMissingAttributeAreFalseExceptNotEquals() {
        Map<String, Value> item = item();
        assertThat(test("a = :v", item, ":v", n("1"))).isFalse();
        assertThat(test("a < :v", item, ":v", n("1"))).isFalse();
        assertThat(test("a >= :v", item, ":v", n("1"))).isFalse();
        assertThat(test("a <> :v", item, ":v", n("1"))).isTrue();
    }

    @Test
    void between_isInclusiveAtBothEnds() {
        assertThat(test("a BETWEEN :lo AND :hi", item("a", n("1")), ":lo", n("1"), ":hi", n("3"))).isTrue();
        assertThat(test("a BETWEEN :lo AND :hi", item("a", n("3")), ":lo", n("1"), ":hi", n("3"))).isTrue();
        assertThat(test("a BETWEEN :lo AND :hi", item("a", n("4")), ":lo", n("1"), ":hi", n("3"))).isFalse();
        assertThat(test("a between :lo and :hi", item("a", s("b")), ":lo", s("a"), ":hi", s("c"))).isTrue();
    }

    @Test
    void between_ofOtherTypeOrMissingIsFalse() {
        assertThat(test("a BETWEEN :lo AND :hi", item("a", s("2")), ":lo", n("1"), ":hi", n("3"))).isFalse();
        assertThat(test("a BETWEEN :lo AND :hi", item(), ":lo", n("1"), ":hi", n("3"))).isFalse();
    }

    @Test
    void in_matchesAnyEqualOperand() {
        Map<String, Value> item = item("a", n("2"), "b", n("2"));
        assertThat(test("a IN (:x, :y)", item, ":x", n("1"), ":y", n("2"))).isTrue();
        assertThat(test("a IN (:x)", item, ":x", s("2"))).isFalse();
        assertThat(test("a IN (:x, b)", item, ":x", n("1"))).isTrue();
        assertThat(test("c IN (:x)", item, ":x", n("2"))).isFalse();
    }

    @Test
    void not_bindsTighterThanAnd() {
        // NOT a = :x AND b = :y is (NOT a = :x) AND b = :y
        Map<String, Value> item = item("a", n("1"), "b", n("1"));
        assertThat(test("NOT a = :x AND b = :y", item, ":x", n("2"), ":y", n("2"))).isFalse();
        assertThat(test("NOT (a = :x AND b = :y)", item, ":x", n("2"), ":y", n("2"))).isTrue();
    }

    @Test
    void and_bindsTighterThanOr() {
        Map<String, Value> item = item("a", n("1"));
        // a = 1 OR a = 2 AND a = 3 is a = 1 OR (a = 2 AND a = 3)
        assertThat(test("a = :one OR a = :two AND a = :three", item, ":one", n("1"), ":two", n("2"),
                ":three", n("3"))).isTrue();
        assertThat(test("(a = :one OR a = :two) AND a = :three", item, ":one", n("1"), ":two", n("2"),
                ":three", n("3"))).isFalse();
    }

    @Test
    void not_canBeRepeated() {
        assertThat(test("NOT NOT a = :v", item("a", n("1")), ":v", n("1"))).isTrue();
    }

    @Test
    void keywords_areCaseInsensitive() {
        Map<String, Value> item = item("a", n("2"));
        assertThat(test("a bEtWeEn :x aNd :y oR nOt a iN (:x)", item, ":x", n("1"), ":y", n("3"))).isTrue();
    }

    @Test
    void attributeExists_andNotExists() {
        Map<String, Value> item = item("a", m("b", l(n("1"))), "nul", NULL());
        assertThat(test("attribute_exists(a)", item)).isTrue();
        assertThat(test("attribute_exists(a.b[0])", item)).isTrue();
        assertThat(test("attribute_exists(a.b[1])", item)).isFalse();
        assertThat(test("attribute_exists(nul)", item)).isTrue();
        assertThat(test("attribute_not_exists(c)", item)).isTrue();
        assertThat(test("attribute_not_exists(a.c)", item)).isTrue();
        assertThat(test("attribute_not_exists(a.b)", item)).isFalse();
    }

    @Test
    void attributeExists_onMissingItemIsFalse() {
        assertThat(test("attribute_exists(a)", item())).isFalse();
        assertThat(test("attribute_not_exists(a)", item())).isTrue();
    }

    @Test
    void attributeType_knowsAllTenTypes() {
        Map<String, Value> item = item("s", s("x"), "n", n("1"), "b", b("x"), "bool", TRUE(), "nul", NULL(),
                "m", m(), "l", l(), "ss", ss("x"), "ns", ns("1"), "bs", bs("x"));
        for (String type : new String[] {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"}) {
            String attribute = type.equals("NULL") ? "nul" : type.toLowerCase();
            assertThat(test("attribute_type(" + attribute + ", :t)", item, ":t", s(type))).as(type).isTrue();
        }
        assertThat(test("attribute_type(s, :t)", item, ":t", s("N"))).isFalse();
        assertThat(test("attribute_type(gone, :t)", item, ":t", s("S"))).isFalse();
    }

    @Test
    void beginsWith_worksOnStringsAndBinary() {
        Map<String, Value> item = item("s", s("hello"), "b", b("hello"), "n", n("12"));
        assertThat(test("begins_with(s, :p)", item, ":p", s("he"))).isTrue();
        assertThat(test("begins_with(s, :p)", item, ":p", s("lo"))).isFalse();
        assertThat(test("begins_with(b, :p)", item, ":p", b("he"))).isTrue();
        assertThat(test("begins_with(b, :p)", item, ":p", s("he"))).isFalse();
        assertThat(test("begins_with(n, :p)", item, ":p", s("1"))).isFalse();
    }

    @Test
    void contains_findsSubstringsSetElementsAndListElements() {
        Map<String, Value> item = item("s", s("hello"), "b", b("hello"), "ss", ss("x", "y"), "ns", ns("1", "2"),
                "bs", bs("x"), "l", l(s("x"), n("3"), m("k", s("v"))));
        assertThat(test("contains(s, :v)", item, ":v", s("ell"))).isTrue();
        assertThat(test("contains(s, :v)", item, ":v", s("z"))).isFalse();
        assertThat(test("contains(b, :v)", item, ":v", b("ll"))).isTrue();
        assertThat(test("contains(ss, :v)", item, ":v", s("y"))).isTrue();
        assertThat(test("contains(ss, :v)", item, ":v", n("1"))).isFalse();
        assertThat(test("contains(ns, :v)", item, ":v", n("2.0"))).isTrue();
        assertThat(test("contains(bs, :v)", item, ":v", b("x"))).isTrue();
        assertThat(test("contains(l, :v)", item, ":v", n("3"))).isTrue();
        assertThat(test("contains(l, :v)", item, ":v", m("k", s("v")))).isTrue();
        assertThat(test("contains(l, :v)", item, ":v", s("y"))).isFalse();
        assertThat(test("contains(gone, :v)", item, ":v", s("y"))).isFalse();
    }

    @Test
    void contains_takesAPathAsOperand() {
        assertThat(test("contains(ss, p)", item("ss", ss("x"), "p", s("x")))).isTrue();
    }

    @Test
    void size_countsUtf8BytesOfStringsBytesOfBinaryAndElementsOfCollections() {
        Map<String, Value> item = item("s", s("h\u00e9"), "b", b("abcd"), "ss", ss("x", "y"), "l", l(n("1")),
                "m", m("a", n("1"), "b", n("2"), "c", n("3")), "n", n("12345"));
        assertThat(test("size(s) = :v", item, ":v", n("3"))).isTrue();
        assertThat(test("size(b) = :v", item, ":v", n("4"))).isTrue();
        assertThat(test("size(ss) = :v", item, ":v", n("2"))).isTrue();
        assertThat(test("size(l) = :v", item, ":v", n("1"))).isTrue();
        assertThat(test("size(m) > :v", item, ":v", n("2"))).isTrue();
        assertThat(test("size(n) = :v", item, ":v", n("5"))).isFalse();
        assertThat(test("size(gone) < :v", item, ":v", n("5"))).isFalse();
    }

    @Test
    void size_canStandOnEitherSideAndInBetween() {
        Map<String, Value> item = item("s", s("abc"), "l", l(n("1"), n("2"), n("3")));
        assertThat(test(":v = size(s)", item, ":v", n("3"))).isTrue();
        assertThat(test("size(s) = size(l)", item)).isTrue();
        assertThat(test("size(s) BETWEEN :a AND :b", item, ":a", n("1"), ":b", n("3"))).isTrue();
    }

    @Test
    void documentPaths_reachNestedMapsAndLists() {
        Map<String, Value> item = item("a", m("b", l(l(s("deep")), s("x"))), "name", s("n"));
        assertThat(test("a.b[0][0] = :v", item, ":v", s("deep"))).isTrue();
        assertThat(test("a.b[1] = :v", item, ":v", s("x"))).isTrue();
        assertThat(test("a.b[2] = :v", item, ":v", s("x"))).isFalse();
        assertThat(test("a.b.c = :v", item, ":v", s("x"))).isFalse();
        assertThat(test("#n = :v", item, ":v", s("n"))).isTrue();
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
        assertThat(test("(a) = (:v)", item("a", n("1")), ":v", n("1"))).isTrue();
        assertThat(test("(a = :v)", item("a", n("1")), ":v", n("1"))).isTrue();
    }

    @Test
    void conditions_areReusableAcrossItems() {
        Condition condition = Expressions.condition("a > :v", "FilterExpression",
                new ExpressionContext(null, item(":v", n("5"))));
        assertThat(condition.test(item("a", n("6")))).isTrue();
        assertThat(condition.test(item("a", n("4")))).isFalse();
    }
}
