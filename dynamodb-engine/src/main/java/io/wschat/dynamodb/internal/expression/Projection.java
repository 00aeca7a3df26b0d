package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.value.Value;
import java.util.Map;
import java.util.Set;

/** Placeholder. */
public final class Projection {
    public Map<String, Value> apply(Map<String, Value> item) {
        throw new UnsupportedOperationException();
    }

    public Set<String> topLevelNames() {
        throw new UnsupportedOperationException();
    }
}
