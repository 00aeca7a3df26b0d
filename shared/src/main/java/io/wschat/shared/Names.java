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
 *       space. Control characters are therefore never allowed.</li>
 * </ul>
 */
public final class Names {

    public static final String DEFAULT_ROOM = "lobby";
    public static final int MAX_ROOM_LENGTH = 64;
    public static final int MAX_NAME_LENGTH = 32;

    /** The room rule in words, for error messages. */
    public static final String ROOM_RULE = "room must be 1 to 64 letters, digits, '_' or '-'";

    /** The name rule in words, for error messages. */
    public static final String NAME_RULE =
            "name must be 1 to 32 letters, digits, spaces, '_', '-' or '.', not starting or ending with a space";

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
                && name.charAt(name.length() - 1) != ' ';
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
     * {@value #MAX_NAME_LENGTH} code points and trimmed. When nothing usable is left: {@code user-} and the first
     * 8 hex digits of the SHA-256 of {@code userId}, stable for the user.
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
