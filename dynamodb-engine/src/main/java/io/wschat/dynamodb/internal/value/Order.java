package io.wschat.dynamodb.internal.value;

/**
 * DynamoDB's order of scalar values, used for sort keys and for {@code <}, {@code BETWEEN} and the like: numbers
 * numerically, strings by their UTF-8 bytes (so a character above U+FFFF sorts after U+FFFF, unlike
 * {@link String#compareTo}), binary as unsigned bytes.
 */
public final class Order {

    private Order() {
    }

    /**
     * Compares two values of one scalar type.
     *
     * @throws IllegalArgumentException when they are not both S, both N or both B
     */
    public static int compare(Value a, Value b) {
        if (a instanceof Value.S x && b instanceof Value.S y) {
            return compareUtf8(x.value(), y.value());
        }
        if (a instanceof Value.N x && b instanceof Value.N y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof Value.B x && b instanceof Value.B y) {
            return x.value().compareTo(y.value());
        }
        throw new IllegalArgumentException("not comparable: " + a.type() + " and " + b.type());
    }

    /** Whether {@link #compare} orders these two values: both S, both N or both B. */
    public static boolean comparable(Value a, Value b) {
        return a instanceof Value.S && b instanceof Value.S || a instanceof Value.N && b instanceof Value.N
                || a instanceof Value.B && b instanceof Value.B;
    }

    /**
     * Compares two strings by their UTF-8 encodings without encoding them. UTF-8 byte order equals code point order,
     * which differs from UTF-16 order only where a surrogate meets a character from U+E000 to U+FFFF.
     */
    public static int compareUtf8(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean xs = Character.isSurrogate(x);
                boolean ys = Character.isSurrogate(y);
                if (xs != ys) {
                    return xs ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }
}
