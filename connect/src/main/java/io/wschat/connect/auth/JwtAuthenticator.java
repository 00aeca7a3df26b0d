package io.wschat.connect.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.wschat.connect.auth.AuthConfig.TokenUse;
import io.wschat.connect.auth.AuthenticationException.Reason;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Verifies a signed JWT with one pinned algorithm: HS256 with a shared secret, or RS256 against a JWKS. */
final class JwtAuthenticator implements Authenticator {

    static final int MAX_CLOCK_SKEW_SECONDS = 60;
    /** Far above any real ID token; bounds the work an attacker can make the parser do. */
    static final int MAX_TOKEN_LENGTH = 8 * 1024;

    static final int JWKS_CONNECT_TIMEOUT_MS = 1_500;
    static final int JWKS_READ_TIMEOUT_MS = 1_500;
    static final int JWKS_SIZE_LIMIT_BYTES = 64 * 1024;
    static final long JWKS_CACHE_TTL_MS = 15 * 60 * 1_000L;
    static final long JWKS_REFRESH_TIMEOUT_MS = 3_000L;

    /** Claims tried in order for the display name; {@code sub} when none is present. */
    static final List<String> NAME_CLAIMS = List.of("name", "preferred_username", "cognito:username", "username");

    private final JWSAlgorithm algorithm;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final String issuer;
    private final Set<String> audiences;
    private final TokenUse tokenUse;
    private final Duration maxTokenAge;
    private final Clock clock;

    /** Takes the issuer, audiences, token use and maximum age from {@code config}; its mode and keys are not read. */
    JwtAuthenticator(JWSAlgorithm algorithm, JWKSource<SecurityContext> keys, AuthConfig config, Clock clock) {
        this.algorithm = algorithm;
        this.issuer = config.issuer();
        this.audiences = config.audiences();
        this.tokenUse = config.tokenUse();
        this.maxTokenAge = config.maxTokenAge();
        this.clock = clock;
        this.processor = new DefaultJWTProcessor<>();
        // The selector offers keys only for this one algorithm: no "none", no HS256 signed with an RSA public key.
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm, keys));
        processor.setJWTClaimsSetVerifier(new TimeAndPresenceVerifier(clock));
    }

    static JwtAuthenticator hs256(AuthConfig config, Clock clock) {
        byte[] secret = config.secret().getBytes(StandardCharsets.UTF_8);
        return new JwtAuthenticator(JWSAlgorithm.HS256, new ImmutableSecret<>(secret), config, clock);
    }

    static JwtAuthenticator jwks(AuthConfig config, Clock clock) {
        URL url;
        try {
            url = config.jwksUrl().toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("JWKS_URL is not a valid URL: " + config.jwksUrl(), e);
        }
        JWKSource<SecurityContext> keys = JWKSourceBuilder
                .<SecurityContext>create(url, new DefaultResourceRetriever(
                        JWKS_CONNECT_TIMEOUT_MS, JWKS_READ_TIMEOUT_MS, JWKS_SIZE_LIMIT_BYTES))
                .cache(JWKS_CACHE_TTL_MS, JWKS_REFRESH_TIMEOUT_MS)
                .rateLimited(true)
                .build();
        return new JwtAuthenticator(JWSAlgorithm.RS256, keys, config, clock);
    }

    @Override
    public Identity authenticate(Map<String, String> queryStringParameters, Map<String, String> headers)
            throws AuthenticationException {
        String token = BearerToken.find(queryStringParameters, headers);
        if (token == null) {
            throw new AuthenticationException(Reason.MISSING_TOKEN);
        }
        SignedJWT jwt = parse(token);
        JWTClaimsSet claims = verify(jwt);
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new AuthenticationException(Reason.INVALID_CLAIMS);
        }
        checkIssuer(claims);
        checkTokenUse(claims);
        checkAudience(claims);
        checkIssuedAt(claims);
        return Identity.authenticated(subject, displayName(claims, subject));
    }

    private SignedJWT parse(String token) throws AuthenticationException {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new AuthenticationException(Reason.MALFORMED_TOKEN);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
            jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AuthenticationException(Reason.MALFORMED_TOKEN);
        } catch (RuntimeException e) {
            // The parser reads attacker-chosen bytes and does not always fail with ParseException
            // (a header of JSON null gives a NullPointerException in nimbus 10.10). Such a token is
            // malformed, not a server error.
            throw new AuthenticationException(Reason.MALFORMED_TOKEN);
        }
        if (jwt instanceof PlainJWT) {
            throw new AuthenticationException(Reason.ALGORITHM_NOT_ACCEPTED);
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new AuthenticationException(Reason.MALFORMED_TOKEN);
        }
        // Redundant with the key selector, and meant to be: the pin must not hinge on one check.
        if (!algorithm.equals(signed.getHeader().getAlgorithm())) {
            throw new AuthenticationException(Reason.ALGORITHM_NOT_ACCEPTED);
        }
        return signed;
    }

    private JWTClaimsSet verify(SignedJWT jwt) throws AuthenticationException {
        try {
            // Signature first, then the claims verifier: an unsigned claim never decides the outcome.
            return processor.process(jwt, null);
        } catch (BadJOSEException | JOSEException e) {
            throw new AuthenticationException(reasonFor(e));
        }
    }

    /**
     * Why the processor refused a token: its claims, the key set being out of reach, or else its signature (a bad
     * one, no key for this algorithm and key id, or a header the processor refuses).
     */
    private static Reason reasonFor(Exception refusal) {
        if (refusal instanceof ExpiredJWTException) {
            return Reason.EXPIRED;
        }
        if (refusal instanceof BadJWTException) {
            return Reason.INVALID_CLAIMS;
        }
        // An unknown key id right after a refresh hits the rate limit: the key set is reachable, the key is not
        // in it.
        if (refusal instanceof KeySourceException && !(refusal instanceof RateLimitReachedException)) {
            return Reason.KEYS_UNAVAILABLE;
        }
        return Reason.INVALID_SIGNATURE;
    }

    private void checkIssuer(JWTClaimsSet claims) throws AuthenticationException {
        if (issuer != null && !issuer.equals(claims.getIssuer())) {
            throw new AuthenticationException(Reason.WRONG_ISSUER);
        }
    }

    /**
     * Cognito marks each token {@code token_use: id} or {@code access}; one of the other kind is refused. Other
     * identity providers send no such claim, and their tokens are told apart by the audience alone.
     */
    private void checkTokenUse(JWTClaimsSet claims) throws AuthenticationException {
        Object value = claims.getClaim("token_use");
        if (value != null && !tokenUse.claim().equals(value)) {
            throw new AuthenticationException(Reason.WRONG_TOKEN_USE);
        }
    }

    private void checkAudience(JWTClaimsSet claims) throws AuthenticationException {
        if (audiences.isEmpty()) {
            return;
        }
        List<String> aud = claims.getAudience();
        boolean accepted;
        if (!aud.isEmpty()) {
            accepted = aud.stream().anyMatch(audiences::contains);
        } else if (tokenUse == TokenUse.ACCESS) {
            // Cognito access tokens name the app client in client_id and carry no aud. An ID token always
            // has aud, so client_id never stands in for it.
            String clientId = stringClaim(claims, "client_id");
            accepted = clientId != null && audiences.contains(clientId);
        } else {
            accepted = false;
        }
        if (!accepted) {
            throw new AuthenticationException(Reason.WRONG_AUDIENCE);
        }
    }

    /** {@code iat} must not lie in the future; with a maximum age, it is required and bounds the token's age. */
    private void checkIssuedAt(JWTClaimsSet claims) throws AuthenticationException {
        Date issued = claims.getIssueTime();
        if (issued == null) {
            if (maxTokenAge != null) {
                throw new AuthenticationException(Reason.INVALID_CLAIMS);
            }
            return;
        }
        Instant now = clock.instant();
        Instant issuedAt = issued.toInstant();
        if (issuedAt.isAfter(now.plusSeconds(MAX_CLOCK_SKEW_SECONDS))) {
            throw new AuthenticationException(Reason.INVALID_CLAIMS);
        }
        if (maxTokenAge != null && issuedAt.plus(maxTokenAge).plusSeconds(MAX_CLOCK_SKEW_SECONDS).isBefore(now)) {
            throw new AuthenticationException(Reason.TOO_OLD);
        }
    }

    private static String displayName(JWTClaimsSet claims, String subject) {
        for (String claim : NAME_CLAIMS) {
            String value = stringClaim(claims, claim);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return subject;
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            return null;
        }
    }

    /** Requires {@code exp} and {@code sub}; checks {@code exp} and {@code nbf} with a small skew against a clock. */
    private static final class TimeAndPresenceVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

        private final Clock clock;

        TimeAndPresenceVerifier(Clock clock) {
            super(null, null, Set.of("exp", "sub"), null);
            this.clock = clock;
            setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }
    }
}
