package io.wschat.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFragmentsTest {

    @Test
    void shortText_isOneFrame() {
        assertThat(TextFragments.split("hello", 32)).containsExactly("hello");
        assertThat(TextFragments.split("", 32)).containsExactly("");
    }

    @Test
    void longText_isSplitByUtf8Bytes_withoutBreakingCharacters() {
        String text = "aé😀".repeat(100);

        List<String> parts = TextFragments.split(text, 16);

        assertThat(String.join("", parts)).isEqualTo(text);
        assertThat(parts).allSatisfy(part -> assertThat(part.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(16));
        assertThat(parts).allSatisfy(part -> assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse());
    }
}
