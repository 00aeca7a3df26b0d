package io.wschat.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.wschat.shared.Dependencies;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * A test function that records every event and posts through the real management API client, pointed where API
 * Gateway's events say the API lives ({@code domainName}/{@code stage}; plain http, as the local domain name is
 * localhost:port). Public, as the local runtime finds {@code handleRequest} by reflection.
 */
public abstract class PostingFunction
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    private static final Map<String, ApiGatewayManagementApiClient> CLIENTS = new ConcurrentHashMap<>();

    private final Map<String, String> environment;

    PostingFunction(Dependencies dependencies) {
        this.environment = dependencies.environment();
    }

    @Override
    public final APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        RecordedEvents.record(event);
        return handle(event, event.getRequestContext().getConnectionId());
    }

    /** Handles the event, already recorded, of the connection {@code connectionId}. */
    abstract APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event, String connectionId);

    /**
     * Posts {@code data} to the connection with a client signing with the instance's own keys, from its environment,
     * as the real functions do; returns the status: 200, or 410 when it is gone.
     */
    int post(APIGatewayV2WebSocketEvent event, String connectionId, String data) {
        try {
            client(event).postToConnection(post -> post.connectionId(connectionId)
                    .data(SdkBytes.fromUtf8String(data)));
            return 200;
        } catch (GoneException e) {
            return e.statusCode();
        }
    }

    private ApiGatewayManagementApiClient client(APIGatewayV2WebSocketEvent event) {
        String endpoint = "http://" + event.getRequestContext().getDomainName() + "/"
                + event.getRequestContext().getStage();
        String keyId = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        return CLIENTS.computeIfAbsent(endpoint + " " + keyId, key -> ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build());
    }
}
