package io.wschat.dynamodb.conformance;

import io.wschat.dynamodb.DynamoDbEngine;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB the conformance suite runs against.
 *
 * <p>With the system property {@code dynamodb.endpoint} set, a client for that endpoint with the default credential
 * chain and the region of {@code aws.region} (else us-east-1). Without it, one {@link DynamoDbEngine} per JVM, in
 * memory on a free port, with a short TTL sweep interval, and a client with any static credentials.
 */
public final class DynamoDbTarget implements BeforeAllCallback, ParameterResolver {

    /** How often the local engine sweeps expired items. */
    static final Duration TTL_SWEEP_INTERVAL = Duration.ofMillis(200);

    private static final Object LOCK = new Object();
    private static URI endpoint;
    private static boolean local;
    private static DynamoDbClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        client();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == DynamoDbClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return client();
    }

    /** The client every test uses; starts the local engine the first time when no endpoint is given. */
    public static DynamoDbClient client() {
        synchronized (LOCK) {
            if (client == null) {
                client = connect();
            }
            return client;
        }
    }

    /** The endpoint the suite talks to. */
    public static URI endpoint() {
        client();
        return endpoint;
    }

    /** Whether the target is the engine this JVM started (and not, say, a real AWS table). */
    public static boolean isLocalEngine() {
        client();
        return local;
    }

    private static DynamoDbClient connect() {
        String given = System.getProperty("dynamodb.endpoint", "").trim();
        // An unset property handed through by failsafe arrives as the unresolved "${dynamodb.endpoint}".
        if (given.isEmpty() || given.startsWith("${")) {
            DynamoDbEngine engine = DynamoDbEngine.builder().port(0).ttlSweepInterval(TTL_SWEEP_INTERVAL).start();
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "dynamodb-engine-stop"));
            endpoint = engine.endpoint();
            local = true;
            return builder()
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("conformance", "conformance")))
                    .build();
        }
        endpoint = URI.create(given);
        local = false;
        String region = System.getProperty("aws.region", "").trim();
        if (region.isEmpty() || region.startsWith("${")) {
            region = "us-east-1";
        }
        return builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build();
    }

    private static DynamoDbClientBuilder builder() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60))
                        .build())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(90)));
    }
}
