package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.value.Value;
import java.util.Map;

/** Placeholder. */
public interface Condition {
    boolean test(Map<String, Value> item);
}
