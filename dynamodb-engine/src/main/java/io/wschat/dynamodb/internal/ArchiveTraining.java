package io.wschat.dynamodb.internal;

import io.wschat.dynamodb.DynamoDbEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;

/**
 * The run {@code ./run-dynamodb} records a class archive from (under {@code -XX:ArchiveClassesAtExit}): starts the
 * engine in memory on a free loopback port, makes the calls a client's first minute makes over HTTP, and stops.
 * The archive then holds what a start and the first requests load, and later runs map it instead of loading
 * those classes one by one.
 */
public final class ArchiveTraining {

    private static final String[][] CALLS = {
        {"CreateTable", "{\"TableName\":\"training\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"room\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}],"
                + "\"GlobalSecondaryIndexes\":[{\"IndexName\":\"room-index\","
                + "\"KeySchema\":[{\"AttributeName\":\"room\",\"KeyType\":\"HASH\"}],"
                + "\"Projection\":{\"ProjectionType\":\"ALL\"}}]}"},
        {"DescribeTable", "{\"TableName\":\"training\"}"},
        {"PutItem", "{\"TableName\":\"training\",\"Item\":{\"id\":{\"S\":\"a\"},\"room\":{\"S\":\"lobby\"},"
                + "\"n\":{\"N\":\"1\"},\"tags\":{\"SS\":[\"x\"]},\"data\":{\"M\":{\"l\":{\"L\":[{\"BOOL\":true}]}}}},"
                + "\"ConditionExpression\":\"attribute_not_exists(id)\"}"},
        {"GetItem", "{\"TableName\":\"training\",\"Key\":{\"id\":{\"S\":\"a\"}},\"ConsistentRead\":true,"
                + "\"ProjectionExpression\":\"#n, room\",\"ExpressionAttributeNames\":{\"#n\":\"n\"}}"},
        {"UpdateItem", "{\"TableName\":\"training\",\"Key\":{\"id\":{\"S\":\"a\"}},"
                + "\"UpdateExpression\":\"SET #n = if_not_exists(#n, :zero) + :one REMOVE tags\","
                + "\"ConditionExpression\":\"attribute_exists(id) AND size(room) > :zero\","
                + "\"ExpressionAttributeNames\":{\"#n\":\"n\"},"
                + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"},\":zero\":{\"N\":\"0\"}},"
                + "\"ReturnValues\":\"ALL_NEW\"}"},
        {"Query", "{\"TableName\":\"training\",\"IndexName\":\"room-index\","
                + "\"KeyConditionExpression\":\"room = :r\",\"FilterExpression\":\"#n > :zero\","
                + "\"ExpressionAttributeNames\":{\"#n\":\"n\"},"
                + "\"ExpressionAttributeValues\":{\":r\":{\"S\":\"lobby\"},\":zero\":{\"N\":\"0\"}}}"},
        {"Scan", "{\"TableName\":\"training\",\"Limit\":10}"},
        {"DeleteItem", "{\"TableName\":\"training\",\"Key\":{\"id\":{\"S\":\"a\"}},\"ReturnValues\":\"ALL_OLD\"}"},
        {"DeleteTable", "{\"TableName\":\"training\"}"},
    };

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        try (DynamoDbEngine engine = DynamoDbEngine.builder().port(0).start()) {
            for (String[] call : CALLS) {
                post(engine, call[0], call[1]);
            }
        }
    }

    private static void post(DynamoDbEngine engine, String operation, String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) engine.endpoint().toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
        connection.setRequestProperty("X-Amz-Target", "DynamoDB_20120810." + operation);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int status = connection.getResponseCode();
        if (status != 200) {
            String error;
            try (InputStream in = connection.getErrorStream()) {
                error = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            throw new IllegalStateException(operation + " answered " + status + ": " + error);
        }
        try (InputStream in = connection.getInputStream()) {
            in.readAllBytes();
        }
    }
}
