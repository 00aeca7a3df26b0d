package io.wschat.shared.testing;

import io.wschat.shared.ConnectionPoster;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An HTTP client for SDK clients (and the functions' {@link ConnectionPoster}) whose every request fails the way {@code UrlConnectionHttpClient} does when an
 * attempt is aborted in a JDK {@code HttpURLConnection} race (aws/aws-sdk-java-v2 pull request 2572): with a bare
 * {@code RuntimeException} wrapping a {@code NullPointerException}, not an {@code SdkException}. Nothing touches the
 * network. Registered as an extension ({@code @RegisterExtension}), it closes the SDK clients it built after each
 * test.
 */
public final class AbortedHttpClient implements SdkHttpClient, AfterEachCallback {

    /** Never contacted: the client fails before any connection. */
    private static final URI ENDPOINT = URI.create("http://127.0.0.1:9");

    private final RuntimeException failure = new RuntimeException(new NullPointerException(
            "Cannot invoke \"sun.net.www.http.HttpClient.getInputStream()\" because \"this.http\" is null"));
    private final AtomicInteger requests = new AtomicInteger();
    private final List<SdkAutoCloseable> built = new ArrayList<>();

    /** The exception every request throws. */
    public RuntimeException failure() {
        return failure;
    }

    /** How many requests the SDK tried to send. */
    public int requests() {
        return requests.get();
    }

    /** A DynamoDB client sending through this HTTP client. */
    public DynamoDbClient dynamoDb() {
        return kept(throughThis(DynamoDbClient.builder()).build());
    }

    /** The functions' management API poster sending through this HTTP client. */
    public ConnectionPoster connectionPoster() {
        return new ConnectionPoster(ENDPOINT, DynamoDbExtension.REGION, credentials(), this);
    }

    /** An SNS client sending through this HTTP client. */
    public SnsClient sns() {
        return kept(throughThis(SnsClient.builder()).build());
    }

    private <C extends SdkAutoCloseable> C kept(C client) {
        built.add(client);
        return client;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        built.forEach(SdkAutoCloseable::close);
        built.clear();
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B throughThis(B builder) {
        return builder.httpClient(this)
                .endpointOverride(ENDPOINT)
                .region(Region.of(DynamoDbExtension.REGION))
                .credentialsProvider(credentials());
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                requests.incrementAndGet();
                throw failure;
            }

            @Override
            public void abort() {
                // nothing is in flight
            }
        };
    }

    @Override
    public String clientName() {
        return "AbortedHttpClient";
    }

    @Override
    public void close() {
        // holds nothing
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                DynamoDbExtension.ACCESS_KEY_ID, DynamoDbExtension.SECRET_ACCESS_KEY));
    }
}
