package io.wschat.dynamodb.internal.expression;

/** Placeholder. */
public record KeySchema(String hashName, String hashType, String rangeName, String rangeType) {
}
