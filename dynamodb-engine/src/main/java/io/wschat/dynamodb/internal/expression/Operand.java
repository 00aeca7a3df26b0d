package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.value.ItemSize;
import io.wschat.dynamodb.internal.value.Value;
import java.util.Map;

/** One side of a comparison or a function argument, evaluated against an item; null stands for "not in the item". */
interface Operand {

    Value evaluate(Map<String, Value> item);

    /** The operand's type where it is known before any item is seen (a placeholder's value, a function's result). */
    default String knownType() {
        return null;
    }

    /**
     * An attribute or nested element of the item. A condition sees a missing one as null; on the right of an
     * update's SET it is an error.
     */
    record PathOperand(Path path) implements Operand, UpdateValue {
        @Override
        public Value evaluate(Map<String, Value> item) {
            return path.resolve(item);
        }

        @Override
        public Value resolve(Map<String, Value> item) {
            Value value = path.resolve(item);
            if (value == null) {
                throw ApiException.validation(MISSING);
            }
            return value;
        }

        @Override
        public String knownType() {
            return null; // it depends on the item
        }
    }

    /**
     * An ExpressionAttributeValues entry, in a condition and on the right of an update's SET alike; value is null
     * only while an undefined placeholder or unknown function is being reported.
     */
    record Literal(Value value) implements Operand, UpdateValue {
        @Override
        public Value evaluate(Map<String, Value> item) {
            return value;
        }

        @Override
        public Value resolve(Map<String, Value> item) {
            return value;
        }

        @Override
        public String knownType() {
            return value == null ? null : value.type();
        }
    }

    /** {@code size(operand)}: string length in UTF-8 bytes, binary length, element count of sets, lists and maps. */
    record Size(Operand argument) implements Operand {
        @Override
        public Value evaluate(Map<String, Value> item) {
            Value value = argument == null ? null : argument.evaluate(item);
            long size;
            if (value instanceof Value.S s) {
                size = ItemSize.utf8Length(s.value());
            } else if (value instanceof Value.B b) {
                size = b.value().length();
            } else if (value instanceof Value.SetValue<?> set) {
                size = set.value().size();
            } else if (value instanceof Value.L list) {
                size = list.value().size();
            } else if (value instanceof Value.M map) {
                size = map.value().size();
            } else {
                return null; // a missing attribute, or a type size does not apply to: every comparison is false
            }
            return Value.n(size);
        }

        @Override
        public String knownType() {
            return "N";
        }
    }

    /**
     * A condition function (attribute_exists and the like) where an operand was expected. Only ever built on the
     * way to a "not allowed to be used this way" error, so it never evaluates.
     */
    record MisusedFunction(String name, String resultType) implements Operand {
        @Override
        public Value evaluate(Map<String, Value> item) {
            return null;
        }

        @Override
        public String knownType() {
            return resultType;
        }
    }
}
