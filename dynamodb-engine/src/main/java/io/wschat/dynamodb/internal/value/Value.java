package io.wschat.dynamodb.internal.value;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One DynamoDB attribute value, immutable: the ten types of the DynamoDB data model. Numbers are held normalised
 * ({@link Numbers#parse}), so two equal numbers are equal values; sets keep the order they were given in.
 */
public sealed interface Value {

    /** The type's name in DynamoDB JSON and in {@code attribute_type}: S, N, B, BOOL, NULL, M, L, SS, NS, BS. */
    String type();

    /** A string. */
    record S(String value) implements Value {
        @Override
        public String type() {
            return "S";
        }
    }

    /** A number, normalised: no trailing zeros, no exponent notation needed to compare. */
    record N(BigDecimal value) implements Value {
        @Override
        public String type() {
            return "N";
        }

        /** The number as DynamoDB returns it: plain decimal notation, no trailing zeros. */
        public String text() {
            return Numbers.format(value);
        }
    }

    /** Binary. */
    record B(Bytes value) implements Value {
        @Override
        public String type() {
            return "B";
        }
    }

    /** A boolean. */
    record Bool(boolean value) implements Value {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        @Override
        public String type() {
            return "BOOL";
        }
    }

    /** The null value; DynamoDB's only value of type NULL is {@code true}. */
    record Null() implements Value {
        public static final Null INSTANCE = new Null();

        @Override
        public String type() {
            return "NULL";
        }
    }

    /** A map of names to values, in insertion order. */
    record M(Map<String, Value> value) implements Value {
        public M {
            value = Collections.unmodifiableMap(new LinkedHashMap<>(value));
        }

        @Override
        public String type() {
            return "M";
        }
    }

    /** A list. */
    record L(List<Value> value) implements Value {
        public L {
            value = List.copyOf(value);
        }

        @Override
        public String type() {
            return "L";
        }
    }

    /**
     * A string, number or binary set: never empty, no duplicates (checked where values enter, not here), in the
     * order given. ADD, DELETE and size() treat the three alike; a set equals another of the same type with the
     * same elements.
     */
    abstract sealed class SetValue<T> implements Value permits SS, NS, BS {
        private final String type;
        private final Set<T> value;
        private final Function<Set<T>, SetValue<T>> sameType;

        SetValue(String type, Set<T> value, Function<Set<T>, SetValue<T>> sameType) {
            this.type = type;
            this.value = Collections.unmodifiableSet(new LinkedHashSet<>(value));
            this.sameType = sameType;
        }

        @Override
        public String type() {
            return type;
        }

        public Set<T> value() {
            return value;
        }

        /** A set of the same type holding these elements. */
        public SetValue<T> withElements(Set<T> elements) {
            return sameType.apply(elements);
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass() && value.equals(((SetValue<?>) other).value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }

        @Override
        public String toString() {
            return type + "[value=" + value + "]";
        }
    }

    /** A string set. */
    final class SS extends SetValue<String> {
        public SS(Set<String> value) {
            super("SS", value, SS::new);
        }
    }

    /** A number set of normalised numbers. */
    final class NS extends SetValue<BigDecimal> {
        public NS(Set<BigDecimal> value) {
            super("NS", value, NS::new);
        }
    }

    /** A binary set. */
    final class BS extends SetValue<Bytes> {
        public BS(Set<Bytes> value) {
            super("BS", value, BS::new);
        }
    }

    static S s(String value) {
        return new S(value);
    }

    /** A number from its DynamoDB text, validated and normalised. */
    static N n(String text) {
        return new N(Numbers.parse(text));
    }

    static N n(long value) {
        return new N(Numbers.normalise(BigDecimal.valueOf(value)));
    }

    static Bool bool(boolean value) {
        return value ? Bool.TRUE : Bool.FALSE;
    }
}
