package io.wschat.dynamodb.internal.api;

import com.google.gson.JsonObject;
import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.json.Reply;
import io.wschat.dynamodb.internal.json.Request;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** The DynamoDB operations this engine serves, by the name in {@code X-Amz-Target}. */
public final class Operations {

    private final Map<String, Function<Request, Reply>> operations = new HashMap<>();

    public Operations(Database database) {
        TableOperations tables = new TableOperations(database);
        ItemOperations items = new ItemOperations(database);
        ReadOperations reads = new ReadOperations(database);
        BatchOperations batches = new BatchOperations(database);
        TransactionOperations transactions = new TransactionOperations(database);
        operations.put("CreateTable", request -> Reply.of(tables.createTable(request)));
        operations.put("DescribeTable", request -> Reply.of(tables.describeTable(request)));
        operations.put("ListTables", request -> Reply.of(tables.listTables(request)));
        operations.put("DeleteTable", request -> Reply.of(tables.deleteTable(request)));
        operations.put("UpdateTable", request -> Reply.of(tables.updateTable(request)));
        operations.put("UpdateTimeToLive", request -> Reply.of(tables.updateTimeToLive(request)));
        operations.put("DescribeTimeToLive", request -> Reply.of(tables.describeTimeToLive(request)));
        operations.put("PutItem", request -> Reply.of(items.putItem(request)));
        operations.put("GetItem", request -> Reply.of(items.getItem(request)));
        operations.put("UpdateItem", request -> Reply.of(items.updateItem(request)));
        operations.put("DeleteItem", request -> Reply.of(items.deleteItem(request)));
        operations.put("Query", reads::query);
        operations.put("Scan", reads::scan);
        operations.put("BatchGetItem", request -> Reply.of(batches.batchGetItem(request)));
        operations.put("BatchWriteItem", request -> Reply.of(batches.batchWriteItem(request)));
        operations.put("TransactWriteItems", request -> Reply.of(transactions.transactWriteItems(request)));
        operations.put("TransactGetItems", request -> Reply.of(transactions.transactGetItems(request)));
    }

    /**
     * Runs one operation.
     *
     * @throws ApiException DynamoDB's error for the request, UnknownOperationException for an unknown name
     */
    public Reply invoke(String operation, JsonObject body) {
        Function<Request, Reply> handler = operations.get(operation);
        if (handler == null) {
            throw ApiException.unknownOperation();
        }
        return handler.apply(new Request(body));
    }
}
