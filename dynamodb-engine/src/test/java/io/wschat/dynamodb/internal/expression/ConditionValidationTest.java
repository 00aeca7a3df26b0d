package io.wschat.dynamodb.internal.expression;

import static io.wschat.dynamodb.internal.expression.Fixtures.b;
import static io.wschat.dynamodb.internal.expression.Fixtures.item;
import static io.wschat.dynamodb.internal.expression.Fixtures.l;
import static io.wschat.dynamodb.internal.expression.Fixtures.m;
import static io.wschat.dynamodb.internal.expression.Fixtures.n;
import static io.wschat.dynamodb.internal.expression.Fixtures.names;
import static io.wschat.dynamodb.internal.expression.Fixtures.s;
import static io.wschat.dynamodb.internal.expression.Fixtures.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionValidationTest {

    private static String error(String expression, Object... values) {
        Map<String, Value> valueMap = values.length == 0 ? null : item(values);
        try {
            Expressions.condition(expression, "FilterExpression",
                    new ExpressionContext(names("#a", "a", "#b", "b"), valueMap));
        } catch (ApiException e) {
            assertThat(e.type()).isEqualTo("com.amazon.coral.validate#ValidationException");
            return e.getMessage();
        }
        throw new AssertionError("no error for " + expression);
    }

    @Test
    void emptyExpression_isRejected() {
        assertThat(error("")).isEqualTo("Invalid FilterExpression: The expression can not be empty;");
    }

    @Test
    void parameterName_appearsInMessages() {
        assertThatThrownBy(() -> Expressions.condition("a >", "ConditionExpression", new ExpressionContext(null, null)))
                .hasMessage("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \">\"");
    }

    @Test
    void syntaxError_quotesTokenAndItsNeighbours() {
        assertThat(error("a x b")).isEqualTo("Invalid FilterExpression: Syntax error; token: \"x\", near: \"a x b\"");
        assertThat(error("things are not gonna be ok"))
                .isEqualTo("Invalid FilterExpression: Syntax error; token: \"are\", near: \"things are not\"");
        assertThat(error("a > 4")).isEqualTo("Invalid FilterExpression: Syntax error; token: \"4\", near: \"> 4\"");
    }

    @Test
    void syntaxError_atEndQuotesWhatComesBefore() {
        assertThat(error("a = :v AND ", ":v", n("1")))
                .isEqualTo("Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"AND \"");
        assertThat(error("a = ")).isEqualTo("Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"= \"");
    }

    @Test
    void syntaxError_forUnknownCharactersAndMalformedPaths() {
        assertThat(error("\u00fc > a")).startsWith("Invalid FilterExpression: Syntax error; token: \"\u00fc\"");
        assertThat(error("attribute_exists(Pictures-RearView)")).startsWith(
                "Invalid FilterExpression: Syntax error; token: \"-\"");
        assertThat(error("attribute_exists(Pictures..RearView)")).startsWith(
                "Invalid FilterExpression: Syntax error; token: \".\"");
        assertThat(error("attribute_exists(asdf[a])")).startsWith(
                "Invalid FilterExpression: Syntax error; token: \"a\"");
        assertThat(error("a in (b,c,)")).isEqualTo(
                "Invalid FilterExpression: Syntax error; token: \")\", near: \",)\"");
        assertThat(error("size(a).b > a")).startsWith("Invalid FilterExpression: Syntax error; token: \".\"");
        assertThat(error("a in b")).startsWith("Invalid FilterExpression: Syntax error; token: \"b\"");
        assertThat(error("a > :things.stuff", ":things", n("1"))).startsWith(
                "Invalid FilterExpression: Syntax error; token: \".\"");
    }

    @Test
    void reservedWord_asBareNameIsRejected() {
        assertThat(error(":a < abOrT", ":a", n("1")))
                .isEqualTo("Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: abOrT");
        assertThat(error("a.Size = :a", ":a", n("1")))
                .isEqualTo("Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: Size");
    }

    @Test
    void reservedWord_behindPlaceholderIsFine() {
        Expressions.condition("#s = :a", "FilterExpression",
                new ExpressionContext(names("#s", "size"), item(":a", n("1"))));
    }

    @Test
    void reservedWord_outranksOperandCountAndUndefinedPlaceholders() {
        assertThat(error("attribute_exists(views, #c)"))
                .isEqualTo("Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: views");
    }

    @Test
    void undefinedName_isRejected() {
        assertThat(error("#x = :a", ":a", n("1"))).isEqualTo("Invalid FilterExpression: An expression attribute "
                + "name used in the document path is not defined; attribute name: #x");
        assertThat(error("(a)between(b.c[45].#d)and(:a)", ":a", n("1"))).isEqualTo("Invalid FilterExpression: An "
                + "expression attribute name used in the document path is not defined; attribute name: #d");
    }

    @Test
    void undefinedValue_isRejected() {
        assertThat(error("a = :v")).isEqualTo("Invalid FilterExpression: An expression attribute value used in "
                + "expression is not defined; attribute value: :v");
        assertThat(error("begins_with(:hello, #a, #b)")).isEqualTo("Invalid FilterExpression: An expression "
                + "attribute value used in expression is not defined; attribute value: :hello");
    }

    @Test
    void unknownFunction_isRejectedAndNamesAreCaseSensitive() {
        assertThat(error("foo(a)")).isEqualTo("Invalid FilterExpression: Invalid function name; function: foo");
        assertThat(error("attRIbute_exIsts(a)"))
                .isEqualTo("Invalid FilterExpression: Invalid function name; function: attRIbute_exIsts");
        assertThat(error("a = a and whatever((:things)) > a")).isEqualTo(
                "Invalid FilterExpression: Invalid function name; function: whatever");
    }

    @Test
    void size_isNotAllowedAsACondition() {
        assertThat(error("size(a)")).isEqualTo("Invalid FilterExpression: The function is not allowed to be used "
                + "this way in an expression; function: size");
        assertThat(error("a = :v AND size(a)", ":v", n("1"))).endsWith("function: size");
    }

    @Test
    void conditionFunctions_areNotAllowedAsOperands() {
        assertThat(error("attribute_not_exists(things) > b")).isEqualTo("Invalid FilterExpression: The function is "
                + "not allowed to be used this way in an expression; function: attribute_not_exists");
        assertThat(error("size(contains(a, b)) > a")).endsWith("function: contains");
        assertThat(error("a between b and attribute_exists(things)")).endsWith("function: attribute_exists");
        assertThat(error("a in (b, attribute_exists(things))")).endsWith("function: attribute_exists");
    }

    @Test
    void functions_checkTheirNumberOfOperands() {
        assertThat(error("attribute_exists(things, a) and a = b")).isEqualTo("Invalid FilterExpression: Incorrect "
                + "number of operands for operator or function; operator or function: attribute_exists, "
                + "number of operands: 2");
        assertThat(error("begins_with(things)")).endsWith("operator or function: begins_with, number of operands: 1");
        assertThat(error("contains(things)")).endsWith("operator or function: contains, number of operands: 1");
        assertThat(error("size(things, a) > b")).endsWith("operator or function: size, number of operands: 2");
    }

    @Test
    void beginsWith_rejectsNumberPlaceholder() {
        assertThat(error("begins_with(a, :v)", ":v", n("1"))).isEqualTo("Invalid FilterExpression: Incorrect operand "
                + "type for operator or function; operator or function: begins_with, operand type: N");
        assertThat(error("begins_with(:v, a)", ":v", l())).endsWith("operator or function: begins_with, operand type: L");
        assertThat(error("begins_with(a, size(a))")).endsWith("operator or function: begins_with, operand type: N");
    }

    @Test
    void attributeType_requiresAStringNamingAType() {
        assertThat(error("attribute_type(a, :v)", ":v", n("1"))).isEqualTo("Invalid FilterExpression: Incorrect "
                + "operand type for operator or function; operator or function: attribute_type, operand type: N");
        assertThat(error("attribute_type(a, :v)", ":v", s("1"))).isEqualTo("Invalid FilterExpression: Invalid "
                + "attribute type name found; type: 1, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
    }

    @Test
    void size_rejectsScalarsItCannotMeasure() {
        assertThat(error("size(:v) > a", ":v", Value.bool(true))).isEqualTo("Invalid FilterExpression: Incorrect "
                + "operand type for operator or function; operator or function: size, operand type: BOOL");
        assertThat(error("size(size(a)) > :v", ":v", n("1"))).endsWith("operator or function: size, operand type: N");
    }

    @Test
    void attributeExists_requiresADocumentPath() {
        assertThat(error("attribute_exists(:v) and a = b", ":v", s("1"))).isEqualTo("Invalid FilterExpression: "
                + "Operator or function requires a document path; operator or function: attribute_exists");
    }

    @Test
    void operands_mustBeDistinct() {
        assertThat(error("a = a")).isEqualTo("Invalid FilterExpression: The first operand must be distinct from the "
                + "remaining operands for this operator or function; operator: =, first operand: [a]");
        assertThat(error("#a <> a")).endsWith("operator: <>, first operand: [a]");
        assertThat(error("contains(ab.bc[1].a, ab.bc[1].#a)")).endsWith("operator: contains, first operand: "
                + "[ab, bc, [1], a]");
    }

    @Test
    void perConditionErrors_areReportedFromTheFirstFailingCondition() {
        // The second condition's undefined value would outrank a distinctness error within one condition,
        // but the first condition fails first.
        assertThat(error("a = a AND b = :gone")).endsWith("operator: =, first operand: [a]");
    }

    @Test
    void between_requiresBoundsOfOneTypeInOrder() {
        assertThat(error("a between :b and :a", ":a", s("a"), ":b", n("1"))).isEqualTo("Invalid FilterExpression: "
                + "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: "
                + "AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}");
        assertThat(error("a between :b and :a", ":a", s("a"), ":b", s("b"))).isEqualTo("Invalid FilterExpression: "
                + "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound "
                + "operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}");
    }

    @Test
    void redundantParentheses_areRejected() {
        assertThat(error("a = b and a > ((views))"))
                .isEqualTo("Invalid FilterExpression: The expression has redundant parentheses;");
        assertThat(error("a=b AND ((a=c AND a=d)) AND a=e"))
                .isEqualTo("Invalid FilterExpression: The expression has redundant parentheses;");
        assertThat(error("a > whatever((:things), ((a)))"))
                .isEqualTo("Invalid FilterExpression: The expression has redundant parentheses;");
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
        assertThat(error("attribute_exists(" + depth32 + ".c)")).isEqualTo("Invalid FilterExpression: The document "
                + "path has too many nesting levels; nesting levels: 33");
    }

    @Test
    void expression_longerThan4KbIsRejected() {
        String long4097 = "attribute_exists(" + "a".repeat(4097 - 18) + ")";
        assertThat(long4097).hasSize(4097);
        assertThat(error(long4097)).isEqualTo("Invalid FilterExpression: Expression size has exceeded the maximum "
                + "allowed size; expression size: 4097");
    }

    @Test
    void operators_moreThan300AreRejected() {
        String expression = "a = :v" + " OR a = :v".repeat(150);
        assertThat(error(expression, ":v", n("1"))).isEqualTo("Invalid FilterExpression: The expression contains too "
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
    void binaryBounds_areNamedInBase64() {
        assertThat(error("a between :b and :a", ":a", b("a"), ":b", b("b"))).endsWith("{B:Yg==}, upper bound operand: "
                + "AttributeValue: {B:YQ==}");
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
