package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.value.Value;
import java.util.List;
import java.util.Map;

/**
 * A document path with its placeholders substituted: attribute names and list indexes, from the top level down. Each
 * element is a {@link String} (a map key or attribute name) or an {@link Integer} (a list index).
 */
record Path(List<Object> elements) {

    Path {
        elements = List.copyOf(elements);
    }

    int length() {
        return elements.size();
    }

    String head() {
        return (String) elements.get(0);
    }

    boolean isIndex(int position) {
        return elements.get(position) instanceof Integer;
    }

    String name(int position) {
        return (String) elements.get(position);
    }

    int index(int position) {
        return (Integer) elements.get(position);
    }

    Object element(int position) {
        return elements.get(position);
    }

    /** The value at this path in the item, or null when any step is missing or of the wrong type. */
    Value resolve(Map<String, Value> item) {
        Value current = item.get(head());
        for (int i = 1; i < elements.size() && current != null; i++) {
            Object element = elements.get(i);
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
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            if (elements.get(i) instanceof Integer) {
                text.append('[').append(elements.get(i)).append(']');
            } else {
                text.append(elements.get(i));
            }
        }
        return text.append(']').toString();
    }
}
