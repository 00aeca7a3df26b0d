package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.value.Value;

/** Placeholder. */
public final class KeyCondition {
    public Value partitionValue() { throw new UnsupportedOperationException(); }
    public boolean hasSortCondition() { throw new UnsupportedOperationException(); }
    public boolean matchesSort(Value sortValue) { throw new UnsupportedOperationException(); }
    public Value lowerBound() { throw new UnsupportedOperationException(); }
    public boolean lowerInclusive() { throw new UnsupportedOperationException(); }
    public Value upperBound() { throw new UnsupportedOperationException(); }
    public boolean upperInclusive() { throw new UnsupportedOperationException(); }
}
