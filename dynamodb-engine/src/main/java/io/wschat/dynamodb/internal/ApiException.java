package io.wschat.dynamodb.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A DynamoDB error answer: its {@code __type} short name, message and HTTP status. The SDKs pick the exception class
 * from the type, so these must be DynamoDB's own names.
 */
public class ApiException extends RuntimeException {

    private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
    private static final String CORAL_VALIDATE = "com.amazon.coral.validate#";
    private static final String CORAL_SERVICE = "com.amazon.coral.service#";

    private final String type;
    private final int status;
    private final JsonObject members = new JsonObject();

    public ApiException(String type, String message, int status) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    public static ApiException validation(String message) {
        return new ApiException(CORAL_VALIDATE + "ValidationException", message, 400);
    }

    public static ApiException resourceNotFound(String message) {
        return new ApiException(DYNAMODB + "ResourceNotFoundException", message, 400);
    }

    public static ApiException resourceInUse(String message) {
        return new ApiException(DYNAMODB + "ResourceInUseException", message, 400);
    }

    public static ApiException serialization(String message) {
        return new ApiException(CORAL_SERVICE + "SerializationException", message, 400);
    }

    public static ApiException unknownOperation() {
        return new ApiException(CORAL_SERVICE + "UnknownOperationException", null, 400);
    }

    public static ApiException internal(String message) {
        return new ApiException(DYNAMODB + "InternalServerError", message, 500);
    }

    /** The full {@code __type}, for example {@code com.amazon.coral.validate#ValidationException}. */
    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    public static ApiException conditionalCheckFailed() {
        return new ApiException(DYNAMODB + "ConditionalCheckFailedException", "The conditional request failed", 400);
    }

    public static ApiException transactionCanceled(String message) {
        return new ApiException(DYNAMODB + "TransactionCanceledException", message, 400);
    }

    /** Adds a member to the error body beside {@code __type} and {@code message}, such as a failed condition's Item. */
    public ApiException withMember(String name, JsonElement value) {
        members.add(name, value);
        return this;
    }

    /** Members beside {@code __type} and {@code message}. */
    public JsonObject members() {
        return members;
    }
}
