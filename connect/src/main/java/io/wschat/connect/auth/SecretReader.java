package io.wschat.connect.auth;

/** Reads the HS256 key that {@code JWT_SECRET_ARN} names. */
@FunctionalInterface
public interface SecretReader {

    /**
     * The secret's string value.
     *
     * @param secretId the secret's ARN or name
     * @throws SecretReadException when the secret cannot be read; the message never contains its value
     */
    String read(String secretId);

    /** For runtimes that read no secrets: refuses every {@code JWT_SECRET_ARN}, pointing at {@code JWT_SECRET}. */
    static SecretReader unavailable() {
        return secretId -> {
            throw new IllegalArgumentException(
                    "JWT_SECRET_ARN cannot be read here; give the key itself in JWT_SECRET");
        };
    }
}
