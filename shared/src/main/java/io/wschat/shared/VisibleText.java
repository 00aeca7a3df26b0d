package io.wschat.shared;

import java.util.EnumSet;
import java.util.Set;

/**
 * Rules that keep text showing what it says, so that a name or a message cannot pass for another one.
 *
 * <p>{@link #firstHidden} finds a character that reorders text or hides itself: the bidirectional controls (which
 * can make {@code "gnp.exe"} display as {@code "exe.png"}), zero-width spaces and joiners, invisible fillers and
 * tag characters. The joiners that scripts and emoji need stay allowed where they do their work: the zero-width
 * joiner between emoji (a family, a profession) or between letters and marks of scripts that use it, the zero-width
 * non-joiner between letters of such scripts (Persian, the Indic scripts), tag characters in a flag sequence.
 *
 * <p>{@link #isSingleScript} refuses names whose letters come from more than one script, like a Latin name with
 * one Cyrillic letter in it; the mixes that languages write with (Japanese, Chinese with Bopomofo, Korean, each with
 * Latin) are allowed.
 */
public final class VisibleText {

    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int WAVING_BLACK_FLAG = 0x1F3F4;

    /** Scripts whose letters look like one another's, where an invisible joiner changes nothing visible. */
    private static final Set<Character.UnicodeScript> LOOK_ALIKE_SCRIPTS = EnumSet.of(
            Character.UnicodeScript.LATIN, Character.UnicodeScript.GREEK, Character.UnicodeScript.CYRILLIC);

    private static final Set<Character.UnicodeScript> NEUTRAL = EnumSet.of(
            Character.UnicodeScript.COMMON, Character.UnicodeScript.INHERITED, Character.UnicodeScript.UNKNOWN);

    private static final Set<Set<Character.UnicodeScript>> WRITING_SYSTEMS = Set.of(
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.HIRAGANA,
                    Character.UnicodeScript.KATAKANA),
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.BOPOMOFO),
            EnumSet.of(Character.UnicodeScript.LATIN, Character.UnicodeScript.HAN, Character.UnicodeScript.HANGUL));

    private VisibleText() {
    }

    /** Whether {@code text} has no character that reorders or hides text, as {@link #firstHidden} finds them. */
    public static boolean isVisible(String text) {
        return firstHidden(text) < 0;
    }

    /**
     * The index of the first character of {@code text} that reorders text or hides itself outside the places where
     * it is needed (see the class description), or -1 when there is none.
     */
    public static int firstHidden(String text) {
        int previous = -1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            int following = next < text.length() ? text.codePointAt(next) : -1;
            boolean hidden = switch (c) {
                case ZERO_WIDTH_JOINER -> !(isPictographic(previous) && isPictographic(following))
                        && !(joins(previous) && joins(following));
                case ZERO_WIDTH_NON_JOINER -> !(joins(previous) && joins(following));
                default -> isTag(c) ? previous != WAVING_BLACK_FLAG && !isTag(previous) : isAlwaysHidden(c);
            };
            if (hidden) {
                return i;
            }
            previous = c;
            i = next;
        }
        return -1;
    }

    /**
     * Whether the letters of {@code name} come from one script, or from one of the script mixes a language writes
     * with; digits, punctuation and marks belong to every script.
     */
    public static boolean isSingleScript(String name) {
        Set<Character.UnicodeScript> scripts = EnumSet.noneOf(Character.UnicodeScript.class);
        name.codePoints().mapToObj(Character.UnicodeScript::of).filter(script -> !NEUTRAL.contains(script))
                .forEach(scripts::add);
        return scripts.size() <= 1 || WRITING_SYSTEMS.stream().anyMatch(system -> system.containsAll(scripts));
    }

    /** Bidirectional controls, zero-width and invisible characters that no text needs. */
    private static boolean isAlwaysHidden(int c) {
        return c == 0x061C // Arabic letter mark
                || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 // Hangul fillers: letters that show nothing
                || c == 0x17B4 || c == 0x17B5 // Khmer inherent vowels, invisible
                || (c >= 0x180B && c <= 0x180F) // Mongolian variation selectors and vowel separator
                || c == 0x200B // zero-width space
                || c == 0x200E || c == 0x200F // left-to-right and right-to-left marks
                || (c >= 0x202A && c <= 0x202E) // bidirectional embeddings and overrides
                || (c >= 0x2060 && c <= 0x2064) // word joiner and invisible operators
                || (c >= 0x2066 && c <= 0x2069) // bidirectional isolates
                || c == 0xFEFF // zero-width no-break space
                || (c >= 0xFFF9 && c <= 0xFFFB); // interlinear annotation controls
    }

    private static boolean isTag(int c) {
        return c >= 0xE0000 && c <= 0xE007F;
    }

    /** Emoji and the modifiers and selectors that continue an emoji before a joiner. */
    private static boolean isPictographic(int c) {
        return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2300 && c <= 0x23FF) || (c >= 0x2600 && c <= 0x27BF)
                || (c >= 0x2B00 && c <= 0x2BFF) || c == 0xFE0F || c == 0x00A9 || c == 0x00AE;
    }

    /** A letter or mark of a script that uses joiners between its letters. */
    private static boolean joins(int c) {
        if (c < 0 || !(Character.isLetter(c) || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK)) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return !LOOK_ALIKE_SCRIPTS.contains(script) && !NEUTRAL.contains(script);
    }
}
