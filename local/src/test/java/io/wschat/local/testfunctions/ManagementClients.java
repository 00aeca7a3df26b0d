package io.wschat.local.testfunctions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
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
 * The real management API client, pointed where API Gateway's events say the API lives
 * ({@code domainName}/{@code stage}; plain http, as the local domain name is localhost:port).
 */
final class ManagementClients {

    private static final Map<String, ApiGatewayManagementApiClient> CLIENTS = new ConcurrentHashMap<>();

    private ManagementClients() {
    }

    /** A client signing with the instance's own keys, from its environment, as the real functions do. */
    static ApiGatewayManagementApiClient forEvent(APIGatewayV2WebSocketEvent event, Map<String, String> environment) {
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

    /** Posts {@code data} to the connection and returns the status: 200, or 410 when it is gone. */
    static int post(ApiGatewayManagementApiClient client, String connectionId, String data) {
        try {
            client.postToConnection(post -> post.connectionId(connectionId).data(SdkBytes.fromUtf8String(data)));
            return 200;
        } catch (GoneException e) {
            return e.statusCode();
        }
    }
}
