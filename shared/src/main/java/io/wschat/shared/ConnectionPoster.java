package io.wschat.shared;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * API Gateway's {@code PostToConnection} on one management endpoint: {@code POST {endpoint}/@connections/{id}},
 * signed with the SDK's own SigV4 signer ({@code execute-api}, the function's region and credentials) and sent on
 * the SDK HTTP client it is given.
 *
 * <p>This is the request the SDK's generated {@code ApiGatewayManagementApiClient} sends (the same path, body,
 * {@code Content-Type} and signed headers), without that client's per-call request pipeline: marshalling through a
 * JSON generator, endpoint rules, auth scheme and identity resolution, interceptors, attempt timers and metrics. A
 * broadcast posts once per member, and on this path the pipeline cost as much CPU as the HTTP exchange itself
 * (docs/PERFORMANCE.md, finding 18). What the pipeline did that matters is kept or owned elsewhere: the signature is
 * the SDK's; retries of 429 and 5xx are {@link Broadcaster}'s (the generated client was built not to retry); each
 * attempt is bounded by the HTTP client's connect and socket timeouts ({@code POST_TIMEOUT_MS}); an answer is read
 * as the SDK reads it, status first, then {@code x-amzn-ErrorType} and the JSON {@code message}.
 */
public final class ConnectionPoster {

    private static final String SERVICE = "execute-api";
    private static final String USER_AGENT = "wschat-broadcaster";
    private static final int MAX_ERROR_BODY_BYTES = 4096;
    /**
     * The error codes the SDK counts as throttling whatever the status ({@code AwsServiceException
     * .isThrottlingException}); API Gateway answers its own throttling with 429 {@code LimitExceededException}.
     */
    private static final Set<String> THROTTLING_ERRORS = Set.of("Throttling", "ThrottlingException",
            "ThrottledException", "ProvisionedThroughputExceededException", "SlowDown", "TooManyRequestsException",
            "RequestLimitExceeded", "BandwidthLimitExceeded", "RequestThrottled", "RequestThrottledException",
            "EC2ThrottledException");

    private final String connectionsPath;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param endpoint    the management endpoint, {@code https://{domain}/{stage}} or a custom domain's base path
     * @param region      the region the signature is scoped to
     * @param credentials resolved on every post, so that rotated credentials are used as soon as they are issued
     * @param http        the HTTP client; its timeouts bound each post
     */
    public ConnectionPoster(URI endpoint, String region, AwsCredentialsProvider credentials, SdkHttpClient http) {
        String base = Objects.requireNonNull(endpoint, "endpoint").toString();
        this.connectionsPath = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/@connections/";
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.http = Objects.requireNonNull(http, "http");
    }

    /**
     * Posts {@code data} to one connection and returns API Gateway's answer, whatever its status.
     *
     * @throws IOException when no answer came: the connection could not be made, was reset, or timed out
     */
    public Answer post(String connectionId, byte[] data) throws IOException {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create(connectionsPath + SdkHttpUtils.urlEncode(connectionId)))
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(data.length))
                .putHeader("User-Agent", USER_AGENT)
                .build();
        ContentStreamProvider body = ContentStreamProvider.fromByteArrayUnsafe(data);
        SignedRequest signed = signer.sign(sign -> sign
                .identity(credentials.resolveCredentials())
                .request(request)
                .payload(body)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(body))
                .build()).call();
        int status = response.httpResponse().statusCode();
        try (InputStream answer = response.responseBody().orElse(null)) {
            if (status / 100 == 2) {
                if (answer != null) {
                    // read to the end, so that the connection goes back to the pool for the next post
                    answer.transferTo(OutputStream.nullOutputStream());
                }
                return new Answer(status, null, null);
            }
            String errorType = response.httpResponse().firstMatchingHeader("x-amzn-ErrorType")
                    .map(ConnectionPoster::errorCode).orElse(null);
            return new Answer(status, errorType, answer == null ? null : message(answer));
        }
    }

    /** {@code x-amzn-ErrorType} may carry a namespace after a colon ({@code GoneException:http://...}). */
    private static String errorCode(String header) {
        int colon = header.indexOf(':');
        return (colon < 0 ? header : header.substring(0, colon)).strip();
    }

    /** The {@code message} of an error body, or its text when it is not the JSON API Gateway sends. */
    private static String message(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_ERROR_BODY_BYTES);
        body.transferTo(OutputStream.nullOutputStream());
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            JsonElement json = JsonParser.parseString(text);
            if (json.isJsonObject()) {
                JsonElement message = json.getAsJsonObject().get("message");
                if (message == null) {
                    message = json.getAsJsonObject().get("Message");
                }
                return message == null || message.isJsonNull() ? null : message.getAsString();
            }
        } catch (JsonParseException | UnsupportedOperationException | IllegalStateException e) {
            // not JSON: the text itself says more than nothing
        }
        return text.isBlank() ? null : text;
    }

    /**
     * API Gateway's answer to one post.
     *
     * @param statusCode the HTTP status
     * @param errorType  the error's code from {@code x-amzn-ErrorType} ({@code GoneException},
     *                   {@code LimitExceededException}, ...), or null
     * @param message    the error body's {@code message}, or null
     */
    public record Answer(int statusCode, String errorType, String message) {

        public boolean delivered() {
            return statusCode / 100 == 2;
        }

        /** 410: the connection is not open (it closed, or its {@code $connect} has not finished). */
        public boolean gone() {
            return statusCode == 410;
        }

        /** A 429, or an error code the SDK counts as throttling. */
        public boolean throttled() {
            return statusCode == 429 || (errorType != null && THROTTLING_ERRORS.contains(errorType));
        }

        /** Worth another attempt: throttled, or a server error. */
        public boolean retryable() {
            return throttled() || statusCode >= 500;
        }

        /** How the answer reads in a log line: the status, the error code and the message, where present. */
        public String describe() {
            StringBuilder text = new StringBuilder().append(statusCode);
            Optional.ofNullable(errorType).ifPresent(type -> text.append(' ').append(type));
            Optional.ofNullable(message).ifPresent(m -> text.append(": ").append(m));
            return text.toString();
        }
    }
}
