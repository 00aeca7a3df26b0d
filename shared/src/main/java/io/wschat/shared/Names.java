package io.wschat.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The rules for room names and display names.
 *
 * <ul>
 *   <li>Room: 1 to 64 of {@code A-Z a-z 0-9 _ -}, case-sensitive.</li>
 *   <li>Display name: 1 to 32 code points of Unicode letters, digits, space, {@code _ - .}; no leading or trailing
 *       space; letters of one script ({@link VisibleText#isSingleScript}) and none that shows nothing
 *       ({@link VisibleText#firstHidden}). Control, bidirectional and zero-width characters are therefore never
 *       allowed.</li>
 * </ul>
 *
 * <p>Display names are not unique and not proof of who someone is: two users may pick the same, or names that look
 * the same in different scripts. {@link #tag} gives every user id a short stable tag that frames carry beside the
 * name, so that clients can tell such users apart.
 */
public final class Names {

    public static final String DEFAULT_ROOM = "lobby";
    public static final int MAX_ROOM_LENGTH = 64;
    public static final int MAX_NAME_LENGTH = 32;

    /** The room rule in words, for error messages. */
    public static final String ROOM_RULE = "room must be 1 to 64 letters, digits, '_' or '-'";

    /** The name rule in words, for error messages. */
    public static final String NAME_RULE =
            "name must be 1 to 32 letters of one script, digits, spaces, '_', '-' or '.', not starting or ending with a"
                    + " space";

    /** How many characters a {@link #tag} has. */
    public static final int TAG_LENGTH = 4;

    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ROOM_LENGTH + "}");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{Nd} _.-]{1," + MAX_NAME_LENGTH + "}");
    private static final Pattern NOT_NAME_CHARACTER = Pattern.compile("[^\\p{L}\\p{Nd} _.-]");
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
    private static final String GUEST_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private Names() {
    }

    public static boolean isValidRoom(String room) {
        return room != null && ROOM.matcher(room).matches();
    }

    public static boolean isValidName(String name) {
        return name != null
                && NAME.matcher(name).matches()
                && name.charAt(0) != ' '
                && name.charAt(name.length() - 1) != ' '
                && VisibleText.isVisible(name)
                && VisibleText.isSingleScript(name);
    }

    /**
     * The user's tag: {@value #TAG_LENGTH} characters of the SHA-256 of {@code userId}, in the guest-name alphabet
     * (lower-case letters and digits without the look-alikes {@code l}, {@code o}, {@code 0} and {@code 1}). Stable
     * for the user, the same in every room, and about a million possible values, so two users who chose the same name
     * are told apart by it.
     */
    public static String tag(String userId) {
        byte[] hash = sha256(String.valueOf(userId));
        int bits = ((hash[0] & 0xFF) << 16) | ((hash[1] & 0xFF) << 8) | (hash[2] & 0xFF);
        StringBuilder tag = new StringBuilder(TAG_LENGTH);
        for (int i = 0; i < TAG_LENGTH; i++) {
            tag.append(GUEST_ALPHABET.charAt((bits >>> (19 - 5 * i)) & 31));
        }
        return tag.toString();
    }

    /** A name for a client that gave none: {@code guest-} and four random letters or digits. */
    public static String guestName(RandomGenerator random) {
        StringBuilder name = new StringBuilder("guest-");
        for (int i = 0; i < 4; i++) {
            name.append(GUEST_ALPHABET.charAt(random.nextInt(GUEST_ALPHABET.length())));
        }
        return name.toString();
    }

    /**
     * A valid display name made from a name someone else chose (a token's claim): NFC-normalised, runs of white
     * space turned into one space, other characters outside the name pattern dropped, cut to
     * {@value #MAX_NAME_LENGTH} code points and trimmed. When nothing usable is left, or what is left mixes scripts or
     * holds a character that shows nothing: {@code user-} and the first 8 hex digits of the SHA-256 of
     * {@code userId}, stable for the user.
     */
    public static String displayName(String claimed, String userId) {
        if (claimed != null) {
            String name = Normalizer.normalize(claimed, Normalizer.Form.NFC);
            name = SPACES.matcher(name).replaceAll(" ");
            name = NOT_NAME_CHARACTER.matcher(name).replaceAll("").strip();
            if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
                name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH)).strip();
            }
            if (isValidName(name)) {
                return name;
            }
        }
        return "user-" + HexFormat.of().formatHex(sha256(String.valueOf(userId))).substring(0, 8);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
