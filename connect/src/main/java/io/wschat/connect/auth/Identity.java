package io.wschat.connect.auth;

/**
 * Who is connecting, as established on {@code $connect}.
 *
 * @param userId    stable user id: the token's {@code sub}; in anonymous mode the requested name
 * @param name      display name; in anonymous mode the raw {@code name} query parameter, which the caller
 *                  validates (it may be null or malformed)
 * @param anonymous true when no token was checked ({@code AUTH_MODE=none})
 */
public record Identity(String userId, String name, boolean anonymous) {

    /** An identity proven by a verified token. */
    public static Identity authenticated(String userId, String name) {
        return new Identity(userId, name, false);
    }

    /** An identity taken on trust from the {@code name} query parameter. */
    public static Identity anonymous(String name) {
        return new Identity(name, name, true);
    }
}
