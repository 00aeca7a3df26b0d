package io.wschat.dynamodb.internal.expression;

import static io.wschat.dynamodb.internal.expression.Fixtures.item;
import static io.wschat.dynamodb.internal.expression.Fixtures.m;
import static io.wschat.dynamodb.internal.expression.Fixtures.n;
import static io.wschat.dynamodb.internal.expression.Fixtures.names;
import static io.wschat.dynamodb.internal.expression.Fixtures.values;
import static io.wschat.dynamodb.internal.expression.Fixtures.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionValidationTest {

    private static String error(String expression, Map<String, Value> valueMap) {
        try {
            Expressions.condition(expression, "FilterExpression",
                    new ExpressionContext(names("#a", "a", "#b", "b"), valueMap));
        } catch (ApiException e) {
            assertThat(e.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
            return e.getMessage();
        }
        throw new AssertionError("no error for " + expression);
    }

    /** Each row: the expression, its ExpressionAttributeValues in DynamoDB JSON (empty for none), the message. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # an empty expression
            ''                                  |                       | Invalid FilterExpression: The expression can not be empty;
            # syntax errors quote the token and its neighbours, at the end what comes before
            a x b                               |                       | Invalid FilterExpression: Syntax error; token: "x", near: "a x b"
            things are not gonna be ok          |                       | Invalid FilterExpression: Syntax error; token: "are", near: "things are not"
            a > 4                               |                       | Invalid FilterExpression: Syntax error; token: "4", near: "> 4"
            'a = :v AND '                       | {":v":{"N":"1"}}      | Invalid FilterExpression: Syntax error; token: "<EOF>", near: "AND "
            'a = '                              |                       | Invalid FilterExpression: Syntax error; token: "<EOF>", near: "= "
            a in (b,c,)                         |                       | Invalid FilterExpression: Syntax error; token: ")", near: ",)"
            # a reserved word as a bare name, which outranks the operand count and undefined placeholders
            :a < abOrT                          | {":a":{"N":"1"}}      | Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: abOrT
            a.Size = :a                         | {":a":{"N":"1"}}      | Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: Size
            attribute_exists(views, #c)         |                       | Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: views
            # undefined names and values
            '#x = :a'                           | {":a":{"N":"1"}}      | Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: #x
            (a)between(b.c[45].#d)and(:a)       | {":a":{"N":"1"}}      | Invalid FilterExpression: An expression attribute name used in the document path is not defined; attribute name: #d
            a = :v                              |                       | Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :v
            begins_with(:hello, #a, #b)         |                       | Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :hello
            # unknown functions, whose names are case-sensitive
            foo(a)                              |                       | Invalid FilterExpression: Invalid function name; function: foo
            attRIbute_exIsts(a)                 |                       | Invalid FilterExpression: Invalid function name; function: attRIbute_exIsts
            a = a and whatever((:things)) > a   |                       | Invalid FilterExpression: Invalid function name; function: whatever
            # size is not allowed as a condition, nor condition functions as operands
            size(a)                             |                       | Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: size
            a = :v AND size(a)                  | {":v":{"N":"1"}}      | Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: size
            attribute_not_exists(things) > b    |                       | Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: attribute_not_exists
            size(contains(a, b)) > a            |                       | Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: contains
            a between b and attribute_exists(things) |                | Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: attribute_exists
            a in (b, attribute_exists(things))  |                       | Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: attribute_exists
            # functions check their number of operands
            attribute_exists(things, a) and a = b |                     | Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2
            begins_with(things)                 |                       | Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1
            contains(things)                    |                       | Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: contains, number of operands: 1
            size(things, a) > b                 |                       | Invalid FilterExpression: Incorrect number of operands for operator or function; operator or function: size, number of operands: 2
            # functions check their operands' types
            begins_with(a, :v)                  | {":v":{"N":"1"}}      | Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N
            begins_with(:v, a)                  | {":v":{"L":[]}}       | Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: L
            begins_with(a, size(a))             |                       | Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N
            attribute_type(a, :v)               | {":v":{"N":"1"}}      | Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N
            attribute_type(a, :v)               | {":v":{"S":"1"}}      | Invalid FilterExpression: Invalid attribute type name found; type: 1, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}
            size(:v) > a                        | {":v":{"BOOL":true}}  | Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: size, operand type: BOOL
            size(size(a)) > :v                  | {":v":{"N":"1"}}      | Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N
            attribute_exists(:v) and a = b      | {":v":{"S":"1"}}      | Invalid FilterExpression: Operator or function requires a document path; operator or function: attribute_exists
            # operands must be distinct; the first failing condition reports, though a later undefined value would outrank
            a = a                               |                       | Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]
            '#a <> a'                           |                       | Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: <>, first operand: [a]
            contains(ab.bc[1].a, ab.bc[1].#a)   |                       | Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [ab, bc, [1], a]
            a = a AND b = :gone                 |                       | Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]
            # BETWEEN needs bounds of one type, in order; binary bounds are named in base64
            a between :b and :a                 | {":a":{"S":"a"},":b":{"N":"1"}} | Invalid FilterExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}
            a between :b and :a                 | {":a":{"S":"a"},":b":{"S":"b"}} | Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}
            a between :b and :a                 | {":a":{"B":"YQ=="},":b":{"B":"Yg=="}} | Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {B:Yg==}, upper bound operand: AttributeValue: {B:YQ==}
            # redundant parentheses
            a = b and a > ((views))             |                       | Invalid FilterExpression: The expression has redundant parentheses;
            a=b AND ((a=c AND a=d)) AND a=e     |                       | Invalid FilterExpression: The expression has redundant parentheses;
            a > whatever((:things), ((a)))      |                       | Invalid FilterExpression: The expression has redundant parentheses;
            """)
    void refusedExpression_givesDynamoDbsMessage(String expression, String valuesJson, String message) {
        assertThat(error(expression, values(valuesJson))).isEqualTo(message);
    }

    /** Syntax errors whose message DynamoDB words beyond the token this checks. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            \u00fc > a                          |                       | Invalid FilterExpression: Syntax error; token: "\u00fc"
            attribute_exists(Pictures-RearView) |                       | Invalid FilterExpression: Syntax error; token: "-"
            attribute_exists(Pictures..RearView) |                      | Invalid FilterExpression: Syntax error; token: "."
            attribute_exists(asdf[a])           |                       | Invalid FilterExpression: Syntax error; token: "a"
            size(a).b > a                       |                       | Invalid FilterExpression: Syntax error; token: "."
            a in b                              |                       | Invalid FilterExpression: Syntax error; token: "b"
            a > :things.stuff                   | {":things":{"N":"1"}} | Invalid FilterExpression: Syntax error; token: "."
            """)
    void syntaxError_forUnknownCharactersAndMalformedPaths(String expression, String valuesJson, String prefix) {
        assertThat(error(expression, values(valuesJson))).startsWith(prefix);
    }

    @Test
    void parameterName_appearsInMessages() {
        assertThatThrownBy(() -> Expressions.condition("a >", "ConditionExpression", new ExpressionContext(null, null)))
                .hasMessage("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \">\"");
    }

    @Test
    void reservedWord_behindPlaceholderIsFine() {
        Expressions.condition("#s = :a", "FilterExpression",
                new ExpressionContext(names("#s", "size"), item(":a", n("1"))));
    }

    @Test
    void in_acceptsOneHundredOperandsButNotMore() {
        Map<String, Value> values = new LinkedHashMap<>();
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            values.put(":v" + i, n(Integer.toString(i)));
            list.append(i == 0 ? "" : ", ").append(":v").append(i);
        }
        String hundred = list.substring(0, list.lastIndexOf(", "));
        Map<String, Value> first100 = new LinkedHashMap<>(values);
        first100.remove(":v100");
        Expressions.condition("a IN (" + hundred + ")", "FilterExpression", new ExpressionContext(null, first100));
        assertThatThrownBy(() -> Expressions.condition("a IN (" + list + ")", "FilterExpression",
                new ExpressionContext(null, values))).hasMessage("Invalid FilterExpression: The IN operator is "
                + "provided with too many operands; number of operands: 101");
    }

    @Test
    void documentPath_deeperThan32IsRejected() {
        String depth32 = "a" + ".b".repeat(31);
        Expressions.condition("attribute_exists(" + depth32 + ")", "FilterExpression", new ExpressionContext(null, null));
        assertThat(error("attribute_exists(" + depth32 + ".c)", null)).isEqualTo("Invalid FilterExpression: The document "
                + "path has too many nesting levels; nesting levels: 33");
    }

    @Test
    void expression_longerThan4KbIsRejected() {
        String long4097 = "attribute_exists(" + "a".repeat(4097 - 18) + ")";
        assertThat(long4097).hasSize(4097);
        assertThat(error(long4097, null)).isEqualTo("Invalid FilterExpression: Expression size has exceeded the maximum "
                + "allowed size; expression size: 4097");
    }

    @Test
    void operators_moreThan300AreRejected() {
        String expression = "a = :v" + " OR a = :v".repeat(150);
        assertThat(error(expression, item(":v", n("1")))).isEqualTo("Invalid FilterExpression: The expression contains too "
                + "many operators; operator count: 301");
    }

    @Test
    void unusedPlaceholders_areReportedByCheckAllUsed() {
        ExpressionContext context = new ExpressionContext(names("#a", "a", "#b", "b"), item(":x", n("1"), ":y", n("2")));
        Expressions.condition("#a = :x", "ConditionExpression", context);
        assertThatThrownBy(context::checkAllUsed)
                .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
        Expressions.condition("#b = :x", "FilterExpression", context);
        assertThatThrownBy(context::checkAllUsed)
                .hasMessage("Value provided in ExpressionAttributeValues unused in expressions: keys: {:y}");
        Expressions.condition("#b = :y", "FilterExpression", context);
        context.checkAllUsed();
    }

    @Test
    void placeholderMaps_areCheckedWhenGiven() {
        assertThatThrownBy(() -> new ExpressionContext(Map.of(), null))
                .hasMessage("ExpressionAttributeNames must not be empty");
        assertThatThrownBy(() -> new ExpressionContext(null, Map.of()))
                .hasMessage("ExpressionAttributeValues must not be empty");
        assertThatThrownBy(() -> new ExpressionContext(names("a", "b"), null))
                .hasMessage("ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
        assertThatThrownBy(() -> new ExpressionContext(null, item("b", ss("x"))))
                .hasMessage("ExpressionAttributeValues contains invalid key: Syntax error; key: \"b\"");
    }

    @Test
    void mapOperands_needNoTypeCheckAtParseTime() {
        Expressions.condition("a = :m", "FilterExpression", new ExpressionContext(null, item(":m", m())));
    }

    @Test
    void deepParentheses_giveAValidationErrorNotACrash() {
        String deep = "(".repeat(2000) + "a = b" + ")".repeat(2000);
        assertThatThrownBy(() -> Expressions.condition(deep, "FilterExpression", new ExpressionContext(null, null)))
                .isInstanceOf(ApiException.class);
    }
}
