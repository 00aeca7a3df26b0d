package io.wschat.dynamodb.internal.value;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
     * order given. ADD, DELETE and size() treat the three alike.
     */
    sealed interface SetValue<T> extends Value permits SS, NS, BS {
        Set<T> value();

        /** A set of the same type holding these elements. */
        SetValue<T> withElements(Set<T> elements);
    }

    /** A string set. */
    record SS(Set<String> value) implements SetValue<String> {
        public SS {
            value = ordered(value);
        }

        @Override
        public String type() {
            return "SS";
        }

        @Override
        public SS withElements(Set<String> elements) {
            return new SS(elements);
        }
    }

    /** A number set of normalised numbers. */
    record NS(Set<BigDecimal> value) implements SetValue<BigDecimal> {
        public NS {
            value = ordered(value);
        }

        @Override
        public String type() {
            return "NS";
        }

        @Override
        public NS withElements(Set<BigDecimal> elements) {
            return new NS(elements);
        }
    }

    /** A binary set. */
    record BS(Set<Bytes> value) implements SetValue<Bytes> {
        public BS {
            value = ordered(value);
        }

        @Override
        public String type() {
            return "BS";
        }

        @Override
        public BS withElements(Set<Bytes> elements) {
            return new BS(elements);
        }
    }

    private static <T> Set<T> ordered(Set<T> elements) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(elements));
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
