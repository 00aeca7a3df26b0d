package io.wschat.shared;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A fixed-window counter in a row of the connections table ({@code rlWindow}, {@code rlCount}), counted without a
 * read: a conditional UpdateItem increments the count while the row holds the current window and the count is below
 * the limit, returning the row as updated. When the condition fails, DynamoDB returns the row as it was
 * ({@code ReturnValuesOnConditionCheckFailure}), which tells a missing row from a spent window from a new window;
 * only a new window takes a second write, which starts it with a count of one. A row holding a later window
 * (another instance's clock is ahead) is counted in that window.
 */
final class FixedWindowCounter {

    static final String RATE_WINDOW = "rlWindow";
    static final String RATE_COUNT = "rlCount";

    private static final AttributeValue ONE = AttributeValue.fromN("1");

    /** What counting did. */
    enum Outcome {
        /** Counted: within the limit. */
        COUNTED,
        /** The window is spent; nothing was counted. */
        LIMITED,
        /** The row must exist and does not. */
        NO_ROW
    }

    /**
     * @param outcome what counting did
     * @param row     the row after counting, or as it was when the window is spent (empty when there is none)
     */
    record Count(Outcome outcome, Map<String, AttributeValue> row) {
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    FixedWindowCounter(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /**
     * Counts one in {@code key}'s row.
     *
     * @param existing  the key attribute when the row must already exist (a connection's), or null to create the
     *                  row when it is missing
     * @param expiresAt for a created row, its {@code expiresAt} in epoch seconds (TTL removes it); else ignored
     * @param what      what is counted, for the exception's message
     * @throws ConnectionStoreException when DynamoDB fails, or the window kept changing under three attempts
     */
    Count count(Map<String, AttributeValue> key, String existing, long window, int limit, long expiresAt,
            String what) {
        long current = window;
        for (int attempt = 0; attempt < 3; attempt++) {
            Update counted = countInWindow(key, current, limit, what);
            if (counted.applied()) {
                return new Count(Outcome.COUNTED, counted.row());
            }
            if (counted.row().isEmpty() && existing != null) {
                return new Count(Outcome.NO_ROW, Map.of());
            }
            long stored = ConnectionStore.optionalNumber(counted.row(), RATE_WINDOW).orElse(Long.MIN_VALUE);
            if (stored == current) {
                return new Count(Outcome.LIMITED, counted.row());
            }
            if (stored > current) {
                current = stored;
                continue;
            }
            Update opened = openWindow(key, existing, current, expiresAt, what);
            if (opened.applied()) {
                return new Count(Outcome.COUNTED, opened.row());
            }
            if (opened.row().isEmpty() && existing != null) {
                return new Count(Outcome.NO_ROW, Map.of());
            }
            // Another request opened this window first: count in it on the next attempt.
        }
        throw new ConnectionStoreException("Could not count " + what + ": its rate limit window kept changing", null);
    }

    /**
     * A conditional update's outcome.
     *
     * @param applied whether the condition held
     * @param row     the row after the update when applied, else the row as it was (empty when there is none)
     */
    private record Update(boolean applied, Map<String, AttributeValue> row) {
    }

    private Update countInWindow(Map<String, AttributeValue> key, long window, int limit, String what) {
        return conditionalUpdate(key, what, b -> b
                .updateExpression("SET #count = #count + :one")
                .conditionExpression("#window = :window AND #count < :limit")
                .expressionAttributeNames(Map.of("#count", RATE_COUNT, "#window", RATE_WINDOW))
                .expressionAttributeValues(Map.of(":one", ONE, ":window", n(window), ":limit", n(limit))));
    }

    private Update openWindow(Map<String, AttributeValue> key, String existing, long window, long expiresAt,
            String what) {
        Map<String, String> names = new HashMap<>(Map.of("#count", RATE_COUNT, "#window", RATE_WINDOW));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":one", ONE, ":window", n(window)));
        String update = "SET #window = :window, #count = :one";
        String condition = "attribute_not_exists(#window) OR #window < :window";
        if (existing != null) {
            names.put("#id", existing);
            condition = "attribute_exists(#id) AND (" + condition + ")";
        } else {
            names.put("#expires", ConnectionStore.EXPIRES_AT);
            values.put(":expires", n(expiresAt));
            update += ", #expires = :expires";
        }
        String finalUpdate = update;
        String finalCondition = condition;
        return conditionalUpdate(key, what, b -> b.updateExpression(finalUpdate).conditionExpression(finalCondition)
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    private Update conditionalUpdate(Map<String, AttributeValue> key, String what,
            Consumer<UpdateItemRequest.Builder> expression) {
        try {
            UpdateItemResponse response = dynamoDb.updateItem(b -> {
                b.tableName(tableName).key(key)
                        .returnValues(ReturnValue.ALL_NEW)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
                expression.accept(b);
            });
            return new Update(true, response.attributes());
        } catch (ConditionalCheckFailedException e) {
            return new Update(false, e.hasItem() ? e.item() : Map.of());
        } catch (RuntimeException e) {
            throw new ConnectionStoreException("Could not count " + what, e);
        }
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
