package io.wschat.local.gateway;

import java.util.ArrayList;
import java.util.List;

/** Splits outgoing text into frames of at most the frame limit in UTF-8 bytes, never inside a character. */
final class TextFragments {

    private TextFragments() {
    }

    static List<String> split(String text, int maxFrameBytes) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        int index = 0;
        while (index < text.length()) {
            int codePoint = text.codePointAt(index);
            int size = utf8Length(codePoint);
            if (bytes + size > maxFrameBytes) {
                parts.add(text.substring(start, index));
                start = index;
                bytes = 0;
            }
            bytes += size;
            index += Character.charCount(codePoint);
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
