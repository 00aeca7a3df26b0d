package io.wschat.dynamodb.internal.api;

import com.google.gson.JsonObject;
import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.json.Request;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** The DynamoDB operations this engine serves, by the name in {@code X-Amz-Target}. */
public final class Operations {

    private final Map<String, Function<Request, JsonObject>> operations = new HashMap<>();

    public Operations(Database database) {
        TableOperations tables = new TableOperations(database);
        ItemOperations items = new ItemOperations(database);
        ReadOperations reads = new ReadOperations(database);
        BatchOperations batches = new BatchOperations(database);
        TransactionOperations transactions = new TransactionOperations(database);
        operations.put("CreateTable", tables::createTable);
        operations.put("DescribeTable", tables::describeTable);
        operations.put("ListTables", tables::listTables);
        operations.put("DeleteTable", tables::deleteTable);
        operations.put("UpdateTable", tables::updateTable);
        operations.put("UpdateTimeToLive", tables::updateTimeToLive);
        operations.put("DescribeTimeToLive", tables::describeTimeToLive);
        operations.put("PutItem", items::putItem);
        operations.put("GetItem", items::getItem);
        operations.put("UpdateItem", items::updateItem);
        operations.put("DeleteItem", items::deleteItem);
        operations.put("Query", reads::query);
        operations.put("Scan", reads::scan);
        operations.put("BatchGetItem", batches::batchGetItem);
        operations.put("BatchWriteItem", batches::batchWriteItem);
        operations.put("TransactWriteItems", transactions::transactWriteItems);
        operations.put("TransactGetItems", transactions::transactGetItems);
    }

    /**
     * Runs one operation.
     *
     * @throws ApiException DynamoDB's error for the request, UnknownOperationException for an unknown name
     */
    public JsonObject invoke(String operation, JsonObject body) {
        Function<Request, JsonObject> handler = operations.get(operation);
        if (handler == null) {
            throw ApiException.unknownOperation();
        }
        return handler.apply(new Request(body));
    }
}
