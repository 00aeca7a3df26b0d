package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.value.Numbers;
import io.wschat.dynamodb.internal.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A compiled UpdateExpression. */
public final class Update {

    static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";

    enum Kind { SET, REMOVE, ADD, DELETE }

    /** One action; {@code value} is set for SET, {@code operand} for ADD and DELETE. */
    record Action(Kind kind, Path path, UpdateValue value, Value operand) {
    }

    private final List<Action> actions;
    private final Projection updatedPaths;

    Update(List<Action> actions, List<Path> paths) {
        this.actions = List.copyOf(actions);
        this.updatedPaths = new Projection(paths);
    }

    /** The paths the actions write, for ReturnValues UPDATED_OLD and UPDATED_NEW. */
    public Projection updatedPaths() {
        return updatedPaths;
    }

    /**
     * Returns the new item (the input is not modified; a missing item is an empty map). Throws ValidationException for
     * run-time errors.
     *
     * <p>Every SET value is computed from the item as it was, before any action applies, as DynamoDB does. The actions
     * then apply in order on a copy that is made mutable only along the paths they touch. List elements set past the
     * end are appended in index order, and removed list elements disappear together, so indexes in one expression all
     * refer to the list as it was.
     */
    public Map<String, Value> apply(Map<String, Value> item) {
        Value[] values = new Value[actions.size()];
        for (int i = 0; i < values.length; i++) {
            Action action = actions.get(i);
            if (action.kind() == Kind.SET) {
                values[i] = action.value().resolve(item);
            }
        }
        MutableMap root = new MutableMap(item);
        for (int i = 0; i < values.length; i++) {
            Action action = actions.get(i);
            Object container = parent(root, action.path());
            Object key = action.path().element(action.path().length() - 1);
            switch (action.kind()) {
                case SET:
                    put(container, key, values[i]);
                    break;
                case REMOVE:
                    remove(container, key);
                    break;
                case ADD:
                    add(container, key, action.operand());
                    break;
                default:
                    delete(container, key, action.operand());
                    break;
            }
        }
        Map<String, Value> result = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : root.entries.entrySet()) {
            result.put(entry.getKey(), freeze(entry.getValue()));
        }
        return result;
    }

    /** The map or list holding the path's last element, made mutable; the path up to it must exist. */
    private static Object parent(MutableMap root, Path path) {
        Object container = root;
        for (int i = 0; i < path.length() - 1; i++) {
            Object key = path.element(i);
            Object child = get(container, key);
            Object mutable = mutable(child, path.isIndex(i + 1));
            if (mutable != child) {
                put(container, key, mutable);
            }
            container = mutable;
        }
        return container;
    }

    /** The child as a mutable list or map, as the next path element asks; the path must lead through one. */
    private static Object mutable(Object child, boolean list) {
        if (list ? child instanceof MutableList : child instanceof MutableMap) {
            return child;
        }
        if (list && child instanceof Value.L elements) {
            return new MutableList(elements.value());
        }
        if (!list && child instanceof Value.M entries) {
            return new MutableMap(entries.value());
        }
        throw ApiException.validation(INVALID_PATH);
    }

    private static void add(Object container, Object key, Value operand) {
        Object existing = get(container, key);
        if (existing == null) {
            put(container, key, operand);
        } else if (existing instanceof Value.N n && operand instanceof Value.N m) {
            put(container, key, new Value.N(Numbers.add(n.value(), m.value())));
        } else if (existing instanceof Value.SetValue<?> set && existing.getClass() == operand.getClass()) {
            put(container, key, union(set, (Value.SetValue<?>) operand));
        } else {
            throw ApiException.validation(UpdateValue.WRONG_TYPE);
        }
    }

    /** Removes the operand's elements from a set; a set left empty is removed, as DynamoDB has no empty sets. */
    private static void delete(Object container, Object key, Value operand) {
        Object existing = get(container, key);
        if (existing == null) {
            return;
        }
        if (!(existing instanceof Value.SetValue<?> set) || existing.getClass() != operand.getClass()) {
            throw ApiException.validation(UpdateValue.WRONG_TYPE);
        }
        Value remaining = difference(set, (Value.SetValue<?>) operand);
        if (remaining == null) {
            remove(container, key);
        } else {
            put(container, key, remaining);
        }
    }

    private static <T> Value union(Value.SetValue<T> set, Value.SetValue<?> sameType) {
        Set<T> union = new LinkedHashSet<>(set.value());
        union.addAll(elementsOf(sameType));
        return set.withElements(union);
    }

    /** The set less the other's elements; null when nothing is left. */
    private static <T> Value difference(Value.SetValue<T> set, Value.SetValue<?> sameType) {
        Set<T> difference = new LinkedHashSet<>(set.value());
        difference.removeAll(elementsOf(sameType));
        return difference.isEmpty() ? null : set.withElements(difference);
    }

    /** A set's elements as those of another set of the same class, which holds elements of the same type. */
    @SuppressWarnings("unchecked")
    private static <T> Set<T> elementsOf(Value.SetValue<?> sameType) {
        return (Set<T>) sameType.value();
    }

    private static Object get(Object container, Object key) {
        if (container instanceof MutableMap map) {
            return map.entries.get((String) key);
        }
        return ((MutableList) container).get((Integer) key);
    }

    private static void put(Object container, Object key, Object value) {
        if (container instanceof MutableMap map) {
            map.entries.put((String) key, value);
        } else {
            ((MutableList) container).set((Integer) key, value);
        }
    }

    private static void remove(Object container, Object key) {
        if (container instanceof MutableMap map) {
            map.entries.remove((String) key);
        } else {
            ((MutableList) container).remove((Integer) key);
        }
    }

    private static Value freeze(Object node) {
        if (node instanceof Value value) {
            return value;
        }
        if (node instanceof MutableMap map) {
            Map<String, Value> frozen = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : map.entries.entrySet()) {
                frozen.put(entry.getKey(), freeze(entry.getValue()));
            }
            return new Value.M(frozen);
        }
        MutableList list = (MutableList) node;
        List<Value> frozen = new ArrayList<>(list.elements.size() + list.appended.size());
        for (int i = 0; i < list.elements.size(); i++) {
            if (!list.removed.contains(i)) {
                frozen.add(freeze(list.elements.get(i)));
            }
        }
        for (Object appended : list.appended.values()) {
            frozen.add(freeze(appended));
        }
        return new Value.L(frozen);
    }

    /** A map being updated; its values are {@link Value}s or, where an action reaches inside, mutable nodes. */
    private static final class MutableMap {
        final Map<String, Object> entries;

        MutableMap(Map<String, Value> map) {
            entries = new LinkedHashMap<>(map);
        }
    }

    /** A list being updated: its elements as they were, elements set past its end, and indexes removed. */
    private static final class MutableList {
        final List<Object> elements;
        final TreeMap<Integer, Object> appended = new TreeMap<>();
        final Set<Integer> removed = new HashSet<>();

        MutableList(List<Value> list) {
            elements = new ArrayList<>(list);
        }

        Object get(int index) {
            return index < elements.size() ? elements.get(index) : appended.get(index);
        }

        void set(int index, Object value) {
            if (index < elements.size()) {
                elements.set(index, value);
            } else {
                appended.put(index, value);
            }
        }

        void remove(int index) {
            if (index < elements.size()) {
                removed.add(index);
            } else {
                appended.remove(index);
            }
        }
    }
}
