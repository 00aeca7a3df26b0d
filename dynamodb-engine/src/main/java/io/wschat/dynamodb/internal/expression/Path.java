package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.value.Value;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A document path with its placeholders substituted: attribute names and list indexes, from the top level down. */
final class Path {

    /** Each element is a {@link String} (a map key or attribute name) or an {@link Integer} (a list index). */
    private final Object[] elements;

    Path(List<Object> elements) {
        this.elements = elements.toArray();
    }

    int length() {
        return elements.length;
    }

    String head() {
        return (String) elements[0];
    }

    boolean isIndex(int position) {
        return elements[position] instanceof Integer;
    }

    String name(int position) {
        return (String) elements[position];
    }

    int index(int position) {
        return (Integer) elements[position];
    }

    Object element(int position) {
        return elements[position];
    }

    /** The value at this path in the item, or null when any step is missing or of the wrong type. */
    Value resolve(Map<String, Value> item) {
        Value current = item.get(head());
        for (int i = 1; i < elements.length && current != null; i++) {
            Object element = elements[i];
            if (element instanceof Integer index) {
                if (!(current instanceof Value.L list) || index >= list.value().size()) {
                    return null;
                }
                current = list.value().get(index);
            } else {
                if (!(current instanceof Value.M map)) {
                    return null;
                }
                current = map.value().get((String) element);
            }
        }
        return current;
    }

    /** DynamoDB's rendering in messages: {@code [a, [1], b]}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) {
                text.append(", ");
            }
            if (elements[i] instanceof Integer) {
                text.append('[').append(elements[i]).append(']');
            } else {
                text.append(elements[i]);
            }
        }
        return text.append(']').toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Path that && Arrays.equals(elements, that.elements);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(elements);
    }
}
