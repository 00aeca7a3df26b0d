package io.wschat.dynamodb.internal.api;

import com.google.gson.JsonObject;
import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.json.Reply;
import io.wschat.dynamodb.internal.json.Request;

/** The DynamoDB operations this engine serves, by the name in {@code X-Amz-Target}. */
public final class Operations {

    private final Database database;

    public Operations(Database database) {
        this.database = database;
    }

    /**
     * Runs one operation.
     *
     * @throws ApiException DynamoDB's error for the request, UnknownOperationException for an unknown name
     */
    public Reply invoke(String operation, JsonObject body) {
        // A switch rather than a map of handlers, and each group made for its call (it holds only the database):
        // nothing of an operation is loaded before its first request, which keeps a fresh JVM's start short.
        Request request = new Request(body);
        return switch (operation) {
            case "CreateTable" -> Reply.of(new TableOperations(database).createTable(request));
            case "DescribeTable" -> Reply.of(new TableOperations(database).describeTable(request));
            case "ListTables" -> Reply.of(new TableOperations(database).listTables(request));
            case "DeleteTable" -> Reply.of(new TableOperations(database).deleteTable(request));
            case "UpdateTable" -> Reply.of(new TableOperations(database).updateTable(request));
            case "UpdateTimeToLive" -> Reply.of(new TableOperations(database).updateTimeToLive(request));
            case "DescribeTimeToLive" -> Reply.of(new TableOperations(database).describeTimeToLive(request));
            case "PutItem" -> Reply.of(new ItemOperations(database).putItem(request));
            case "GetItem" -> Reply.of(new ItemOperations(database).getItem(request));
            case "UpdateItem" -> Reply.of(new ItemOperations(database).updateItem(request));
            case "DeleteItem" -> Reply.of(new ItemOperations(database).deleteItem(request));
            case "Query" -> new ReadOperations(database).query(request);
            case "Scan" -> new ReadOperations(database).scan(request);
            case "BatchGetItem" -> Reply.of(new BatchOperations(database).batchGetItem(request));
            case "BatchWriteItem" -> Reply.of(new BatchOperations(database).batchWriteItem(request));
            case "TransactWriteItems" -> Reply.of(new TransactionOperations(database).transactWriteItems(request));
            case "TransactGetItems" -> Reply.of(new TransactionOperations(database).transactGetItems(request));
            default -> throw ApiException.unknownOperation();
        };
    }
}
