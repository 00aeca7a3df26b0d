package io.wschat.dynamodb.internal.expression;

import static io.wschat.dynamodb.internal.expression.Fixtures.item;
import static io.wschat.dynamodb.internal.expression.Fixtures.l;
import static io.wschat.dynamodb.internal.expression.Fixtures.m;
import static io.wschat.dynamodb.internal.expression.Fixtures.n;
import static io.wschat.dynamodb.internal.expression.Fixtures.names;
import static io.wschat.dynamodb.internal.expression.Fixtures.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.wschat.dynamodb.internal.value.Value;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectionTest {

    private static final Map<String, Value> ITEM = item("id", s("1"), "a", m("b", n("1"), "c", n("2")),
            "list", l(s("x"), s("y"), s("z"), m("k", s("v"), "j", s("w"))), "extra", s("o"));

    private static Projection projection(String text) {
        return Expressions.projection(text, new ExpressionContext(names("#l", "list"), null));
    }

    @Test
    void topLevelNames_keepOnlyThoseAttributes() {
        assertThat(projection("id, extra, gone").apply(ITEM)).isEqualTo(item("id", s("1"), "extra", s("o")));
    }

    @Test
    void nestedMapMembers_keepTheirParents() {
        assertThat(projection("a.c").apply(ITEM)).isEqualTo(item("a", m("c", n("2"))));
        assertThat(projection("a.c, a.b").apply(ITEM)).isEqualTo(item("a", m("c", n("2"), "b", n("1"))));
    }

    @Test
    void listElements_closeUpInIndexOrder() {
        assertThat(projection("#l[2], #l[0]").apply(ITEM)).isEqualTo(item("list", l(s("x"), s("z"))));
        assertThat(projection("#l[3].j, #l[9]").apply(ITEM)).isEqualTo(item("list", l(m("j", s("w")))));
    }

    @Test
    void pathsThroughTheWrongType_yieldNothing() {
        assertThat(projection("a[0], #l.b, id.x").apply(ITEM)).isEmpty();
    }

    @Test
    void topLevelNames_areTheHeadsOfThePaths() {
        assertThat(projection("a.b, #l[1], id").topLevelNames()).containsExactlyInAnyOrder("a", "list", "id");
    }

    static Stream<Arguments> invalidExpressions_areRefusedWithTheirReason() {
        String invalid = "Invalid ProjectionExpression: ";
        return Stream.of(
                arguments("the same path twice is an overlap", "a, a", invalid + "Two document paths overlap with "
                        + "each other; must remove or rewrite one of these paths; path one: [a], path two: [a]"),
                arguments("a path inside another is an overlap", "a, a.b", invalid + "Two document paths overlap with "
                        + "each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]"),
                arguments("list and map access to one path is a conflict", "a[0], a.b", invalid + "Two document paths "
                        + "conflict with each other; must remove or rewrite one of these paths; path one: [a, [0]], "
                        + "path two: [a, b]"),
                arguments("a reserved word", "id, name", invalid + "Attribute name is a reserved keyword; reserved "
                        + "keyword: name"),
                arguments("an undefined name", "#x", invalid + "An expression attribute name used in the document "
                        + "path is not defined; attribute name: #x"),
                arguments("a syntax error", "a,", invalid + "Syntax error; token: \"<EOF>\", near: \",\""),
                arguments("an empty expression", "", invalid + "The expression can not be empty;"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void invalidExpressions_areRefusedWithTheirReason(String what, String expression, String message) {
        assertThatThrownBy(() -> projection(expression)).hasMessage(message);
    }
}
