package io.wschat.dynamodb.internal.expression;

import static io.wschat.dynamodb.internal.expression.Fixtures.item;
import static io.wschat.dynamodb.internal.expression.Fixtures.l;
import static io.wschat.dynamodb.internal.expression.Fixtures.m;
import static io.wschat.dynamodb.internal.expression.Fixtures.n;
import static io.wschat.dynamodb.internal.expression.Fixtures.names;
import static io.wschat.dynamodb.internal.expression.Fixtures.ns;
import static io.wschat.dynamodb.internal.expression.Fixtures.s;
import static io.wschat.dynamodb.internal.expression.Fixtures.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.dynamodb.internal.value.Value;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpdateTest {

    private static Map<String, Value> apply(String expression, Map<String, Value> item, Object... values) {
        return Expressions.update(expression, new ExpressionContext(expression.contains("#") ? names("#n", "n") : null,
                values.length == 0 ? null : item(values)), Set.of("id")).apply(item);
    }

    @Test
    void set_writesTopLevelAndNestedAttributes() {
        Map<String, Value> item = item("id", s("1"), "m", m("x", n("1")));
        assertThat(apply("SET a = :v, m.y = :v, #n = :v", item, ":v", s("v")))
                .isEqualTo(item("id", s("1"), "m", m("x", n("1"), "y", s("v")), "a", s("v"), "n", s("v")));
    }

    @Test
    void apply_leavesTheInputUnchanged() {
        Map<String, Value> item = item("id", s("1"), "m", m("x", n("1"), "y", n("2")), "z", n("3"));
        apply("SET m.x = :v REMOVE m.y, z", item, ":v", s("v"));
        assertThat(item).isEqualTo(item("id", s("1"), "m", m("x", n("1"), "y", n("2")), "z", n("3")));
    }

    @Test
    void set_copiesAnotherAttribute() {
        assertThat(apply("SET b = a", item("a", n("1")))).isEqualTo(item("a", n("1"), "b", n("1")));
    }

    @Test
    void set_addsAndSubtractsNumbers() {
        Map<String, Value> item = item("a", n("10"));
        assertThat(apply("SET a = a + :v", item, ":v", n("2.5"))).isEqualTo(item("a", n("12.5")));
        assertThat(apply("SET a = a - :v", item, ":v", n("12"))).isEqualTo(item("a", n("-2")));
        assertThat(apply("SET b = (:v + :v)", item, ":v", n("1"))).containsEntry("b", n("2"));
    }

    @Test
    void set_arithmeticKeepsAllDigitsOfTheResult() {
        Map<String, Value> item = item("a", n("99999999999999999999999999999999999999"));
        assertThatThrownBy(() -> apply("SET a = a + :v", item, ":v", n("0.1")))
                .hasMessage("Attempting to store more than 38 significant digits in a Number");
        assertThat(apply("SET a = a - :v", item, ":v", n("99999999999999999999999999999999999998")))
                .isEqualTo(item("a", n("1")));
    }

    @Test
    void set_arithmeticOnNonNumbersIsRejected() {
        assertThatThrownBy(() -> apply("SET a = a + :v", item("a", s("x")), ":v", n("1")))
                .hasMessage("An operand in the update expression has an incorrect data type");
    }

    @Test
    void set_readingAMissingAttributeIsRejected() {
        assertThatThrownBy(() -> apply("SET c = b", item()))
                .hasMessage("The provided expression refers to an attribute that does not exist in the item");
        assertThatThrownBy(() -> apply("SET a = a + :v", item(), ":v", n("1")))
                .hasMessage("The provided expression refers to an attribute that does not exist in the item");
    }

    @Test
    void ifNotExists_usesTheAttributeWhenPresentAndTheValueOtherwise() {
        assertThat(apply("SET a = if_not_exists(a, :v)", item("a", n("1")), ":v", n("0"))).isEqualTo(item("a", n("1")));
        assertThat(apply("SET a = if_not_exists(a, :v) + :one", item(), ":v", n("0"), ":one", n("1")))
                .isEqualTo(item("a", n("1")));
    }

    @Test
    void listAppend_concatenatesLists() {
        Map<String, Value> item = item("l", l(n("1")));
        assertThat(apply("SET l = list_append(l, :v)", item, ":v", l(n("2")))).isEqualTo(item("l", l(n("1"), n("2"))));
        assertThat(apply("SET l = list_append(:v, l)", item, ":v", l(n("0")))).isEqualTo(item("l", l(n("0"), n("1"))));
        assertThat(apply("SET m = list_append(if_not_exists(m, :e), :v)", item(), ":e", l(), ":v", l(n("2"))))
                .isEqualTo(item("m", l(n("2"))));
    }

    @Test
    void listAppend_ofANonListIsRejected() {
        assertThatThrownBy(() -> apply("SET l = list_append(l, :v)", item("l", s("x")), ":v", l()))
                .hasMessage("An operand in the update expression has an incorrect data type");
    }

    @Test
    void setValues_areComputedFromTheItemBeforeTheUpdate() {
        Map<String, Value> item = item("a", n("1"), "b", n("2"));
        assertThat(apply("SET a = b, b = a", item)).isEqualTo(item("a", n("2"), "b", n("1")));
    }

    @Test
    void set_pastTheEndOfAListAppendsInIndexOrder() {
        Map<String, Value> item = item("c", l(n("1"), n("3")));
        assertThat(apply("SET c[1] = :a, c[9] = :b, c[4] = :c", item, ":a", s("a"), ":b", s("b"), ":c", s("c")))
                .isEqualTo(item("c", l(n("1"), s("a"), s("c"), s("b"))));
    }

    @Test
    void set_intoAMissingParentIsRejected() {
        assertThatThrownBy(() -> apply("SET b.a = :v", item(), ":v", n("1")))
                .hasMessage("The document path provided in the update expression is invalid for update");
        assertThatThrownBy(() -> apply("SET b[1] = :v", item("b", m()), ":v", n("1")))
                .hasMessage("The document path provided in the update expression is invalid for update");
        assertThatThrownBy(() -> apply("SET d.x = :v", item("d", l()), ":v", n("1")))
                .hasMessage("The document path provided in the update expression is invalid for update");
    }

    @Test
    void remove_deletesAttributesAndNestedMembers() {
        Map<String, Value> item = item("a", n("1"), "m", m("x", n("1"), "y", n("2")));
        assertThat(apply("REMOVE a, m.x, gone", item)).isEqualTo(item("m", m("y", n("2"))));
    }

    @Test
    void remove_ofListElementsUsesTheIndexesAsTheyWere() {
        Map<String, Value> item = item("l", l(s("a"), s("b"), s("c"), s("d")));
        assertThat(apply("REMOVE l[1], l[2]", item)).isEqualTo(item("l", l(s("a"), s("d"))));
        assertThat(apply("REMOVE l[0], l[7]", item)).isEqualTo(item("l", l(s("b"), s("c"), s("d"))));
    }

    @Test
    void remove_throughAMissingParentIsRejected() {
        assertThatThrownBy(() -> apply("REMOVE y.a", item()))
                .hasMessage("The document path provided in the update expression is invalid for update");
    }

    @Test
    void add_toAMissingAttributeCreatesIt() {
        assertThat(apply("ADD n :v, s :s", item(), ":v", n("5"), ":s", ss("x")))
                .isEqualTo(item("n", n("5"), "s", ss("x")));
    }

    @Test
    void add_addsNumbersAndUnitesSets() {
        Map<String, Value> item = item("n", n("5"), "s", ss("x"), "ns", ns("1"));
        assertThat(apply("ADD n :v, s :s, ns :ns", item, ":v", n("-7"), ":s", ss("x", "y"), ":ns", ns("2")))
                .isEqualTo(item("n", n("-2"), "s", ss("x", "y"), "ns", ns("1", "2")));
    }

    @Test
    void add_ofAnotherTypeIsRejected() {
        assertThatThrownBy(() -> apply("ADD s :v", item("s", ss("x")), ":v", n("1")))
                .hasMessage("An operand in the update expression has an incorrect data type");
        assertThatThrownBy(() -> apply("ADD s :v", item("s", ss("x")), ":v", ns("1")))
                .hasMessage("An operand in the update expression has an incorrect data type");
    }

    @Test
    void add_pastTheEndOfAListAppends() {
        assertThat(apply("ADD l[5] :v", item("l", l(n("1"))), ":v", n("2"))).isEqualTo(item("l", l(n("1"), n("2"))));
    }

    @Test
    void delete_removesElementsAndTheAttributeWhenTheSetEmpties() {
        Map<String, Value> item = item("s", ss("x", "y"));
        assertThat(apply("DELETE s :v", item, ":v", ss("x", "z"))).isEqualTo(item("s", ss("y")));
        assertThat(apply("DELETE s :v", item, ":v", ss("x", "y"))).isEqualTo(item());
        assertThat(apply("DELETE gone :v", item, ":v", ss("x"))).isEqualTo(item);
    }

    @Test
    void delete_ofAnotherSetTypeIsRejected() {
        assertThatThrownBy(() -> apply("DELETE s :v", item("s", ss("x")), ":v", ns("1")))
                .hasMessage("An operand in the update expression has an incorrect data type");
    }

    @Test
    void clauses_comeInAnyOrderAndKeywordsIgnoreCase() {
        Map<String, Value> item = item("a", n("1"), "b", n("1"), "s", ss("x"));
        assertThat(apply("delete s :s add b :one remove a set c = :one", item, ":s", ss("x"), ":one", n("1")))
                .isEqualTo(item("b", n("2"), "c", n("1")));
    }

    @Test
    void updatedPaths_areTheActionsTargets() {
        Update update = Expressions.update("SET a.b = :v REMOVE c", new ExpressionContext(null, item(":v", n("1"))),
                Set.of());
        assertThat(update.updatedPaths().apply(item("a", m("b", n("2"), "x", n("3")), "c", n("4"), "d", n("5"))))
                .isEqualTo(item("a", m("b", n("2")), "c", n("4")));
    }
}
