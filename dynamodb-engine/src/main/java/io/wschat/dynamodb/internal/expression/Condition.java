package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.value.Value;
import java.util.Map;

/** A compiled condition or filter expression. */
public interface Condition {

    /** Whether the item satisfies the condition; a missing item is an empty map. */
    boolean test(Map<String, Value> item);
}
