package io.wschat.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** PutItem, GetItem, UpdateItem and DeleteItem: keys, conditions, projections, return values and size limits. */
class ItemsIT extends ConformanceTest {

    private static final String MISMATCH = "The provided key element does not match the schema";

    private String hash;
    private String range;
    private String indexed;

    @BeforeAll
    void createTables() {
        hash = hashTable("hash", ScalarAttributeType.S);
        range = rangeTable("range", ScalarAttributeType.S, ScalarAttributeType.N);
        indexed = createTable("indexed", t -> t
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("g", ScalarAttributeType.S))
                .keySchema(hashKey("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG").keySchema(hashKey("g"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
    }

    @Test
    void putItem_thenGetItem_returnsTheItemAndAnEmptyPutResponse() {
        Map<String, AttributeValue> item = item("pk", s("put"), "a", s("x"), "b", n("2"));

        PutItemResponse put = db.putItem(r -> r.tableName(hash).item(item));

        assertThat(put.hasAttributes()).isFalse();
        assertThat(db.getItem(r -> r.tableName(hash).key(item("pk", s("put"))).consistentRead(true)).item())
                .isEqualTo(item);
    }

    @Test
    void getItem_ofAMissingItem_returnsNoItem() {
        GetItemResponse response = db.getItem(r -> r.tableName(hash).key(item("pk", s("nothing-here")))
                .consistentRead(true));

        assertThat(response.hasItem()).isFalse();
    }

    @Test
    void getItem_eventuallyConsistent_findsTheItemInTime() {
        db.putItem(r -> r.tableName(hash).item(item("pk", s("eventual"), "a", s("x"))));

        eventually(java.time.Duration.ofSeconds(10), "eventually consistent read sees the item",
                () -> db.getItem(r -> r.tableName(hash).key(item("pk", s("eventual")))).hasItem());
    }

    @Test
    void putItem_replacesTheWholeItem() {
        db.putItem(r -> r.tableName(hash).item(item("pk", s("replace"), "a", s("x"), "b", s("y"))));

        db.putItem(r -> r.tableName(hash).item(item("pk", s("replace"), "c", s("z"))));

        assertThat(get(hash, item("pk", s("replace")))).isEqualTo(item("pk", s("replace"), "c", s("z")));
    }

    @Test
    void getItem_projectionExpression_returnsOnlyTheNamedTopLevelAttributes() {
        db.putItem(r -> r.tableName(hash).item(item("pk", s("proj"), "a", s("x"), "b", n("1"), "c", s("z"))));

        Map<String, AttributeValue> got = db.getItem(r -> r.tableName(hash).key(item("pk", s("proj")))
                .consistentRead(true).projectionExpression("b, #c").expressionAttributeNames(names("#c", "c"))).item();

        assertThat(got).isEqualTo(item("b", n("1"), "c", s("z")));
    }

    @Test
    void getItem_projectionExpression_withNestedPathsAndListIndexes_keepsTheStructure() {
        // dynalite getItem.js, "should only return requested nested attributes"
        db.putItem(r -> r.tableName(hash).item(item("pk", s("nested"),
                "b", m("a", s("a"), "b", s("b"), "c", s("c")),
                "c", l(s("a"), s("b"), s("c")))));

        Map<String, AttributeValue> got = db.getItem(r -> r.tableName(hash).key(item("pk", s("nested")))
                .consistentRead(true).projectionExpression("b.c, c[2], b.b, c[1], c[0].a")).item();

        assertThat(got).isEqualTo(item("b", m("b", s("b"), "c", s("c")), "c", l(s("b"), s("c"))));
    }

    @Test
    void getItem_projectionOfAMissingAttribute_returnsAnEmptyItem() {
        db.putItem(r -> r.tableName(hash).item(item("pk", s("projMissing"), "a", s("x"))));

        GetItemResponse response = db.getItem(r -> r.tableName(hash).key(item("pk", s("projMissing")))
                .consistentRead(true).projectionExpression("zz"));

        assertThat(response.item()).isEmpty();
    }

    @Test
    void getItem_undefinedNameInProjection_isRefused() {
        assertValidation(() -> db.getItem(r -> r.tableName(hash).key(item("pk", s("x")))
                        .projectionExpression("a, #a")),
                "Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; "
                        + "attribute name: #a");
    }

    @Test
    void getItem_reservedWordInProjection_isRefused() {
        // dynalite getItem.js, "reserved keywords in ProjectionExpression": the word as written
        assertValidation(() -> db.getItem(r -> r.tableName(hash).key(item("pk", s("x")))
                        .projectionExpression("a, Status")),
                "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: Status");
    }

    @Test
    void getItem_syntaxErrorInProjection_isRefused() {
        assertValidationStartsWith(() -> db.getItem(r -> r.tableName(hash).key(item("pk", s("x")))
                        .projectionExpression("a,,b")),
                "Invalid ProjectionExpression: Syntax error; ");
    }

    @Test
    void getItem_overlappingProjectionPaths_areRefused() {
        // dynalite getItem.js, "overlapping paths in ProjectionExpression"
        assertValidation(() -> db.getItem(r -> r.tableName(hash).key(item("pk", s("x")))
                        .projectionExpression("a, #a[1]").expressionAttributeNames(names("#a", "a"))),
                "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one "
                        + "of these paths; path one: [a], path two: [a, [1]]");
    }

    @Test
    void updateItem_ofAMissingItem_createsIt() {
        db.updateItem(r -> r.tableName(hash).key(item("pk", s("upsert")))
                .updateExpression("SET a = :a").expressionAttributeValues(item(":a", s("new"))));

        assertThat(get(hash, item("pk", s("upsert")))).isEqualTo(item("pk", s("upsert"), "a", s("new")));
    }

    @Test
    void updateItem_withoutAnUpdateExpression_createsAnItemOfJustTheKey() {
        db.updateItem(r -> r.tableName(range).key(item("pk", s("bare"), "sk", n(1))));

        assertThat(get(range, item("pk", s("bare"), "sk", n(1)))).isEqualTo(item("pk", s("bare"), "sk", n(1)));
    }

    @Test
    void deleteItem_removesTheItem_andDeletingAgainSucceeds() {
        db.putItem(r -> r.tableName(hash).item(item("pk", s("delete"), "a", s("x"))));

        DeleteItemResponse first = db.deleteItem(r -> r.tableName(hash).key(item("pk", s("delete"))));
        DeleteItemResponse second = db.deleteItem(r -> r.tableName(hash).key(item("pk", s("delete"))));

        assertThat(first.hasAttributes()).isFalse();
        assertThat(second.hasAttributes()).isFalse();
        assertThat(db.getItem(r -> r.tableName(hash).key(item("pk", s("delete"))).consistentRead(true)).hasItem())
                .isFalse();
    }

    // ---- conditions

    @Test
    void putItem_attributeNotExistsCondition_failsOnAnExistingItem() {
        db.putItem(r -> r.tableName(hash).item(item("pk", s("once"))));

        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class,
                () -> db.putItem(r -> r.tableName(hash).item(item("pk", s("once"), "a", s("again")))
                        .conditionExpression("attribute_not_exists(pk)")));

        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The conditional request failed");
        assertThat(e.hasItem()).isFalse();
        assertThat(get(hash, item("pk", s("once")))).isEqualTo(item("pk", s("once")));
    }

    @Test
    void putItem_conditionOnAMissingItem_seesNoAttributes() {
        db.putItem(r -> r.tableName(hash).item(item("pk", s("fresh")))
                .conditionExpression("attribute_not_exists(pk)"));

        assertThrows(ConditionalCheckFailedException.class,
                () -> db.putItem(r -> r.tableName(hash).item(item("pk", s("fresh2")))
                        .conditionExpression("a = :a").expressionAttributeValues(item(":a", s("x")))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PutItem", "UpdateItem", "DeleteItem"})
    void failedCondition_withReturnValuesOnConditionCheckFailure_givesTheItem(String operation) {
        Map<String, AttributeValue> key = item("pk", s("ccf" + operation));
        Map<String, AttributeValue> item = item("pk", s("ccf" + operation), "v", n(1));
        db.putItem(r -> r.tableName(hash).item(item));
        ReturnValuesOnConditionCheckFailure allOld = ReturnValuesOnConditionCheckFailure.ALL_OLD;

        ThrowingCallable call = switch (operation) {
            case "PutItem" -> () -> db.putItem(r -> r.tableName(hash).item(key)
                    .conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(allOld));
            case "UpdateItem" -> () -> db.updateItem(r -> r.tableName(hash).key(key)
                    .updateExpression("SET v = :two").conditionExpression("v = :two")
                    .expressionAttributeValues(item(":two", n(2)))
                    .returnValuesOnConditionCheckFailure(allOld));
            case "DeleteItem" -> () -> db.deleteItem(r -> r.tableName(hash).key(key)
                    .conditionExpression("v > :v").expressionAttributeValues(item(":v", n(5)))
                    .returnValuesOnConditionCheckFailure(allOld));
            default -> throw new IllegalArgumentException(operation);
        };
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class, call);

        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The conditional request failed");
        assertThat(e.item()).isEqualTo(item);
    }

    @Test
    void deleteItem_conditionHolds_deletes() {
        db.putItem(r -> r.tableName(hash).item(item("pk", s("condDel"), "v", n(1))));

        db.deleteItem(r -> r.tableName(hash).key(item("pk", s("condDel")))
                .conditionExpression("v = :v").expressionAttributeValues(item(":v", n(1))));

        assertThat(db.getItem(r -> r.tableName(hash).key(item("pk", s("condDel"))).consistentRead(true)).hasItem())
                .isFalse();
    }

    // ---- return values

    @Test
    void putItem_returnValuesAllOld_givesTheReplacedItem_andNothingForANewOne() {
        Map<String, AttributeValue> old = item("pk", s("rvPut"), "a", s("old"));
        PutItemResponse created = db.putItem(r -> r.tableName(hash).item(old).returnValues(ReturnValue.ALL_OLD));

        PutItemResponse replaced = db.putItem(r -> r.tableName(hash).item(item("pk", s("rvPut"), "a", s("new")))
                .returnValues(ReturnValue.ALL_OLD));

        assertThat(created.hasAttributes()).isFalse();
        assertThat(replaced.attributes()).isEqualTo(old);
    }

    @Test
    void putItem_returnValuesNone_givesNothing() {
        db.putItem(r -> r.tableName(hash).item(item("pk", s("rvNone"), "a", s("old"))));

        PutItemResponse response = db.putItem(r -> r.tableName(hash).item(item("pk", s("rvNone"), "a", s("new")))
                .returnValues(ReturnValue.NONE));

        assertThat(response.hasAttributes()).isFalse();
    }

    /**
     * PutItem's text is dynalite putItem.js's, "incorrect ReturnValues"; DeleteItem's is DynamoDB's as reported in
     * boto/boto3#4339 ("Return values set to invalid value" is DynamoDB Local's).
     */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
            "PutItem, UPDATED_OLD", "PutItem, ALL_NEW", "PutItem, UPDATED_NEW",
            "DeleteItem, UPDATED_OLD", "DeleteItem, ALL_NEW", "DeleteItem, UPDATED_NEW"})
    void putAndDeleteItem_returnValuesOtherThanAllOldOrNone_areRefused(String operation, String returnValues) {
        Map<String, AttributeValue> key = item("pk", s("rvBad"));
        ThrowingCallable call = operation.equals("PutItem")
                ? () -> db.putItem(r -> r.tableName(hash).item(key).returnValues(returnValues))
                : () -> db.deleteItem(r -> r.tableName(hash).key(key).returnValues(returnValues));

        assertValidation(call, "ReturnValues can only be ALL_OLD or NONE");
    }

    @Test
    void deleteItem_returnValuesAllOld_givesTheDeletedItem() {
        Map<String, AttributeValue> item = item("pk", s("rvDel"), "a", s("x"));
        db.putItem(r -> r.tableName(hash).item(item));

        DeleteItemResponse response = db.deleteItem(r -> r.tableName(hash).key(item("pk", s("rvDel")))
                .returnValues(ReturnValue.ALL_OLD));

        assertThat(response.attributes()).isEqualTo(item);
    }

    @Test
    void updateItem_returnValuesEachAllowedValue_givesWhatItNames() {
        Map<String, AttributeValue> key = item("pk", s("rvUpd"));
        db.putItem(r -> r.tableName(hash).item(item("pk", s("rvUpd"), "a", n(1), "b", s("keep"), "c", s("gone"))));

        UpdateItemResponse none = update(key, ReturnValue.NONE, 2);
        UpdateItemResponse allOld = update(key, ReturnValue.ALL_OLD, 3);
        UpdateItemResponse updatedOld = update(key, ReturnValue.UPDATED_OLD, 4);
        UpdateItemResponse allNew = update(key, ReturnValue.ALL_NEW, 5);
        UpdateItemResponse updatedNew = update(key, ReturnValue.UPDATED_NEW, 6);

        assertThat(none.hasAttributes()).isFalse();
        // the NONE update before it already set a to 2 and removed c
        assertThat(allOld.attributes()).isEqualTo(item("pk", s("rvUpd"), "a", n(2), "b", s("keep")));
        assertThat(updatedOld.attributes()).isEqualTo(item("a", n(3)));
        assertThat(allNew.attributes()).isEqualTo(item("pk", s("rvUpd"), "a", n(5), "b", s("keep")));
        assertThat(updatedNew.attributes()).isEqualTo(item("a", n(6)));
    }

    private UpdateItemResponse update(Map<String, AttributeValue> key, ReturnValue returnValue, int a) {
        return db.updateItem(r -> r.tableName(hash).key(key).updateExpression("SET a = :a REMOVE c")
                .expressionAttributeValues(item(":a", n(a))).returnValues(returnValue));
    }

    @Test
    void updateItem_updatedOld_ofANewAttribute_givesNothing() {
        db.putItem(r -> r.tableName(hash).item(item("pk", s("rvNewAttr"), "a", n(1))));

        UpdateItemResponse response = db.updateItem(r -> r.tableName(hash).key(item("pk", s("rvNewAttr")))
                .updateExpression("SET z = :z").expressionAttributeValues(item(":z", n(1)))
                .returnValues(ReturnValue.UPDATED_OLD));

        assertThat(response.hasAttributes()).isFalse();
    }

    @Test
    void updateItem_updatedNew_ofANestedPath_givesTheChangedPathOnly() {
        db.putItem(r -> r.tableName(hash).item(item("pk", s("rvNested"),
                "m", m("x", n(1), "y", n(2)))));

        UpdateItemResponse response = db.updateItem(r -> r.tableName(hash).key(item("pk", s("rvNested")))
                .updateExpression("SET m.x = :x").expressionAttributeValues(item(":x", n(10)))
                .returnValues(ReturnValue.UPDATED_NEW));

        assertThat(response.attributes()).isEqualTo(item("m", m("x", n(10))));
    }

    // ---- keys

    @Test
    void getItem_missingKeyAttribute_isRefused() {
        assertValidation(() -> db.getItem(r -> r.tableName(range).key(item("pk", s("a")))), MISMATCH);
    }

    @Test
    void getItem_keyOfTheWrongType_isRefused() {
        assertValidation(() -> db.getItem(r -> r.tableName(hash).key(item("pk", n(1)))), MISMATCH);
    }

    @Test
    void getItem_extraAttributeInTheKey_isRefused() {
        assertValidation(() -> db.getItem(r -> r.tableName(hash).key(item("pk", s("a"), "other", s("b")))),
                MISMATCH);
    }

    @Test
    void deleteAndUpdateItem_keyNotMatchingTheSchema_isRefused() {
        assertValidation(() -> db.deleteItem(r -> r.tableName(range).key(item("pk", s("a"), "sk", s("1")))),
                MISMATCH);
        assertValidation(() -> db.updateItem(r -> r.tableName(range).key(item("sk", n(1)))), MISMATCH);
    }

    @Test
    void putItem_missingKeyAttribute_isRefused() {
        assertValidation(() -> db.putItem(r -> r.tableName(range).item(item("pk", s("a"), "x", s("y")))),
                "One or more parameter values were invalid: Missing the key sk in the item");
    }

    @Test
    void putItem_keyOfTheWrongType_isRefused() {
        assertValidation(() -> db.putItem(r -> r.tableName(hash).item(item("pk", n(1)))),
                "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");
    }

    @Test
    void putItem_emptyStringKey_isRefused() {
        assertValidation(() -> db.putItem(r -> r.tableName(hash).item(item("pk", s("")))),
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain "
                        + "an empty string value. Key: pk");
    }

    @Test
    void putItem_partitionKeyOf2048Bytes_isAccepted_and2049Refused() {
        String fits = repeat('a', 2048);
        db.putItem(r -> r.tableName(hash).item(item("pk", s(fits))));
        assertThat(get(hash, item("pk", s(fits)))).isEqualTo(item("pk", s(fits)));

        assertValidation(() -> db.putItem(r -> r.tableName(hash).item(item("pk", s(fits + "a")))),
                "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit "
                        + "of2048 bytes");
    }

    @Test
    void putItem_sortKeyOf1024Bytes_isAccepted_and1025Refused() {
        String fits = repeat('b', 1024);
        String table = rangeTable("bigSort", ScalarAttributeType.S, ScalarAttributeType.S);
        db.putItem(r -> r.tableName(table).item(item("pk", s("a"), "sk", s(fits))));

        assertValidation(() -> db.putItem(r -> r.tableName(table).item(item("pk", s("a"), "sk", s(fits + "b")))),
                "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size "
                        + "limit of 1024 bytes");
    }

    @Test
    void getItem_keyTooLarge_isRefused() {
        assertValidation(() -> db.getItem(r -> r.tableName(hash).key(item("pk", s(repeat('a', 2049))))),
                "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit "
                        + "of2048 bytes");
    }

    @Test
    void putItem_indexKeyOfTheWrongType_isRefused() {
        // dynalite putItem.js, "secondary index key is incorrect type"
        assertValidation(() -> db.putItem(r -> r.tableName(indexed).item(item("pk", s("a"), "g", n(1)))),
                "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N "
                        + "IndexName: byG");
    }

    @Test
    void putItem_withoutTheIndexKey_isAccepted() {
        db.putItem(r -> r.tableName(indexed).item(item("pk", s("sparse"), "other", s("x"))));

        assertThat(get(indexed, item("pk", s("sparse")))).isEqualTo(item("pk", s("sparse"), "other", s("x")));
    }

    // ---- item size

    @Test
    void putItem_ofJustUnder400Kb_isAccepted() {
        // an item's size is the UTF-8 length of its names plus its values: "pk" + "big400" + "v" + the string
        String value = repeat('x', 400 * 1024 - "pk".length() - "big400".length() - "v".length());
        db.putItem(r -> r.tableName(hash).item(item("pk", s("big400"), "v", s(value))));

        assertThat(get(hash, item("pk", s("big400"))).get("v").s()).hasSize(value.length());
    }

    @Test
    void putItem_over400Kb_isRefused() {
        String value = repeat('x', 400 * 1024);

        assertValidation(() -> db.putItem(r -> r.tableName(hash).item(item("pk", s("big401"), "v", s(value)))),
                "Item size has exceeded the maximum allowed size");
    }

    @Test
    void updateItem_growingAnItemOver400Kb_isRefused() {
        String half = repeat('x', 250 * 1024);
        db.putItem(r -> r.tableName(hash).item(item("pk", s("grow"), "a", s(half))));

        assertValidation(() -> db.updateItem(r -> r.tableName(hash).key(item("pk", s("grow")))
                        .updateExpression("SET b = :b").expressionAttributeValues(item(":b", s(half)))),
                "Item size to update has exceeded the maximum allowed size");
    }

    private Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        return db.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
    }
}
