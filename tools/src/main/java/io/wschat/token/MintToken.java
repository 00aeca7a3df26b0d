package io.wschat.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wschat.connect.auth.AuthConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Development tool: mints an HS256 token that a {@code AUTH_MODE=hs256} backend accepts. */
public final class MintToken {

    static final String USAGE = String.join("\n",
            "usage: MintToken --sub <user id> [--name <display name>] [--ttl <seconds, default 3600>]",
            "                 [--iss <issuer>] [--aud <audience>] [--secret <secret>]",
            "The secret defaults to the JWT_SECRET environment variable (prefer it: arguments show up in ps",
            "and shell history). It must be at least " + AuthConfig.MIN_SECRET_BYTES + " bytes.");

    private MintToken() {
    }

    /**
     * Mints a token valid from now for {@code ttl}.
     *
     * @param name     display name claim, or null
     * @param issuer   {@code iss} claim, or null
     * @param audience {@code aud} claim, or null
     */
    public static String mint(String secret, String subject, String name, Duration ttl, String issuer,
                              String audience) {
        return mint(secret, subject, name, ttl, issuer, audience, Instant.now());
    }

    /** Mints a token as if {@code now} were the current time, for tests of expiry. */
    public static String mint(String secret, String subject, String name, Duration ttl, String issuer,
                              String audience, Instant now) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(now, "now");
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < AuthConfig.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("secret must be at least " + AuthConfig.MIN_SECRET_BYTES + " bytes");
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
        if (name != null) {
            claims.claim("name", name);
        }
        if (issuer != null) {
            claims.issuer(issuer);
        }
        if (audience != null) {
            claims.audience(audience);
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign the token", e);
        }
        return jwt.serialize();
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command line; returns the process exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (!isOption(arg)) {
                // Name only what looks like an option: a stray value could be a secret.
                return fail(err, arg.startsWith("--") ? "unknown option " + arg : "unexpected argument");
            }
            if (i + 1 >= args.length) {
                return fail(err, arg + " needs a value");
            }
            options.put(arg.substring(2), args[++i]);
        }
        String secret = options.getOrDefault("secret", env.get("JWT_SECRET"));
        if (secret == null) {
            return fail(err, "no secret: pass --secret or set JWT_SECRET");
        }
        Duration ttl;
        try {
            ttl = Duration.ofSeconds(Long.parseLong(options.getOrDefault("ttl", "3600")));
        } catch (NumberFormatException e) {
            return fail(err, "--ttl must be a number of seconds");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            return fail(err, "--ttl must be positive");
        }
        try {
            out.println(mint(secret, options.get("sub"), options.get("name"), ttl, options.get("iss"),
                    options.get("aud")));
            return 0;
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage());
        }
    }

    private static boolean isOption(String arg) {
        return switch (arg) {
            case "--secret", "--sub", "--name", "--ttl", "--iss", "--aud" -> true;
            default -> false;
        };
    }

    private static int fail(PrintStream err, String message) {
        err.println("MintToken: " + message);
        err.println(USAGE);
        return 2;
    }
}
