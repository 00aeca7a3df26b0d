package io.wschat.dynamodb.internal.expression;

import static io.wschat.dynamodb.internal.expression.Fixtures.item;
import static io.wschat.dynamodb.internal.expression.Fixtures.l;
import static io.wschat.dynamodb.internal.expression.Fixtures.m;
import static io.wschat.dynamodb.internal.expression.Fixtures.n;
import static io.wschat.dynamodb.internal.expression.Fixtures.names;
import static io.wschat.dynamodb.internal.expression.Fixtures.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.dynamodb.internal.value.Value;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

    @Test
    void samePathTwice_isAnOverlap() {
        assertThatThrownBy(() -> projection("a, a")).hasMessage("Invalid ProjectionExpression: Two document paths "
                + "overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
    }

    @Test
    void pathInsideAnother_isAnOverlap() {
        assertThatThrownBy(() -> projection("a, a.b")).hasMessage("Invalid ProjectionExpression: Two document paths "
                + "overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]");
    }

    @Test
    void listAndMapAccessToOnePath_isAConflict() {
        assertThatThrownBy(() -> projection("a[0], a.b")).hasMessage("Invalid ProjectionExpression: Two document "
                + "paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [0]], "
                + "path two: [a, b]");
    }

    @Test
    void reservedWords_andUndefinedNames_areRejected() {
        assertThatThrownBy(() -> projection("id, name")).hasMessage("Invalid ProjectionExpression: Attribute name is "
                + "a reserved keyword; reserved keyword: name");
        assertThatThrownBy(() -> projection("#x")).hasMessage("Invalid ProjectionExpression: An expression attribute "
                + "name used in the document path is not defined; attribute name: #x");
    }

    @Test
    void syntaxErrors_areReported() {
        assertThatThrownBy(() -> projection("a,")).hasMessage("Invalid ProjectionExpression: Syntax error; "
                + "token: \"<EOF>\", near: \",\"");
        assertThatThrownBy(() -> projection("")).hasMessage("Invalid ProjectionExpression: The expression can not be "
                + "empty;");
    }
}
