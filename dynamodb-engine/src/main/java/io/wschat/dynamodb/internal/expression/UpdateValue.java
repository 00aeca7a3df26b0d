package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.value.Numbers;
import io.wschat.dynamodb.internal.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The right side of a SET action, computed from the item as it was before the update. */
interface UpdateValue {

    String MISSING = "The provided expression refers to an attribute that does not exist in the item";
    String WRONG_TYPE = "An operand in the update expression has an incorrect data type";

    /** @throws ApiException when it reads a missing attribute or meets an operand of the wrong type */
    Value resolve(Map<String, Value> item);

    /**
     * The type of a placeholder's value; null for anything that depends on the item. A path and a placeholder's
     * value are an {@link Operand.PathOperand} and an {@link Operand.Literal}, the same in an update as in a
     * condition.
     */
    default String knownType() {
        return null;
    }

    /** {@code if_not_exists(path, value)}: the attribute when the item has it, otherwise the value. */
    record IfNotExists(Path path, UpdateValue fallback) implements UpdateValue {
        @Override
        public Value resolve(Map<String, Value> item) {
            Value value = path == null ? null : path.resolve(item);
            return value != null ? value : fallback.resolve(item);
        }
    }

    /** {@code list_append(a, b)}: the elements of list a followed by those of list b. */
    record ListAppend(UpdateValue first, UpdateValue second) implements UpdateValue {
        @Override
        public Value resolve(Map<String, Value> item) {
            Value a = first.resolve(item);
            if (!(a instanceof Value.L head)) {
                throw ApiException.validation(WRONG_TYPE);
            }
            Value b = second.resolve(item);
            if (!(b instanceof Value.L tail)) {
                throw ApiException.validation(WRONG_TYPE);
            }
            List<Value> elements = new ArrayList<>(head.value().size() + tail.value().size());
            elements.addAll(head.value());
            elements.addAll(tail.value());
            return new Value.L(elements);
        }
    }

    /** {@code a + b} or {@code a - b}, exact and within DynamoDB's number limits. */
    record Arithmetic(boolean plus, UpdateValue left, UpdateValue right) implements UpdateValue {
        @Override
        public Value resolve(Map<String, Value> item) {
            BigDecimal a = number(left.resolve(item));
            BigDecimal b = number(right.resolve(item));
            return new Value.N(plus ? Numbers.add(a, b) : Numbers.subtract(a, b));
        }

        private static BigDecimal number(Value value) {
            if (!(value instanceof Value.N n)) {
                throw ApiException.validation(WRONG_TYPE);
            }
            return n.value();
        }
    }
}
