package io.wschat.dynamodb.internal.value;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An item's size by DynamoDB's rule: attribute names and strings by their UTF-8 length, numbers by about one byte
 * per two significant digits plus one, binary by its length, booleans and nulls one byte, lists and maps three bytes
 * plus one per element plus their contents.
 */
public final class ItemSize {

    /** DynamoDB's largest item, 400 KB. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    private ItemSize() {
    }

    public static long of(Map<String, Value> item) {
        long size = 0;
        for (Map.Entry<String, Value> attribute : item.entrySet()) {
            size += utf8Length(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }

    public static long of(Value value) {
        if (value instanceof Value.S s) {
            return utf8Length(s.value());
        } else if (value instanceof Value.N n) {
            return number(n.value());
        } else if (value instanceof Value.B b) {
            return b.value().length();
        } else if (value instanceof Value.SS ss) {
            return ss.value().stream().mapToLong(ItemSize::utf8Length).sum();
        } else if (value instanceof Value.NS ns) {
            return ns.value().stream().mapToLong(ItemSize::number).sum();
        } else if (value instanceof Value.BS bs) {
            return bs.value().stream().mapToLong(Bytes::length).sum();
        } else if (value instanceof Value.L list) {
            return 3 + list.value().stream().mapToLong(element -> 1 + of(element)).sum();
        } else if (value instanceof Value.M map) {
            return 3 + map.value().entrySet().stream()
                    .mapToLong(entry -> 1 + utf8Length(entry.getKey()) + of(entry.getValue())).sum();
        }
        return 1; // BOOL and NULL
    }

    private static long number(BigDecimal number) {
        return (number.precision() + 1) / 2 + 1;
    }

    /** UTF-8 length of a string, counted without encoding it; a lone surrogate counts three bytes. */
    public static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            length += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            i += Character.charCount(c);
        }
        return length;
    }

    /** UTF-8 bytes of a string. */
    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
