package io.wschat.dynamodb.internal.table;

import io.wschat.dynamodb.internal.value.Order;
import io.wschat.dynamodb.internal.value.Value;
import java.util.Arrays;

/**
 * A position in a table or index: its key values in order (partition key, then sort key, then for an index the
 * table's key), compared with DynamoDB's key order. A key shorter than a full one with an edge is a bound: before
 * ({@code -1}) or after ({@code +1}) every key that starts with it.
 */
public final class Key implements Comparable<Key> {

    private final Value[] parts;
    private final int edge;

    private Key(Value[] parts, int edge) {
        this.parts = parts;
        this.edge = edge;
    }

    public static Key of(Value... parts) {
        return new Key(parts, 0);
    }

    /** Before every key that starts with these parts. */
    public static Key before(Value... parts) {
        return new Key(parts, -1);
    }

    /** After every key that starts with these parts. */
    public static Key after(Value... parts) {
        return new Key(parts, 1);
    }

    public Value part(int index) {
        return parts[index];
    }

    public int size() {
        return parts.length;
    }

    @Override
    public int compareTo(Key other) {
        int common = Math.min(parts.length, other.parts.length);
        for (int i = 0; i < common; i++) {
            int order = Order.compare(parts[i], other.parts[i]);
            if (order != 0) {
                return order;
            }
        }
        if (parts.length == other.parts.length) {
            return Integer.compare(edge, other.edge);
        }
        if (parts.length < other.parts.length) {
            return edge > 0 ? 1 : -1;
        }
        return other.edge > 0 ? -1 : 1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Key that && edge == that.edge && Arrays.equals(parts, that.parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts) * 31 + edge;
    }

    @Override
    public String toString() {
        return Arrays.toString(parts) + (edge == 0 ? "" : edge < 0 ? "-" : "+");
    }
}
