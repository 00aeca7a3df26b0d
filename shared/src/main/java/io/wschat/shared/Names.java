package io.wschat.shared;

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

    private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ROOM_LENGTH + "}");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{Nd} _.-]{1," + MAX_NAME_LENGTH + "}");
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
}
