package io.wschat.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The condition expression language, evaluated as the ConditionExpression of an UpdateItem that changes nothing, on
 * one item of every type.
 */
class ConditionExpressionsIT extends ConformanceTest {

    private static final Map<String, AttributeValue> KEY = item("pk", s("cond"));

    private String table;

    @BeforeAll
    void createTable() {
        table = hashTable("cond", ScalarAttributeType.S);
        db.putItem(r -> r.tableName(table).item(item(
                "pk", s("cond"),
                "n", n(5),
                "s", s("hello"),
                "b", b(1, 2),
                "t", bool(true),
                "z", nul(),
                "ss", ss("a", "b"),
                "ns", ns("1", "2"),
                "l", l(n(1), s("two"), l(n(3))),
                "m", m("x", n(1), "y", m("z", s("deep"))),
                "status", s("on"),
                "estr", s(""))));
    }

    /** Values every expression may use; those an expression leaves unused are dropped before sending. */
    private static final Map<String, AttributeValue> VALUES = new LinkedHashMap<>();

    static {
        VALUES.put(":0", n(0));
        VALUES.put(":1", n(1));
        VALUES.put(":2", n(2));
        VALUES.put(":3", n(3));
        VALUES.put(":4", n(4));
        VALUES.put(":5", n(5));
        VALUES.put(":6", n(6));
        VALUES.put(":five", s("5"));
        VALUES.put(":hello", s("hello"));
        VALUES.put(":he", s("he"));
        VALUES.put(":ell", s("ell"));
        VALUES.put(":z", s("z"));
        VALUES.put(":a", s("a"));
        VALUES.put(":c", s("c"));
        VALUES.put(":two", s("two"));
        VALUES.put(":deep", s("deep"));
        VALUES.put(":nope", s("nope"));
        VALUES.put(":b1", b(1));
        VALUES.put(":b12", b(1, 2));
        VALUES.put(":true", bool(true));
        VALUES.put(":S", s("S"));
        VALUES.put(":N", s("N"));
        VALUES.put(":B", s("B"));
        VALUES.put(":BOOL", s("BOOL"));
        VALUES.put(":NULL", s("NULL"));
        VALUES.put(":SS", s("SS"));
        VALUES.put(":NS", s("NS"));
        VALUES.put(":L", s("L"));
        VALUES.put(":M", s("M"));
        VALUES.put(":l3", l(n(3)));
    }

    private boolean holds(String condition) {
        Map<String, AttributeValue> used = new LinkedHashMap<>();
        VALUES.forEach((name, value) -> {
            if (condition.matches(".*" + name + "(?![A-Za-z0-9_]).*")) {
                used.put(name, value);
            }
        });
        try {
            updateIf(condition, null, used.isEmpty() ? null : used);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    // comparisons
    @CsvSource(delimiter = '|', value = {
            "n = :5 | true",
            "n = :4 | false",
            "n <> :4 | true",
            "n <> :5 | false",
            "n < :6 | true",
            "n < :5 | false",
            "n <= :5 | true",
            "n <= :4 | false",
            "n > :4 | true",
            "n > :5 | false",
            "n >= :5 | true",
            "n >= :6 | false",
            "s < :z | true",
            "s > :z | false",
            "s = :hello | true",
            "b = :b12 | true",
            "b > :b1 | true",
            "t = :true | true",
            ":5 = n | true",
            "n = :five | false",
            "n <> :five | true",
            "n < :five | false",
            "nosuch = :5 | false",
            "nosuch <> :5 | true",
    })
    // BETWEEN and IN
    @CsvSource(delimiter = '|', value = {
            "n BETWEEN :1 AND :5 | true",
            "n BETWEEN :5 AND :6 | true",
            "n BETWEEN :0 AND :4 | false",
            "s BETWEEN :a AND :z | true",
            "n IN (:1, :5, :6) | true",
            "n IN (:1, :2) | false",
            "s IN (:a, :hello) | true",
    })
    // AND, OR, NOT and their precedence
    @CsvSource(delimiter = '|', value = {
            // AND binds tighter than OR: true OR (false AND false)
            "n = :5 OR n = :1 AND s = :nope | true",
            // parentheses change it: (true OR false) AND false
            "(n = :5 OR n = :1) AND s = :nope | false",
            // NOT binds tighter than AND: (NOT false) AND false
            "NOT n = :1 AND s = :nope | false",
            "NOT (n = :1 AND s = :nope) | true",
            "NOT n = :5 | false",
            "n = :5 AND s = :hello | true",
            "n = :4 OR s = :hello | true",
            "n = :4 OR s = :nope | false",
    })
    // functions
    @CsvSource(delimiter = '|', value = {
            "attribute_exists(n) | true",
            "attribute_exists(nosuch) | false",
            "attribute_exists(m.y.z) | true",
            "attribute_exists(m.q) | false",
            "attribute_exists(l[2][0]) | true",
            "attribute_exists(l[3]) | false",
            "attribute_exists(z) | true",
            "attribute_not_exists(nosuch) | true",
            "attribute_not_exists(s) | false",
            "attribute_type(n, :N) | true",
            "attribute_type(n, :S) | false",
            "attribute_type(s, :S) | true",
            "attribute_type(b, :B) | true",
            "attribute_type(t, :BOOL) | true",
            "attribute_type(z, :NULL) | true",
            "attribute_type(ss, :SS) | true",
            "attribute_type(ns, :NS) | true",
            "attribute_type(l, :L) | true",
            "attribute_type(m, :M) | true",
            "attribute_type(nosuch, :S) | false",
            "begins_with(s, :he) | true",
            "begins_with(s, :ell) | false",
            "begins_with(b, :b1) | true",
            "contains(s, :ell) | true",
            "contains(s, :z) | false",
            "contains(ss, :a) | true",
            "contains(ss, :c) | false",
            "contains(ns, :2) | true",
            "contains(ns, :3) | false",
            "contains(l, :two) | true",
            "contains(l, :l3) | true",
            "contains(l, :5) | false",
            "size(s) = :5 | true",
            "size(b) = :2 | true",
            "size(ss) = :2 | true",
            "size(l) = :3 | true",
            "size(m) = :2 | true",
            "size(m.y) = :1 | true",
            "size(estr) = :0 | true",
            "size(s) > size(ss) | true",
            "size(nosuch) = :0 | false",
    })
    // nested paths and list indexes
    @CsvSource(delimiter = '|', value = {
            "m.y.z = :deep | true",
            "m.x = :1 | true",
            "l[0] = :1 | true",
            "l[1] = :two | true",
            "l[2][0] = :3 | true",
            "l[2] = :l3 | true",
            "l[7] = :1 | false",
            "m.nosuch.deeper = :1 | false",
    })
    void condition_holdsAsDynamoDbEvaluatesIt(String condition, boolean expected) {
        assertThat(holds(condition)).isEqualTo(expected);
    }

    /** An UpdateItem of the test item that changes nothing, only under the condition. */
    private void updateIf(String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        db.updateItem(r -> r.tableName(table).key(KEY).conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    @Test
    void expressionAttributeNames_standInForNamesAndPathElements() {
        updateIf("#m.#y.#z = :deep AND #st = :on", names("#m", "m", "#y", "y", "#z", "z", "#st", "status"),
                item(":deep", s("deep"), ":on", s("on")));
    }

    @Test
    void expressionAttributeName_withADot_isOneAttributeNotAPath() {
        String dotted = hashTable("dotted", ScalarAttributeType.S);
        db.putItem(r -> r.tableName(dotted).item(item("pk", s("k"), "a.b", s("flat"))));

        db.updateItem(r -> r.tableName(dotted).key(item("pk", s("k"))).conditionExpression("#ab = :v")
                .expressionAttributeNames(names("#ab", "a.b")).expressionAttributeValues(item(":v", s("flat"))));
        assertThrows(ConditionalCheckFailedException.class,
                () -> db.updateItem(r -> r.tableName(dotted).key(item("pk", s("k"))).conditionExpression("a.b = :v")
                        .expressionAttributeValues(item(":v", s("flat")))));
    }

    @Test
    void reservedWordAsABareName_isRefused() {
        assertValidation(() -> updateIf("status = :on", null, item(":on", s("on"))),
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status");
    }

    @Test
    void undefinedValuePlaceholder_isRefused() {
        assertValidation(() -> updateIf("n = :undefined", null, item(":other", n(1))),
                "Invalid ConditionExpression: An expression attribute value used in expression is not defined; "
                        + "attribute value: :undefined");
    }

    @Test
    void undefinedValuePlaceholder_withNoValuesAtAll_isRefused() {
        assertValidation(() -> updateIf("n = :undefined", null, null),
                "Invalid ConditionExpression: An expression attribute value used in expression is not defined; "
                        + "attribute value: :undefined");
    }

    @Test
    void undefinedNamePlaceholder_isRefused() {
        assertValidation(() -> updateIf("#x = :v", null, item(":v", n(1))),
                "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; "
                        + "attribute name: #x");
    }

    @Test
    void unusedExpressionAttributeValue_isRefused() {
        assertValidation(() -> updateIf("n = :v", null, item(":v", n(5), ":unused", n(1))),
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
    }

    @Test
    void unusedExpressionAttributeName_isRefused() {
        assertValidation(() -> updateIf("#n = :v", names("#n", "n", "#unused", "x"), item(":v", n(5))),
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");
    }

    @Test
    void syntaxError_isRefused() {
        assertValidationStartsWith(() -> updateIf("n = = :v", null, item(":v", n(5))),
                "Invalid ConditionExpression: Syntax error; ");
    }

    @Test
    void unknownFunction_isRefused() {
        assertValidation(() -> updateIf("whatever(n)", null, null),
                "Invalid ConditionExpression: Invalid function name; function: whatever");
    }

    @Test
    void functionWithTheWrongNumberOfOperands_isRefused() {
        assertValidation(() -> updateIf("begins_with(s)", null, null),
                "Invalid ConditionExpression: Incorrect number of operands for operator or function; "
                        + "operator or function: begins_with, number of operands: 1");
    }

    @Test
    void betweenWithTheLowerBoundAboveTheUpper_isRefused() {
        // dynalite query.js gives the KeyConditionExpression form of this message
        assertValidation(() -> updateIf("s BETWEEN :b AND :a", null, item(":a", s("a"), ":b", s("b"))),
                "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal "
                        + "to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: "
                        + "AttributeValue: {S:a}");
    }

    @Test
    void attributeTypeWithAnUnknownType_isRefused() {
        DynamoDbException e = assertValidationStartsWith(
                () -> updateIf("attribute_type(n, :t)", null, item(":t", s("1"))),
                "Invalid ConditionExpression: Invalid attribute type name found; type: 1, valid types: {");

        // dynalite scan.js: the ten type names in some order
        assertThat(e.awsErrorDetails().errorMessage()).matches(
                "^Invalid ConditionExpression: Invalid attribute type name found; type: 1, valid types: "
                        + "\\{((B|NULL|SS|BOOL|L|BS|N|NS|S|M),?){10}}$");
    }

    @Test
    void emptyConditionExpression_isRefused() {
        assertValidation(() -> updateIf("", null, null),
                "Invalid ConditionExpression: The expression can not be empty;");
    }
}
