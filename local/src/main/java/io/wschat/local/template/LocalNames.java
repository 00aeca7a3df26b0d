package io.wschat.local.template;

/**
 * The values that stand in for AWS-assigned names when a template is resolved locally: region, account,
 * stack name, API id and the local WebSocket endpoint.
 */
public record LocalNames(String region, String accountId, String stackName, String apiId, String webSocketEndpoint) {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";

    public static LocalNames of(String stackName, String apiId, String webSocketEndpoint) {
        return new LocalNames(REGION, ACCOUNT_ID, stackName, apiId, webSocketEndpoint);
    }

    public String functionArn(String functionName) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    }

    public String topicArn(String topicName) {
        return "arn:aws:sns:" + region + ":" + accountId + ":" + topicName;
    }

    public String tableArn(String tableName) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tableName;
    }
}
