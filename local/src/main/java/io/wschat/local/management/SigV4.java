package io.wschat.local.management;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 ...}) on management API requests, as API
 * Gateway does for IAM-authorised calls, with AWS's error types and wording. The secret for an access key id comes
 * from the stack; with {@code acceptAnyKey} any well-formed signature passes (tools that sign with their own keys).
 */
final class SigV4 {

    /** Why a request is refused: the HTTP status, the {@code x-amzn-ErrorType} and the {@code message}. */
    record Refusal(int status, String type, String message) {
    }

    /** The parts of an {@code Authorization} header. */
    record Authorization(String accessKeyId, String scopeDate, String region, String service,
            List<String> signedHeaders, String signature) {

        String scope() {
            return scopeDate + "/" + region + "/" + service + "/aws4_request";
        }
    }

    /** What the signature covers, as it arrived: raw path and query, headers by lower-case name, the body. */
    record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
            byte[] body) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String SERVICE = "execute-api";
    static final Refusal MISSING = new Refusal(403, "MissingAuthenticationTokenException",
            "Missing Authentication Token");
    static final Refusal MISMATCH = new Refusal(403, "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret "
                    + "Access Key and signing method. Consult the service documentation for details.");
    static final Refusal UNKNOWN_KEY = new Refusal(403, "UnrecognizedClientException",
            "The security token included in the request is invalid.");
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Function<String, Optional<String>> secretKeys;
    private final boolean acceptAnyKey;

    /**
     * @param secretKeys   the secret access key for an access key id the stack knows
     * @param acceptAnyKey whether a well-formed signature passes whatever key made it
     */
    SigV4(Function<String, Optional<String>> secretKeys, boolean acceptAnyKey) {
        this.secretKeys = secretKeys;
        this.acceptAnyKey = acceptAnyKey;
    }

    /** Whether the query string carries a presigned URL's signature, which the management API does not take. */
    static boolean isPresigned(String rawQuery) {
        if (rawQuery == null) {
            return false;
        }
        for (String pair : rawQuery.split("&")) {
            String name = decode(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair)
                    .toLowerCase(Locale.ROOT);
            if (name.equals("x-amz-signature") || name.equals("x-amz-credential")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads an {@code Authorization} header; a header that is not a complete SigV4 one is refused with AWS's
     * {@code IncompleteSignatureException} message listing what it lacks.
     */
    static Authorization parse(String header, boolean hasDate) throws RefusedException {
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        boolean algorithm = header.startsWith(ALGORITHM + " ");
        if (algorithm) {
            for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
                String trimmed = part.trim();
                int equals = trimmed.indexOf('=');
                if (equals <= 0) {
                    throw new RefusedException(new Refusal(403, "IncompleteSignatureException", "'" + trimmed
                            + "' not a valid key=value pair (missing equal-sign) in Authorization header: '" + header
                            + "'."));
                }
                String value = trimmed.substring(equals + 1);
                switch (trimmed.substring(0, equals)) {
                    case "Credential" -> credential = value;
                    case "SignedHeaders" -> signedHeaders = value;
                    case "Signature" -> signature = value;
                    default -> {
                        // other parameters are ignored, as AWS does
                    }
                }
            }
        }
        StringBuilder missing = new StringBuilder();
        if (credential == null || credential.isEmpty()) {
            missing.append("Authorization header requires 'Credential' parameter. ");
        }
        if (signature == null || signature.isEmpty()) {
            missing.append("Authorization header requires 'Signature' parameter. ");
        }
        if (signedHeaders == null || signedHeaders.isEmpty()) {
            missing.append("Authorization header requires 'SignedHeaders' parameter. ");
        }
        if (!hasDate) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (!missing.isEmpty()) {
            throw new RefusedException(new Refusal(403, "IncompleteSignatureException",
                    missing + "Authorization=" + header));
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty() || !scope[4].equals("aws4_request")) {
            throw new RefusedException(new Refusal(403, "IncompleteSignatureException", "Credential should be "
                    + "scoped to a valid region, not '" + (scope.length > 2 ? scope[2] : "") + "'. "));
        }
        if (!scope[3].equals(SERVICE)) {
            throw new RefusedException(new Refusal(403, "InvalidSignatureException",
                    "Credential should be scoped to correct service: '" + SERVICE + "'. "));
        }
        List<String> names = Arrays.asList(signedHeaders.toLowerCase(Locale.ROOT).split(";"));
        if (!names.contains("host")) {
            throw new RefusedException(new Refusal(403, "IncompleteSignatureException",
                    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
        }
        return new Authorization(scope[0], scope[1], scope[2], scope[3], names, signature);
    }

    /** Checks the signature of a request whose header {@link #parse} accepted; empty when it holds. */
    Optional<Refusal> verify(Authorization authorization, SignedRequest request, Instant now) {
        if (acceptAnyKey) {
            return Optional.empty();
        }
        Optional<String> secret = secretKeys.apply(authorization.accessKeyId());
        if (secret.isEmpty()) {
            return Optional.of(UNKNOWN_KEY);
        }
        String amzDate = amzDate(request);
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            return Optional.of(new Refusal(403, "IncompleteSignatureException",
                    "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. See "
                            + "http://en.wikipedia.org/wiki/ISO_8601"));
        }
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            return Optional.of(new Refusal(403, "InvalidSignatureException", "Signature expired: " + amzDate
                    + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " - 5 min.)"));
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            return Optional.of(new Refusal(403, "InvalidSignatureException", "Signature not yet current: " + amzDate
                    + " is still later than " + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " + 5 min.)"));
        }
        String declared = request.header("x-amz-content-sha256");
        if (declared != null && !declared.equals("UNSIGNED-PAYLOAD")
                && !declared.equalsIgnoreCase(HEX.formatHex(sha256(request.body())))) {
            return Optional.of(MISMATCH);
        }
        String expected = signature(secret.get(), authorization, request, amzDate);
        boolean matches = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                authorization.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        return matches ? Optional.empty() : Optional.of(MISMATCH);
    }

    static String signature(String secret, Authorization authorization, SignedRequest request, String amzDate) {
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + authorization.scope() + "\n"
                + HEX.formatHex(sha256(canonicalRequest(authorization, request).getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), authorization.scopeDate());
        key = hmac(key, authorization.region());
        key = hmac(key, authorization.service());
        key = hmac(key, "aws4_request");
        return HEX.formatHex(hmac(key, stringToSign));
    }

    static String canonicalRequest(Authorization authorization, SignedRequest request) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(request.method()).append('\n');
        canonical.append(encode(request.rawPath().isEmpty() ? "/" : request.rawPath(), false)).append('\n');
        canonical.append(canonicalQuery(request.rawQuery())).append('\n');
        for (String name : authorization.signedHeaders()) {
            List<String> values = request.headers().getOrDefault(name, List.of());
            List<String> trimmed = new ArrayList<>();
            for (String value : values) {
                trimmed.add(WHITESPACE.matcher(value.trim()).replaceAll(" "));
            }
            canonical.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        canonical.append('\n').append(String.join(";", authorization.signedHeaders())).append('\n');
        String declared = request.header("x-amz-content-sha256");
        canonical.append(declared != null ? declared : HEX.formatHex(sha256(request.body())));
        return canonical.toString();
    }

    private static String amzDate(SignedRequest request) {
        String amzDate = request.header("x-amz-date");
        if (amzDate != null) {
            return amzDate;
        }
        try {
            return AMZ_DATE.format(ZonedDateTime.parse(request.header("date"), DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException | NullPointerException e) {
            return String.valueOf(request.header("date"));
        }
    }

    /** The query's parameters, each name and value decoded and then AWS-encoded, sorted by name and then by value. */
    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null) {
            return "";
        }
        return Arrays.stream(rawQuery.split("&"))
                .filter(pair -> !pair.isEmpty())
                .map(SigV4::encodedParameter)
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                .map(parameter -> parameter.getKey() + "=" + parameter.getValue())
                .collect(Collectors.joining("&"));
    }

    private static Map.Entry<String, String> encodedParameter(String pair) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        return Map.entry(encode(decode(name), true), encode(decode(value), true));
    }

    /** AWS's URI encoding: every byte but the unreserved characters as %XX, {@code /} kept in paths. */
    static String encode(String text, boolean encodeSlash) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request refused before its signature could be checked. */
    static final class RefusedException extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient Refusal refusal;

        RefusedException(Refusal refusal) {
            super(refusal.message());
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }
}
