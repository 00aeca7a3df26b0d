package io.wschat.shared;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The one factory of AWS SDK clients, all on the URLConnection HTTP client (sending request bodies whole where the
 * JVM allows it, {@link BufferedBodyHttpClient}), the configured region and credentials, with endpoint overrides only
 * where configured.
 *
 * <p>Clients are built once; management API posters ({@link ConnectionPoster}) once per callback endpoint, on an
 * HTTP client of their own whose socket timeout is {@code POST_TIMEOUT_MS}. A poster makes one attempt per call:
 * {@link Broadcaster} owns the retry budget. Closing this closes every client it built.
 */
public final class AwsClients implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DATA_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DATA_CALL_TIMEOUT = Duration.ofSeconds(6);

    private final ChatConfig config;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient dataHttp;
    private final SdkHttpClient managementHttp;
    private final DynamoDbClient dynamoDb;
    private final SnsClient sns;
    private final Map<URI, ConnectionPoster> posters = new ConcurrentHashMap<>();

    public AwsClients(ChatConfig config) {
        this(config, urlConnection(CONNECT_TIMEOUT, DATA_ATTEMPT_TIMEOUT), managementHttp(config));
    }

    /** The posters' client: no part of an attempt (connecting, then waiting for the answer) outlasts the budget. */
    private static SdkHttpClient managementHttp(ChatConfig config) {
        Duration attempt = Objects.requireNonNull(config, "config").postTimeout();
        return urlConnection(attempt.compareTo(CONNECT_TIMEOUT) < 0 ? attempt : CONNECT_TIMEOUT, attempt);
    }

    /** The URLConnection client, sending bodies whole where the JVM allows it ({@link BufferedBodyHttpClient}). */
    private static SdkHttpClient urlConnection(Duration connectTimeout, Duration socketTimeout) {
        return BufferedBodyHttpClient.around(UrlConnectionHttpClient.builder()
                .connectionTimeout(connectTimeout)
                .socketTimeout(socketTimeout)
                .build());
    }

    /**
     * Clients configured as in Lambda that send through the given HTTP clients (priming passes one that never
     * opens a socket); closing this closes them.
     */
    AwsClients(ChatConfig config, SdkHttpClient dataHttp, SdkHttpClient managementHttp) {
        this.config = Objects.requireNonNull(config, "config");
        this.credentials = credentials(config);
        this.dataHttp = Objects.requireNonNull(dataHttp, "dataHttp");
        this.managementHttp = Objects.requireNonNull(managementHttp, "managementHttp");
        ClientOverrideConfiguration dataTimeouts = ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(DATA_ATTEMPT_TIMEOUT)
                .apiCallTimeout(DATA_CALL_TIMEOUT)
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy())
                .build();
        this.dynamoDb = dataClient(DynamoDbClient.builder(), config.dynamoDbEndpoint().orElse(null), dataTimeouts);
        this.sns = dataClient(SnsClient.builder(), config.snsEndpoint().orElse(null), dataTimeouts);
    }

    /** A data-plane client on the data HTTP client; {@code endpoint} overrides the regional one unless null. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C dataClient(B builder, URI endpoint,
            ClientOverrideConfiguration timeouts) {
        builder.httpClient(dataHttp)
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(timeouts);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /**
     * A client of a service that one function alone calls, and only while it starts (connect reads its HS256 key
     * from Secrets Manager), so that the shared code need not depend on that service's SDK module: configured like
     * the data clients (region, credentials, timeouts, retries) on a URLConnection HTTP client of its own, which
     * closing the client closes.
     *
     * @param endpoint the endpoint override, or null for the service's regional endpoint
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C startupClient(B builder,
            ChatConfig config, URI endpoint) {
        Objects.requireNonNull(config, "config");
        builder.httpClientBuilder(serviceDefaults -> urlConnection(CONNECT_TIMEOUT, DATA_ATTEMPT_TIMEOUT))
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(DATA_ATTEMPT_TIMEOUT)
                        .apiCallTimeout(DATA_CALL_TIMEOUT)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy())
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SnsClient sns() {
        return sns;
    }

    /** The management API's {@code PostToConnection} for one callback endpoint, built on first use and kept. */
    public ConnectionPoster connectionPoster(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return posters.computeIfAbsent(endpoint,
                uri -> new ConnectionPoster(uri, config.region(), credentials, managementHttp));
    }

    /**
     * The management API endpoint for an event: {@code CALLBACK_URL} when configured (custom domains, the local
     * runtime), else {@code https://{domainName}/{stage}} from the event's request context.
     *
     * @throws ConfigurationException when neither is available
     */
    public static URI callbackEndpoint(ChatConfig config, APIGatewayV2WebSocketEvent.RequestContext context) {
        if (config.callbackUrl().isPresent()) {
            return config.callbackUrl().get();
        }
        String domainName = context == null ? null : context.getDomainName();
        String stage = context == null ? null : context.getStage();
        if (domainName == null || domainName.isBlank() || stage == null || stage.isBlank()) {
            throw new ConfigurationException(
                    "CALLBACK_URL is not set and the event has no requestContext.domainName and stage");
        }
        return URI.create("https://" + domainName + "/" + stage);
    }

    @Override
    public void close() {
        posters.clear();
        dynamoDb.close();
        sns.close();
        dataHttp.close();
        managementHttp.close();
    }

    private static AwsCredentialsProvider credentials(ChatConfig config) {
        return config.credentials()
                .<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(c.sessionToken()
                        .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                                token -> AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), token))
                        .orElseGet(() -> AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()))))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }
}
