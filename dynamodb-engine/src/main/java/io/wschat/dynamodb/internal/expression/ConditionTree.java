package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.value.Bytes;
import io.wschat.dynamodb.internal.value.Order;
import io.wschat.dynamodb.internal.value.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The nodes a condition expression compiles to; a key condition is read off the same nodes. */
final class ConditionTree {

    private ConditionTree() {
    }

    enum Comparator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        static Comparator of(String symbol) {
            for (Comparator comparator : values()) {
                if (comparator.symbol.equals(symbol)) {
                    return comparator;
                }
            }
            throw new IllegalArgumentException(symbol);
        }

        /** The comparator with its operands swapped: {@code :v < a} is {@code a > :v}. */
        Comparator mirrored() {
            switch (this) {
                case LT:
                    return GT;
                case LE:
                    return GE;
                case GT:
                    return LT;
                case GE:
                    return LE;
                default:
                    return this;
            }
        }

        /** Whether two values (both present) compare this way; values of different or unordered types never do. */
        boolean holds(Value left, Value right) {
            if (this == EQ) {
                return left.equals(right);
            }
            if (this == NE) {
                return !left.equals(right);
            }
            if (!Order.comparable(left, right)) {
                return false;
            }
            int order = Order.compare(left, right);
            switch (this) {
                case LT:
                    return order < 0;
                case LE:
                    return order <= 0;
                case GT:
                    return order > 0;
                default:
                    return order >= 0;
            }
        }
    }

    record And(List<Condition> operands) implements Condition {
        @Override
        public boolean test(Map<String, Value> item) {
            for (Condition operand : operands) {
                if (!operand.test(item)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<Condition> operands) implements Condition {
        @Override
        public boolean test(Map<String, Value> item) {
            for (Condition operand : operands) {
                if (operand.test(item)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Condition operand) implements Condition {
        @Override
        public boolean test(Map<String, Value> item) {
            return !operand.test(item);
        }
    }

    /** {@code a <op> b}. A missing operand makes every comparison false except {@code <>}, which is then true. */
    record Comparison(Comparator comparator, Operand left, Operand right) implements Condition {
        @Override
        public boolean test(Map<String, Value> item) {
            Value a = left.evaluate(item);
            Value b = right.evaluate(item);
            if (a == null || b == null) {
                return comparator == Comparator.NE;
            }
            return comparator.holds(a, b);
        }
    }

    /** {@code a BETWEEN low AND high}, inclusive at both ends. */
    record Between(Operand operand, Operand low, Operand high) implements Condition {
        @Override
        public boolean test(Map<String, Value> item) {
            Value value = operand.evaluate(item);
            Value from = low.evaluate(item);
            Value to = high.evaluate(item);
            return value != null && from != null && to != null
                    && Comparator.GE.holds(value, from) && Comparator.LE.holds(value, to);
        }
    }

    /** {@code a IN (b, c, ...)}: equal to any of them. */
    record In(Operand operand, List<Operand> candidates) implements Condition {
        @Override
        public boolean test(Map<String, Value> item) {
            Value value = operand.evaluate(item);
            if (value == null) {
                return false;
            }
            for (Operand candidate : candidates) {
                if (value.equals(candidate.evaluate(item))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A condition function call; {@code arguments} are as written, for the key condition checks. */
    record Function(String name, List<Operand> arguments) implements Condition {
        @Override
        public boolean test(Map<String, Value> item) {
            switch (name) {
                case "attribute_exists":
                    return arguments.get(0).evaluate(item) != null;
                case "attribute_not_exists":
                    return arguments.get(0).evaluate(item) == null;
                case "attribute_type":
                    return attributeType(arguments.get(0).evaluate(item), arguments.get(1).evaluate(item));
                case "begins_with":
                    return beginsWith(arguments.get(0).evaluate(item), arguments.get(1).evaluate(item));
                case "contains":
                    return contains(arguments.get(0).evaluate(item), arguments.get(1).evaluate(item));
                default:
                    return false; // size as a condition: rejected before any evaluation
            }
        }
    }

    static boolean attributeType(Value value, Value type) {
        return value != null && type instanceof Value.S name && value.type().equals(name.value());
    }

    static boolean beginsWith(Value value, Value prefix) {
        if (value instanceof Value.S s && prefix instanceof Value.S p) {
            return s.value().startsWith(p.value());
        }
        if (value instanceof Value.B b && prefix instanceof Value.B p) {
            return b.value().startsWith(p.value());
        }
        return false;
    }

    /** A substring of a string or binary, an element of a set of the operand's type, or an element of a list. */
    static boolean contains(Value value, Value part) {
        if (value == null || part == null) {
            return false;
        }
        if (value instanceof Value.S s) {
            return part instanceof Value.S p && s.value().contains(p.value());
        }
        if (value instanceof Value.B b) {
            return part instanceof Value.B p && b.value().contains(p.value());
        }
        if (value instanceof Value.SS ss) {
            return part instanceof Value.S p && ss.value().contains(p.value());
        }
        if (value instanceof Value.NS ns) {
            if (part instanceof Value.N p) {
                BigDecimal number = p.value();
                return ns.value().contains(number);
            }
            return false;
        }
        if (value instanceof Value.BS bs) {
            if (part instanceof Value.B p) {
                Bytes bytes = p.value();
                return bs.value().contains(bytes);
            }
            return false;
        }
        if (value instanceof Value.L list) {
            return list.value().contains(part);
        }
        return false;
    }
}
