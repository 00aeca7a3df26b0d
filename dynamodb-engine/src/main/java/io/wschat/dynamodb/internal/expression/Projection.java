package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.value.Value;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A compiled ProjectionExpression: the attributes and nested elements to return. */
public final class Projection {

    private final List<Path> paths;
    private final Set<String> topLevelNames;
    private final boolean topLevelOnly;

    Projection(List<Path> paths) {
        this.paths = List.copyOf(paths);
        Set<String> names = new LinkedHashSet<>();
        boolean flat = true;
        for (Path path : paths) {
            names.add(path.head());
            flat &= path.length() == 1;
        }
        this.topLevelNames = Set.copyOf(names);
        this.topLevelOnly = flat;
    }

    /** The attribute names the projection reads, for example to fetch only those from storage. */
    public Set<String> topLevelNames() {
        return topLevelNames;
    }

    /**
     * The item reduced to the projected paths. Elements taken from a list keep their order and close up, as in
     * DynamoDB: {@code a[3], a[1]} of a five-element list gives a two-element list.
     */
    public Map<String, Value> apply(Map<String, Value> item) {
        Map<String, Value> result = new LinkedHashMap<>();
        if (topLevelOnly) {
            for (Path path : paths) {
                Value value = item.get(path.head());
                if (value != null) {
                    result.put(path.head(), value);
                }
            }
            return result;
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Path path : paths) {
            Value value = path.resolve(item);
            if (value != null) {
                insert(tree, path, value);
            }
        }
        for (Map.Entry<String, Object> entry : tree.entrySet()) {
            result.put(entry.getKey(), freeze(entry.getValue()));
        }
        return result;
    }

    /**
     * Places a value at its path in a tree of maps ({@link LinkedHashMap}, keyed by name) and lists ({@link TreeMap},
     * keyed by index), creating the containers on the way. The paths do not overlap, so a value never meets a
     * container.
     */
    @SuppressWarnings("unchecked")
    private static void insert(Map<String, Object> tree, Path path, Value value) {
        Map<Object, Object> container = (Map<Object, Object>) (Map<?, ?>) tree;
        for (int i = 0; i < path.length(); i++) {
            if (i == path.length() - 1) {
                container.put(path.element(i), value);
                return;
            }
            Object child = container.get(path.element(i));
            if (child == null) {
                child = path.isIndex(i + 1) ? new TreeMap<Integer, Object>() : new LinkedHashMap<String, Object>();
                container.put(path.element(i), child);
            }
            container = (Map<Object, Object>) child;
        }
    }

    @SuppressWarnings("unchecked")
    private static Value freeze(Object node) {
        if (node instanceof Value value) {
            return value;
        }
        if (node instanceof TreeMap) {
            return new Value.L(((TreeMap<Integer, Object>) node).values().stream().map(Projection::freeze).toList());
        }
        Map<String, Value> map = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : ((Map<String, Object>) node).entrySet()) {
            map.put(entry.getKey(), freeze(entry.getValue()));
        }
        return new Value.M(map);
    }
}
