package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.value.Value;
import java.util.Map;

/** Placeholder until the expression language lands. */
public final class ExpressionContext {
    public ExpressionContext(Map<String, String> names, Map<String, Value> values) {
    }

    public void checkAllUsed() {
    }
}
