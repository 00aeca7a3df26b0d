package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VisibleTextTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "hello", "Zoë", "مرحبا بالعالم", "שלום", "你好", "こんにちは",
        "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", // family: man, woman, girl joined
        "\uD83D\uDC69\uD83C\uDFFD\u200D\uD83D\uDCBB", // woman technologist with a skin tone
        "\u2764\uFE0F\u200D\uD83D\uDD25", // heart on fire: a symbol, its emoji selector, a joiner
        "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC65\uDB40\uDC6E\uDB40\uDC67\uDB40\uDC7F", // flag of England
        "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", // Persian: a non-joiner between Arabic letters
        "\u0915\u094D\u200D\u0937", // Devanagari: a joiner after a virama
        "line one\nline two\ttabbed"})
    void isVisible_acceptsTextThatShowsWhatItSays(String text) {
        assertThat(VisibleText.firstHidden(text)).isEqualTo(-1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "invoice\u202Egnp.exe|7", // right-to-left override: displays as invoiceexe.png
        "a\u2066b|1", "a\u2069b|1", "a\u200Eb|1", "a\u200Fb|1", "a\u061Cb|1",
        "pay\u200Bpal|3", "pay\u2060pal|3", "\uFEFFhello|0",
        "ad\u200Dmin|2", // a joiner between Latin letters changes nothing visible
        "ad\u200Cmin|2",
        "\u200D\uD83D\uDE00|0", // a joiner with nothing before it
        "hi\u3164|2", // Hangul filler: a letter that shows nothing
        "hi\uDB40\uDC41|2"}) // a tag character outside a flag hides text
    void firstHidden_findsWhatReordersOrHidesText(String text, int index) {
        assertThat(VisibleText.firstHidden(text)).isEqualTo(index);
        assertThat(VisibleText.isVisible(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Алиса", "山田たろう", "Kim 김민준", "Wang 王小明 ㄅ", "R2-D2", "é"})
    void isSingleScript_acceptsOneScriptAndTheMixesLanguagesWriteWith(String name) {
        assertThat(VisibleText.isSingleScript(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0410lice", "p\u0430ypal", "\u03bfscar", "Алиса Smith", "김민준 たろう"})
    void isSingleScript_refusesLookAlikeMixes(String name) {
        assertThat(VisibleText.isSingleScript(name)).isFalse();
    }
}
