package io.wschat.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** UpdateItem's update expressions: SET, REMOVE, ADD and DELETE, and the ways an expression is refused. */
class UpdateExpressionsIT extends ConformanceTest {

    private static final String INVALID = "Invalid UpdateExpression: ";

    private String table;

    @BeforeAll
    void createTable() {
        table = hashTable("update", ScalarAttributeType.S);
    }

    /** Puts a fresh item with these attributes (beside its key) and returns its key. */
    private Map<String, AttributeValue> fresh(Object... namesAndValues) {
        return fresh(item(namesAndValues));
    }

    private Map<String, AttributeValue> fresh(Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(attributes);
        Map<String, AttributeValue> key = item("pk", s(UUID.randomUUID().toString()));
        item.putAll(key);
        db.putItem(r -> r.tableName(table).item(item));
        return key;
    }

    private Map<String, AttributeValue> update(Map<String, AttributeValue> key, String expression, Object... values) {
        return update(key, expression, item(values));
    }

    /** Updates the item and returns all its attributes but the key; no ExpressionAttributeValues if none given. */
    private Map<String, AttributeValue> update(Map<String, AttributeValue> key, String expression,
            Map<String, AttributeValue> values) {
        UpdateItemRequest.Builder request = UpdateItemRequest.builder().tableName(table).key(key)
                .updateExpression(expression).returnValues(ReturnValue.ALL_NEW);
        if (!values.isEmpty()) {
            request.expressionAttributeValues(values);
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(db.updateItem(request.build()).attributes());
        item.remove("pk");
        return item;
    }

    @Test
    void set_assignsValuesAndCopiesAttributes() {
        Map<String, AttributeValue> key = fresh("a", n(1));

        assertThat(update(key, "SET b = :b, c = a", ":b", s("x"))).isEqualTo(item("a", n(1), "b", s("x"), "c", n(1)));
    }

    @Test
    void set_withPlusAndMinus_doesExactDecimalArithmetic() {
        Map<String, AttributeValue> key = fresh("a", n("0.1"), "b", n("10"));

        assertThat(update(key, "SET c = a + :x, d = b - :y, e = :x - b", ":x", n("0.2"), ":y", n("10.5")))
                .containsEntry("c", n("0.3")).containsEntry("d", n("-0.5")).containsEntry("e", n("-9.8"));
    }

    @Test
    void set_ifNotExists_keepsAnExistingValueAndFillsAMissingOne() {
        Map<String, AttributeValue> key = fresh("a", n(1));

        assertThat(update(key, "SET a = if_not_exists(a, :d), b = if_not_exists(b, :d)", ":d", n(9)))
                .isEqualTo(item("a", n(1), "b", n(9)));
    }

    @Test
    void set_ifNotExistsPlusOne_countsFromTheDefault() {
        Map<String, AttributeValue> key = fresh();

        update(key, "SET hits = if_not_exists(hits, :zero) + :one", ":zero", n(0), ":one", n(1));

        assertThat(update(key, "SET hits = if_not_exists(hits, :zero) + :one", ":zero", n(0), ":one", n(1)))
                .containsEntry("hits", n(2));
    }

    @Test
    void set_listAppend_appendsOrPrepends() {
        Map<String, AttributeValue> key = fresh("l", l(n(1), n(2)));

        assertThat(update(key, "SET l = list_append(l, :end)", ":end", l(n(3)))).containsEntry("l", l(n(1), n(2), n(3)));
        assertThat(update(key, "SET l = list_append(:start, l)", ":start", l(n(0))))
                .containsEntry("l", l(n(0), n(1), n(2), n(3)));
    }

    @Test
    void set_nestedMapPathAndListIndex_updateInPlace() {
        Map<String, AttributeValue> key = fresh("m", m("x", n(1), "y", m("z", s("old"))), "l", l(s("a"), s("b")));

        assertThat(update(key, "SET m.y.z = :v, m.w = :v, l[1] = :v", ":v", s("new")))
                .isEqualTo(item("m", m("x", n(1), "y", m("z", s("new")), "w", s("new")), "l", l(s("a"), s("new"))));
    }

    @Test
    void set_listIndexPastTheEnd_appends() {
        // dynalite updateItem.js, "should update nested attributes": c[4] of a two-element list lands at the end
        Map<String, AttributeValue> key = fresh("l", l(s("a"), s("b")));

        assertThat(update(key, "SET l[10] = :v", ":v", s("c"))).containsEntry("l", l(s("a"), s("b"), s("c")));
    }

    @Test
    void remove_dropsAttributesNestedPathsAndListElements() {
        Map<String, AttributeValue> key = fresh("a", n(1), "b", n(2), "m", m("x", n(1), "y", n(2)),
                "l", l(s("a"), s("b"), s("c")));

        assertThat(update(key, "REMOVE a, m.x, l[0], nosuch")).isEqualTo(item("b", n(2), "m", m("y", n(2)),
                "l", l(s("b"), s("c"))));
    }

    @Test
    void add_toANumber_addsAndToAMissingAttribute_startsFromZero() {
        Map<String, AttributeValue> key = fresh("n", n(5));

        assertThat(update(key, "ADD n :x, fresh :y", ":x", n("-1.5"), ":y", n(3)))
                .isEqualTo(item("n", n("3.5"), "fresh", n(3)));
    }

    @Test
    void add_toASet_unitesAndToAMissingAttribute_createsTheSet() {
        Map<String, AttributeValue> key = fresh("ss", ss("a", "b"));

        Map<String, AttributeValue> item = update(key, "ADD ss :more, ns :nums", ":more", ss("b", "c"),
                ":nums", ns("1", "2"));

        assertThat(item.get("ss").ss()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(item.get("ns").ns()).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void delete_fromASet_removesElementsAndTheLastOneRemovesTheAttribute() {
        Map<String, AttributeValue> key = fresh("ss", ss("a", "b", "c"), "ns", ns("1"));

        Map<String, AttributeValue> item = update(key, "DELETE ss :gone, ns :one", ":gone", ss("a", "x"),
                ":one", ns("1"));

        assertThat(item.get("ss").ss()).containsExactlyInAnyOrder("b", "c");
        assertThat(item).doesNotContainKey("ns");
    }

    @Test
    void allFourClauses_inOneExpression() {
        // dynalite updateItem.js, "should just add valid ADD actions if nothing exists"
        Map<String, AttributeValue> key = fresh("b", s("x"), "c", ss("a", "b", "z"));

        Map<String, AttributeValue> item = update(key, "REMOVE b DELETE c :c ADD d :d, e :e SET f = :f",
                ":c", ss("a", "b"), ":d", n(5), ":e", ss("a", "b"), ":f", l(s("a"), n(1)));

        assertThat(item.keySet()).containsExactlyInAnyOrder("c", "d", "e", "f");
        assertThat(item.get("c").ss()).containsExactly("z");
        assertThat(item.get("d")).isEqualTo(n(5));
        assertThat(item.get("f")).isEqualTo(l(s("a"), n(1)));
    }

    // ---- refused

    /** An update expression UpdateItem refuses on an item with these attributes, and DynamoDB's reason. */
    private record Refused(String what, Map<String, AttributeValue> existing, String expression,
            Map<String, AttributeValue> values, String message) {

        @Override
        public String toString() {
            return what;
        }
    }

    /** Refused on an item with nothing but its key. */
    private static Refused refused(String what, String expression, Map<String, AttributeValue> values,
            String message) {
        return new Refused(what, item(), expression, values, message);
    }

    /** DynamoDB's message for two paths of one expression that overlap or conflict. */
    private static String twoPaths(String relation, String one, String two) {
        return INVALID + "Two document paths " + relation + " with each other; must remove or rewrite one of these "
                + "paths; path one: " + one + ", path two: " + two;
    }

    static Stream<Refused> updateExpression_invalid_isRefused() {
        return Stream.of(
                refused("reservedWordAsABareName", "SET status = :v", item(":v", s("x")),
                        INVALID + "Attribute name is a reserved keyword; reserved keyword: status"),
                refused("undefinedValuePlaceholder", "SET a = :missing", item(":v", s("x")),
                        INVALID + "An expression attribute value used in expression is not defined; "
                                + "attribute value: :missing"),
                refused("undefinedNamePlaceholder", "SET #a = :v", item(":v", s("x")),
                        INVALID + "An expression attribute name used in the document path is not "
                                + "defined; attribute name: #a"),
                refused("unusedValue", "SET a = :v", item(":v", s("x"), ":extra", s("y")),
                        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:extra}"),
                refused("overlappingPaths", "SET a = :v, a.b = :v", item(":v", s("x")),
                        twoPaths("overlap", "[a]", "[a, b]")),
                // dynalite updateItem.js, "conflicting paths in UpdateExpression"
                refused("conflictingPaths", "REMOVE a.c SET a[1] = :v", item(":v", s("x")),
                        twoPaths("conflict", "[a, c]", "[a, [1]]")),
                refused("updatingTheHashKey", "SET pk = :v", item(":v", s("other")),
                        "One or more parameter values were invalid: Cannot update attribute pk. This attribute is "
                                + "part of the key"),
                refused("emptyUpdateExpression", "", item(),
                        INVALID + "The expression can not be empty;"),
                new Refused("arithmeticOnANonNumber", item("s", s("text")), "SET x = s + :one", item(":one", n(1)),
                        "An operand in the update expression has an incorrect data type"),
                new Refused("addingANumberToASet", item("ns", ns("1")), "ADD ns :one", item(":one", n(1)),
                        "An operand in the update expression has an incorrect data type"),
                refused("addWithAListOperand", "ADD x :l", item(":l", l(n(1))),
                        INVALID + "Incorrect operand type for operator or function; operator: ADD, "
                                + "operand type: LIST"),
                refused("referencingAMissingAttribute", "SET c = nosuch", item(),
                        "The provided expression refers to an attribute that does not exist in the item"),
                refused("settingAPathInsideAMissingMap", "SET nomap.a = :v", item(":v", s("x")),
                        "The document path provided in the update expression is invalid for update"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void updateExpression_invalid_isRefused(Refused refused) {
        Map<String, AttributeValue> key = fresh(refused.existing());

        assertValidation(() -> update(key, refused.expression(), refused.values()), refused.message());
    }

    @Test
    void unusedName_isRefused() {
        Map<String, AttributeValue> key = fresh();

        assertValidation(() -> db.updateItem(r -> r.tableName(table).key(key).updateExpression("SET #a = :v")
                        .expressionAttributeNames(names("#a", "a", "#extra", "b"))
                        .expressionAttributeValues(item(":v", s("x")))),
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#extra}");
    }

    @Test
    void updatingTheRangeKey_isRefused() {
        String ranged = rangeTable("ranged", ScalarAttributeType.S, ScalarAttributeType.N);
        Map<String, AttributeValue> key = item("pk", s("a"), "sk", n(1));

        assertValidation(() -> db.updateItem(r -> r.tableName(ranged).key(key).updateExpression("ADD sk :one")
                        .expressionAttributeValues(item(":one", n(1)))),
                "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the "
                        + "key");
    }

    @Test
    void syntaxError_isRefused() {
        Map<String, AttributeValue> key = fresh();

        assertValidationStartsWith(() -> update(key, "SET a"), INVALID + "Syntax error; ");
        assertValidationStartsWith(() -> update(key, "SET a = b * c"), INVALID + "Syntax error; ");
    }
}
