package io.wschat.shared;

import java.util.Objects;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Lets the SDK's URLConnection client send each request body with its length instead of streaming it, so that the
 * JDK does not probe a reused connection before every {@code POST}.
 *
 * <p>The URLConnection client puts {@code HttpURLConnection} in fixed-length streaming mode whenever a request has a
 * {@code Content-Length}, which every AWS JSON and query call has. The JDK cannot resend a streamed {@code POST}, so
 * before it sends one on a kept-alive connection it reads that connection with a 1 ms timeout to see whether the
 * server has closed it ({@code sun.net.www.http.HttpClient.available()}): every DynamoDB, SNS and management API call
 * waited that millisecond (docs/PERFORMANCE.md, finding 17). Without the header the JDK buffers the body (these are
 * small JSON documents), sends it with a {@code Content-Length} it computes from the same bytes, and skips the probe.
 * The header is one the JDK never lets a caller set anyway, so the request on the wire, and its SigV4 signature, are
 * the same.
 *
 * <p>A buffered {@code POST} is one the JDK would resend by itself, once, when a reused connection fails before the
 * answer, even if the server had acted on it: a second copy of a chat frame, a second write. So this applies only
 * where the JVM runs with {@code -Dsun.net.http.retryPost=false} (template.yaml's {@code JAVA_TOOL_OPTIONS},
 * {@code ./run-local}, the build's test JVMs); anywhere else {@link #around} returns the client unchanged. With the
 * resend off, a call on a connection the server closed while it sat idle fails instead, and is retried as any I/O
 * failure is: by the SDK's retry strategy on the data clients, not at all on the management client
 * ({@link Broadcaster} counts that recipient as failed, as for any failure that may have reached the client).
 * Requests with {@code Expect} or {@code Transfer-Encoding} keep the client's own handling.
 */
public final class BufferedBodyHttpClient implements SdkHttpClient {

    /** The JDK's switch for resending a failed {@code POST}; read once, when its HTTP client class loads. */
    static final String RETRY_POST_PROPERTY = "sun.net.http.retryPost";

    private final SdkHttpClient delegate;

    private BufferedBodyHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /**
     * {@code client} (the SDK's URLConnection client) made to buffer request bodies if this JVM would not resend
     * them, else {@code client}; closing the result closes {@code client}.
     */
    public static SdkHttpClient around(SdkHttpClient client) {
        return around(client, System.getProperty(RETRY_POST_PROPERTY));
    }

    /** Whether this JVM runs with {@code -Dsun.net.http.retryPost=false}, so that {@link #around} buffers. */
    public static boolean appliesInThisJvm() {
        return applies(System.getProperty(RETRY_POST_PROPERTY));
    }

    /** {@code client} made to buffer request bodies if {@value #RETRY_POST_PROPERTY} is {@code retryPost}. */
    static SdkHttpClient around(SdkHttpClient client, String retryPost) {
        Objects.requireNonNull(client, "client");
        return applies(retryPost) ? new BufferedBodyHttpClient(client) : client;
    }

    private static boolean applies(String retryPost) {
        return "false".equalsIgnoreCase(retryPost);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        SdkHttpRequest http = request.httpRequest();
        if (http.firstMatchingHeader("Content-Length").isEmpty() || http.firstMatchingHeader("Expect").isPresent()
                || http.firstMatchingHeader("Transfer-Encoding").isPresent()) {
            return delegate.prepareRequest(request);
        }
        return delegate.prepareRequest(HttpExecuteRequest.builder()
                .request(http.toBuilder().removeHeader("Content-Length").build())
                .contentStreamProvider(request.contentStreamProvider().orElse(null))
                .metricCollector(request.metricCollector().orElse(null))
                .build());
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
