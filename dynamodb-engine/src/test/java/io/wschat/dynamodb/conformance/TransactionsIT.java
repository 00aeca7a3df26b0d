package io.wschat.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * TransactWriteItems and TransactGetItems. Expectations from the DynamoDB API reference (TransactWriteItems,
 * TransactionCanceledException); dynalite has no transactions.
 */
class TransactionsIT extends ConformanceTest {

    private String table;

    @BeforeAll
    void createTable() {
        table = hashTable("tx", ScalarAttributeType.S);
    }

    private Map<String, AttributeValue> get(String id) {
        return db.getItem(r -> r.tableName(table).key(item("pk", s(id))).consistentRead(true)).item();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    private TransactWriteItem check(String id, String condition) {
        return TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(item("pk", s(id)))
                .conditionExpression(condition)).build();
    }

    @Test
    void transactWriteItems_putUpdateDeleteAndConditionCheck_allApply() {
        db.putItem(r -> r.tableName(table).item(item("pk", s("upd"), "n", n(1))));
        db.putItem(r -> r.tableName(table).item(item("pk", s("del"))));
        db.putItem(r -> r.tableName(table).item(item("pk", s("chk"), "ok", bool(true))));

        db.transactWriteItems(r -> r.transactItems(
                put(item("pk", s("new"), "v", s("x"))),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(item("pk", s("upd")))
                        .updateExpression("ADD n :one").expressionAttributeValues(item(":one", n(1)))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(item("pk", s("del")))).build(),
                check("chk", "attribute_exists(ok)")));

        assertThat(get("new")).isEqualTo(item("pk", s("new"), "v", s("x")));
        assertThat(get("upd")).isEqualTo(item("pk", s("upd"), "n", n(2)));
        assertThat(get("del")).isEmpty();
        assertThat(get("chk")).isEqualTo(item("pk", s("chk"), "ok", bool(true)));
    }

    @Test
    void transactWriteItems_oneFailedCondition_cancelsEverything_withReasonsInRequestOrder() {
        db.putItem(r -> r.tableName(table).item(item("pk", s("a1"), "v", n(1))));
        db.putItem(r -> r.tableName(table).item(item("pk", s("a2"), "v", n(1))));

        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> db.transactWriteItems(r -> r.transactItems(
                        put(item("pk", s("a1"), "v", n(2))),
                        check("a2", "attribute_not_exists(v)"),
                        put(item("pk", s("a3"), "v", n(2))))));

        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Transaction cancelled, please refer cancellation "
                + "reasons for specific reasons [None, ConditionalCheckFailed, None]");
        assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("None", "ConditionalCheckFailed", "None");
        assertThat(e.cancellationReasons().get(1).message()).isEqualTo("The conditional request failed");
        assertThat(e.cancellationReasons().get(0).message()).isNull();
        assertThat(get("a1")).isEqualTo(item("pk", s("a1"), "v", n(1)));
        assertThat(get("a3")).isEmpty();
    }

    @Test
    void transactWriteItems_failedCondition_withReturnValuesOnConditionCheckFailure_givesTheItem() {
        Map<String, AttributeValue> existing = item("pk", s("b1"), "v", n(7));
        db.putItem(r -> r.tableName(table).item(existing));

        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> db.transactWriteItems(r -> r.transactItems(
                        put(item("pk", s("b0"))),
                        TransactWriteItem.builder().update(u -> u.tableName(table).key(item("pk", s("b1")))
                                .updateExpression("SET v = :v").conditionExpression("v = :old")
                                .expressionAttributeValues(item(":v", n(8), ":old", n(6)))
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                                .build())));

        assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("None", "ConditionalCheckFailed");
        assertThat(e.cancellationReasons().get(1).item()).isEqualTo(existing);
        assertThat(e.cancellationReasons().get(0).hasItem()).isFalse();
        assertThat(get("b0")).isEmpty();
    }

    @Test
    void transactWriteItems_conditionCheckOnAMissingItem_fails() {
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> db.transactWriteItems(r -> r.transactItems(check("nowhere", "attribute_exists(pk)"))));

        assertThat(e.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("ConditionalCheckFailed");
    }

    @Test
    void transactWriteItems_twoActionsOnOneItem_areRefused() {
        assertValidation(() -> db.transactWriteItems(r -> r.transactItems(
                        put(item("pk", s("same"), "v", n(1))),
                        check("same", "attribute_not_exists(pk)"))),
                "Transaction request cannot include multiple operations on one item");
        assertThat(get("same")).isEmpty();
    }

    @Test
    void transactWriteItems_100Actions_apply() {
        List<TransactWriteItem> actions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            actions.add(put(item("pk", s("hundred" + i))));
        }

        db.transactWriteItems(r -> r.transactItems(actions));

        assertThat(get("hundred99")).isEqualTo(item("pk", s("hundred99")));
    }

    @Test
    void transactWriteItems_over100Actions_areRefused() {
        List<TransactWriteItem> actions = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            actions.add(put(item("pk", s("over" + i))));
        }

        // the service's constraint message, its value quoted as in dynalite's batch tests
        String message = assertValidationStartsWith(() -> db.transactWriteItems(r -> r.transactItems(actions)),
                "1 validation error detected: Value '[").awsErrorDetails().errorMessage();

        assertThat(message).endsWith("' at 'transactItems' failed to satisfy constraint: "
                + "Member must have length less than or equal to 100");
        assertThat(get("over0")).isEmpty();
    }

    @Test
    void transactGetItems_returnsItemsInRequestOrder_andAnEmptyResponseForAMissingOne() {
        db.putItem(r -> r.tableName(table).item(item("pk", s("g1"), "a", s("x"), "b", s("y"))));
        db.putItem(r -> r.tableName(table).item(item("pk", s("g2"), "a", s("z"))));

        List<ItemResponse> responses = db.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(table).key(item("pk", s("g2")))).build(),
                TransactGetItem.builder().get(g -> g.tableName(table).key(item("pk", s("g-missing")))).build(),
                TransactGetItem.builder().get(g -> g.tableName(table).key(item("pk", s("g1")))
                        .projectionExpression("b")).build())).responses();

        assertThat(responses).hasSize(3);
        assertThat(responses.get(0).item()).isEqualTo(item("pk", s("g2"), "a", s("z")));
        assertThat(responses.get(1).hasItem()).isFalse();
        assertThat(responses.get(2).item()).isEqualTo(item("b", s("y")));
    }

    @Test
    void transactGetItems_over100_areRefused() {
        List<TransactGetItem> gets = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            int id = i;
            gets.add(TransactGetItem.builder().get(g -> g.tableName(table).key(item("pk", s("tg" + id)))).build());
        }

        String message = assertValidationStartsWith(() -> db.transactGetItems(r -> r.transactItems(gets)),
                "1 validation error detected: Value '[").awsErrorDetails().errorMessage();

        assertThat(message).endsWith("' at 'transactItems' failed to satisfy constraint: "
                + "Member must have length less than or equal to 100");
    }
}
