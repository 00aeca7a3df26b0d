package io.wschat.local.testfunctions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * The real management API client, pointed where API Gateway's events say the API lives
 * ({@code domainName}/{@code stage}; plain http, as the local domain name is localhost:port).
 */
final class ManagementClients {

    private static final Map<String, ApiGatewayManagementApiClient> CLIENTS = new ConcurrentHashMap<>();

    private ManagementClients() {
    }

    static ApiGatewayManagementApiClient forEvent(APIGatewayV2WebSocketEvent event) {
        String endpoint = "http://" + event.getRequestContext().getDomainName() + "/"
                + event.getRequestContext().getStage();
        return CLIENTS.computeIfAbsent(endpoint, key -> ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(key))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build());
    }
}
