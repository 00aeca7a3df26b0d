package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/** What the functions' poster sends, set beside what the SDK's generated client sends, and how it reads answers. */
class ConnectionPosterTest {

    private static final URI ENDPOINT = URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/prod");
    private static final String CONNECTION_ID = "Ab+c/d=";
    private static final String FRAME = "{\"type\":\"message\",\"data\":\"h\u00e9llo\"}";
    private static final AwsCredentialsProvider SESSION = StaticCredentialsProvider.create(
            AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "session-token"));

    private final Recording http = new Recording();

    @AfterEach
    void close() {
        http.close();
    }

    @Test
    void post_sendsTheRequestOfTheGeneratedClient_signedOverTheSameHeaders_butTheSdksOwn() throws IOException {
        try (ApiGatewayManagementApiClient generated = ApiGatewayManagementApiClient.builder()
                .httpClient(http)
                .region(Region.EU_WEST_1)
                .credentialsProvider(SESSION)
                .endpointOverride(ENDPOINT)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            generated.postToConnection(b -> b.connectionId(CONNECTION_ID).data(SdkBytes.fromUtf8String(FRAME)));
        }
        new ConnectionPoster(ENDPOINT, "eu-west-1", SESSION, http).post(CONNECTION_ID,
                FRAME.getBytes(StandardCharsets.UTF_8));

        Sent sdk = http.sent.get(0);
        Sent ours = http.sent.get(1);
        assertThat(ours.request().method()).isEqualTo(sdk.request().method());
        assertThat(ours.request().getUri()).isEqualTo(sdk.request().getUri());
        assertThat(ours.request().encodedPath()).isEqualTo("/prod/@connections/Ab%2Bc%2Fd%3D");
        assertThat(ours.body()).isEqualTo(sdk.body()).isEqualTo(FRAME.getBytes(StandardCharsets.UTF_8));
        for (String header : List.of("Content-Type", "Content-Length", "x-amz-content-sha256",
                "X-Amz-Security-Token")) {
            assertThat(ours.header(header)).as(header).isNotNull().isEqualTo(sdk.header(header));
        }
        assertThat(ours.authorization("Credential")).isEqualTo(sdk.authorization("Credential"))
                .endsWith("/eu-west-1/execute-api/aws4_request");
        List<String> sdkSigned = Arrays.stream(sdk.authorization("SignedHeaders").split(";"))
                .filter(name -> !name.startsWith("amz-sdk-")).toList();
        assertThat(ours.authorization("SignedHeaders").split(";")).containsExactlyElementsOf(sdkSigned);
    }

    @Test
    void post_signsEachPostWithTheCredentialsOfTheMoment() throws IOException {
        AtomicInteger rotation = new AtomicInteger();
        AwsCredentialsProvider rotating = () -> AwsBasicCredentials.create("KEY" + rotation.incrementAndGet(), "s");
        ConnectionPoster poster = new ConnectionPoster(ENDPOINT, "eu-west-1", rotating, http);

        poster.post(CONNECTION_ID, new byte[] {'x'});
        poster.post(CONNECTION_ID, new byte[] {'y'});

        assertThat(http.sent).extracting(sent -> sent.authorization("Credential").split("/")[0])
                .containsExactly("KEY1", "KEY2");
        assertThat(http.sent.get(0).header("X-Amz-Security-Token")).isNull();
    }

    @Test
    void post_toAnEndpointEndingInASlash_usesTheSamePath() throws IOException {
        new ConnectionPoster(URI.create(ENDPOINT + "/"), "eu-west-1", SESSION, http).post("a=", new byte[] {'x'});

        assertThat(http.sent.get(0).request().encodedPath()).isEqualTo("/prod/@connections/a%3D");
    }

    @Test
    void answer_ofA200_isDelivered_andItsBodyIsReadToTheEnd() throws IOException {
        http.answer(200, null, "{}");

        ConnectionPoster.Answer answer = poster().post(CONNECTION_ID, new byte[] {'x'});

        assertThat(answer.delivered()).isTrue();
        assertThat(answer.gone()).isFalse();
        assertThat(answer.retryable()).isFalse();
        assertThat(http.unreadBodies()).as("the connection can go back to the pool").isZero();
    }

    @Test
    void answer_ofA410_isGone_withTheErrorCodeWithoutItsNamespace() throws IOException {
        http.answer(410, "GoneException:http://internal.amazon.com/coral/com.amazonaws.apigateway/",
                "{\"message\":null}");

        ConnectionPoster.Answer answer = poster().post(CONNECTION_ID, new byte[] {'x'});

        assertThat(answer.gone()).isTrue();
        assertThat(answer.delivered()).isFalse();
        assertThat(answer.retryable()).isFalse();
        assertThat(answer.errorType()).isEqualTo("GoneException");
        assertThat(answer.message()).isNull();
        assertThat(answer.describe()).isEqualTo("410 GoneException");
    }

    @Test
    void answer_ofA429_isThrottled_andRetryable() throws IOException {
        http.answer(429, "LimitExceededException", "{\"message\":\"Rate exceeded\"}");

        ConnectionPoster.Answer answer = poster().post(CONNECTION_ID, new byte[] {'x'});

        assertThat(answer.throttled()).isTrue();
        assertThat(answer.retryable()).isTrue();
        assertThat(answer.describe()).isEqualTo("429 LimitExceededException: Rate exceeded");
    }

    @Test
    void answer_withAThrottlingErrorCode_isThrottled_whateverItsStatus() throws IOException {
        http.answer(400, "ThrottlingException", "{\"message\":\"slow down\"}");

        assertThat(poster().post(CONNECTION_ID, new byte[] {'x'}).throttled()).isTrue();
    }

    @Test
    void answer_ofA5xx_isRetryable_butNotThrottled() throws IOException {
        http.answer(503, "ServiceUnavailableException", "{\"message\":\"try later\"}");

        ConnectionPoster.Answer answer = poster().post(CONNECTION_ID, new byte[] {'x'});

        assertThat(answer.retryable()).isTrue();
        assertThat(answer.throttled()).isFalse();
    }

    @Test
    void answer_ofAnotherClientError_isNeitherRetryableNorGone_andKeepsItsMessage() throws IOException {
        http.answer(403, "ForbiddenException", "{\"Message\":\"Forbidden\"}");

        ConnectionPoster.Answer answer = poster().post(CONNECTION_ID, new byte[] {'x'});

        assertThat(answer.retryable()).isFalse();
        assertThat(answer.gone()).isFalse();
        assertThat(answer.describe()).isEqualTo("403 ForbiddenException: Forbidden");
    }

    @Test
    void answer_whoseBodyIsNotJson_keepsTheBeginningOfItsText() throws IOException {
        http.answer(502, null, "<html>Bad Gateway</html>" + "x".repeat(10_000));

        ConnectionPoster.Answer answer = poster().post(CONNECTION_ID, new byte[] {'x'});

        assertThat(answer.errorType()).isNull();
        assertThat(answer.message()).startsWith("<html>Bad Gateway</html>").hasSize(4096);
        assertThat(http.unreadBodies()).isZero();
    }

    private ConnectionPoster poster() {
        return new ConnectionPoster(ENDPOINT, "eu-west-1", SESSION, http);
    }

    /** A request as it reached the HTTP client. */
    private record Sent(SdkHttpRequest request, byte[] body) {

        String header(String name) {
            return request.firstMatchingHeader(name).orElse(null);
        }

        /** One parameter of the SigV4 {@code Authorization} header. */
        String authorization(String parameter) {
            Map<String, String> parameters = Arrays.stream(header("Authorization")
                            .substring("AWS4-HMAC-SHA256 ".length()).split(","))
                    .map(String::strip)
                    .collect(Collectors.toMap(part -> part.substring(0, part.indexOf('=')),
                            part -> part.substring(part.indexOf('=') + 1)));
            return parameters.get(parameter);
        }
    }

    /** Records every request and answers each with the answer set last (200 and {@code {}} at first). */
    private static final class Recording implements SdkHttpClient {

        private final List<Sent> sent = new ArrayList<>();
        private final List<ByteArrayInputStream> bodies = new ArrayList<>();
        private int status = 200;
        private String errorType;
        private String body = "{}";

        void answer(int status, String errorType, String body) {
            this.status = status;
            this.errorType = errorType;
            this.body = body;
        }

        long unreadBodies() {
            return bodies.stream().filter(b -> b.available() > 0).count();
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    byte[] bytes;
                    try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
                        bytes = in.readAllBytes();
                    }
                    sent.add(new Sent(request.httpRequest(), bytes));
                    SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(status);
                    if (errorType != null) {
                        response.putHeader("x-amzn-ErrorType", errorType);
                    }
                    ByteArrayInputStream answer = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
                    bodies.add(answer);
                    return HttpExecuteResponse.builder().response(response.build())
                            .responseBody(AbortableInputStream.create(answer)).build();
                }

                @Override
                public void abort() {
                    throw new UncheckedIOException(new IOException("not expected"));
                }
            };
        }

        @Override
        public String clientName() {
            return "Recording";
        }

        @Override
        public void close() {
            // holds nothing
        }
    }
}
