package io.wschat.dynamodb.internal.expression;

import java.util.Set;

/** Placeholder until the expression language lands. */
public final class Expressions {
    public static Condition condition(String text, String parameter, ExpressionContext context) {
        throw new UnsupportedOperationException();
    }

    public static Projection projection(String text, ExpressionContext context) {
        throw new UnsupportedOperationException();
    }

    public static Update update(String text, ExpressionContext context, Set<String> keyAttributes) {
        throw new UnsupportedOperationException();
    }

    public static KeyCondition keyCondition(String text, ExpressionContext context, KeySchema schema) {
        throw new UnsupportedOperationException();
    }
}
