package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.value.Value;
import java.util.Map;

/** Placeholder. */
public final class Update {
    public Map<String, Value> apply(Map<String, Value> item) {
        throw new UnsupportedOperationException();
    }
}
