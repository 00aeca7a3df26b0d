package io.wschat.connect.auth;

import io.wschat.shared.AwsClients;
import io.wschat.shared.ChatConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads a secret's string from AWS Secrets Manager with a client built through {@link AwsClients}, closed again
 * after the one read: the connect function reads its HS256 key once, while it starts (so before a SnapStart
 * snapshot), and keeps it in memory.
 *
 * <p>{@code SECRETSMANAGER_ENDPOINT} overrides the endpoint, as {@code DYNAMODB_ENDPOINT} does for DynamoDB.
 */
public final class SecretsManagerSecrets implements SecretReader {

    static final String ENDPOINT_VARIABLE = "SECRETSMANAGER_ENDPOINT";

    private final ChatConfig config;
    private final URI endpoint;

    private SecretsManagerSecrets(ChatConfig config, URI endpoint) {
        this.config = Objects.requireNonNull(config, "config");
        this.endpoint = endpoint;
    }

    /**
     * The reader for a function's configuration; builds no client until {@link #read(String)} is called.
     *
     * @throws IllegalArgumentException when {@code SECRETSMANAGER_ENDPOINT} is not an absolute URL
     */
    public static SecretsManagerSecrets from(ChatConfig config, Map<String, String> env) {
        String value = env == null ? null : env.get(ENDPOINT_VARIABLE);
        if (value == null || value.isBlank()) {
            return new SecretsManagerSecrets(config, null);
        }
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException(ENDPOINT_VARIABLE + " must be an absolute http(s) URL: " + value);
            }
            return new SecretsManagerSecrets(config, uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(ENDPOINT_VARIABLE + " is not a valid URL: " + value, e);
        }
    }

    @Override
    public String read(String secretId) {
        GetSecretValueResponse response;
        try (SecretsManagerClient client = AwsClients.startupClient(SecretsManagerClient.builder(), config,
                endpoint)) {
            response = client.getSecretValue(request -> request.secretId(secretId));
        } catch (SecretsManagerException e) {
            // The service's messages name the secret and the request, never the value.
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            throw new SecretReadException("JWT_SECRET_ARN " + secretId + " could not be read: "
                    + (code == null ? "status " + e.statusCode() : code), e);
        } catch (SdkClientException e) {
            throw new SecretReadException("JWT_SECRET_ARN " + secretId
                    + " could not be read: Secrets Manager not reachable (" + e.getMessage() + ")", e);
        }
        String value = response.secretString();
        if (value == null) {
            throw new SecretReadException("JWT_SECRET_ARN " + secretId
                    + " holds no SecretString; store the key as a string");
        }
        return value;
    }
}
