package io.wschat.local.gateway;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/** Ids and timestamps in API Gateway's formats: {@code BFaT_fALIAMCKug=} ids, {@code 11/Nov/2024:13:45:46 +0000} times. */
final class GatewayIds {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder();
    /** Connection ids are the only thing a management API call names: they must not be guessable. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private GatewayIds() {
    }

    /** 11 random bytes, URL-safe base64 with its one padding character, like API Gateway's connection ids. */
    static String newId() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return ID_ENCODER.encodeToString(bytes);
    }

    /** Where {@link #newId()} draws its bytes. */
    static RandomGenerator idSource() {
        return RANDOM;
    }

    static String traceId(Instant now) {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "Root=1-" + Long.toHexString(now.getEpochSecond()) + "-" + HexFormat.of().formatHex(bytes);
    }

    static String requestTime(Instant time) {
        return REQUEST_TIME.format(time);
    }
}
