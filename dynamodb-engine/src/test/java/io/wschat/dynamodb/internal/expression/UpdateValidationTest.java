package io.wschat.dynamodb.internal.expression;

import static io.wschat.dynamodb.internal.expression.Fixtures.NULL;
import static io.wschat.dynamodb.internal.expression.Fixtures.b;
import static io.wschat.dynamodb.internal.expression.Fixtures.item;
import static io.wschat.dynamodb.internal.expression.Fixtures.l;
import static io.wschat.dynamodb.internal.expression.Fixtures.m;
import static io.wschat.dynamodb.internal.expression.Fixtures.n;
import static io.wschat.dynamodb.internal.expression.Fixtures.names;
import static io.wschat.dynamodb.internal.expression.Fixtures.s;
import static io.wschat.dynamodb.internal.expression.Fixtures.ss;
import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.value.Value;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpdateValidationTest {

    private static String error(String expression, Object... values) {
        try {
            Expressions.update(expression, new ExpressionContext(names("#c", "c", "#d", "[3]"),
                    values.length == 0 ? null : item(values)), Set.of("id", "sort"));
        } catch (ApiException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + expression);
    }

    @Test
    void syntaxErrors_quoteTheTokenAndItsNeighbours() {
        assertThat(error("SET attrName = 3")).isEqualTo("Invalid UpdateExpression: Syntax error; token: \"3\", near: \"= 3\"");
        assertThat(error("SET MyStr[ 3")).isEqualTo("Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"3\"");
        assertThat(error("SET MyStr[3 )")).isEqualTo("Invalid UpdateExpression: Syntax error; token: \")\", near: \"3 )\"");
        assertThat(error("SET ) 3")).isEqualTo("Invalid UpdateExpression: Syntax error; token: \")\", near: \"SET ) 3\"");
        assertThat(error("SET MyStr = [:_val  ", ":_val", n("1")))
                .isEqualTo("Invalid UpdateExpression: Syntax error; token: \"[\", near: \"= [:_val\"");
        assertThat(error("  RESET NonExistent value"))
                .isEqualTo("Invalid UpdateExpression: Syntax error; token: \"RESET\", near: \"  RESET NonExistent\"");
        assertThat(error("SET a[0].b = 5")).isEqualTo("Invalid UpdateExpression: Syntax error; token: \"5\", near: \"= 5\"");
        assertThat(error("SET a = b, ")).isEqualTo("Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \", \"");
    }

    @Test
    void syntaxErrors_forWhatDynamoDbDoesNotAllow() {
        for (String expression : new String[] {"whatever", "set a", "add a", "delete a", "remove a = b",
                "add a = b", "delete a b", "remove a b", "set a b", "set a = b / c", "set a = b + c + d",
                "SET if_not_exist(a, b) = a", "set (a = (b + c))", "set a[1] = \"eight\""}) {
            assertThat(error(expression)).as(expression).startsWith("Invalid UpdateExpression: Syntax error; ");
        }
    }

    @Test
    void reservedWords_areRejected() {
        assertThat(error(" remove Absolute ")).isEqualTo("Invalid UpdateExpression: Attribute name is a reserved "
                + "keyword; reserved keyword: Absolute");
    }

    @Test
    void clauses_mayEachAppearOnce() {
        assertThat(error("set a = :v set c = :v", ":v", n("1"))).isEqualTo("Invalid UpdateExpression: The \"SET\" "
                + "section can only be used once in an update expression;");
        assertThat(error("remove x set a = :v REMOVE e", ":v", n("1"))).endsWith("The \"REMOVE\" section can only be "
                + "used once in an update expression;");
    }

    @Test
    void unknownFunctions_areRejected() {
        assertThat(error("set c = if_not_exist(:c)", ":c", n("1")))
                .isEqualTo("Invalid UpdateExpression: Invalid function name; function: if_not_exist");
    }

    @Test
    void undefinedPlaceholders_areRejected() {
        assertThat(error("SET #x = :v", ":v", n("1"))).isEqualTo("Invalid UpdateExpression: An expression attribute "
                + "name used in the document path is not defined; attribute name: #x");
        assertThat(error("SET a = :x")).isEqualTo("Invalid UpdateExpression: An expression attribute value used in "
                + "expression is not defined; attribute value: :x");
    }

    @Test
    void overlappingPaths_areRejected() {
        assertThat(error("SET a = :v REMOVE a.b", ":v", n("1"))).isEqualTo("Invalid UpdateExpression: Two document "
                + "paths overlap with each other; must remove or rewrite one of these paths; path one: [a], "
                + "path two: [a, b]");
        assertThat(error("SET a = :v, a = :v", ":v", n("1"))).endsWith("path one: [a], path two: [a]");
        assertThat(error("set #c[3].#d = a, #c[3] = a")).endsWith("path one: [c, [3], [3]], path two: [c, [3]]");
    }

    @Test
    void conflictingPaths_areRejected() {
        assertThat(error("remove a.#c set a[1] = b")).isEqualTo("Invalid UpdateExpression: Two document paths conflict "
                + "with each other; must remove or rewrite one of these paths; path one: [a, c], path two: [a, [1]]");
    }

    @Test
    void addAndDelete_checkTheirOperandType() {
        assertThat(error("add a.b :a", ":a", s("a"))).isEqualTo("Invalid UpdateExpression: Incorrect operand type for "
                + "operator or function; operator: ADD, operand type: STRING");
        assertThat(error("delete a.b :a", ":a", n("1"))).endsWith("operator: DELETE, operand type: NUMBER");
        assertThat(error("add a :a", ":a", NULL())).endsWith("operator: ADD, operand type: NULL");
        assertThat(error("add a :a", ":a", Value.bool(false))).endsWith("operator: ADD, operand type: BOOLEAN");
        assertThat(error("delete a :a", ":a", b("a"))).endsWith("operator: DELETE, operand type: BINARY");
        assertThat(error("add a :a", ":a", m())).endsWith("operator: ADD, operand type: MAP");
        assertThat(error("add a :a", ":a", l())).endsWith("operator: ADD, operand type: LIST");
    }

    @Test
    void functions_checkOperandsAtParseTime() {
        assertThat(error("set a = if_not_exists(c)")).isEqualTo("Invalid UpdateExpression: Incorrect number of "
                + "operands for operator or function; operator or function: if_not_exists, number of operands: 1");
        assertThat(error("set a = if_not_exists(:a, c)", ":a", s("a"))).isEqualTo("Invalid UpdateExpression: "
                + "Operator or function requires a document path; operator or function: if_not_exists");
        assertThat(error("set a = list_append(:a, a)", ":a", s("a"))).isEqualTo("Invalid UpdateExpression: Incorrect "
                + "operand type for operator or function; operator or function: list_append, operand type: S");
        assertThat(error("set a = a + :a", ":a", ss("a"))).endsWith("operator or function: +, operand type: SS");
        assertThat(error("set a = :c - a", ":c", b("a"))).endsWith("operator or function: -, operand type: B");
    }

    @Test
    void keyAttributes_mayNotBeUpdated() {
        assertThat(error("SET id = :v", ":v", s("x"))).isEqualTo("One or more parameter values were invalid: Cannot "
                + "update attribute id. This attribute is part of the key");
        assertThat(error("REMOVE a, sort")).endsWith("Cannot update attribute sort. This attribute is part of the key");
    }

    @Test
    void emptyExpression_isRejected() {
        assertThat(error("")).isEqualTo("Invalid UpdateExpression: The expression can not be empty;");
    }
}
