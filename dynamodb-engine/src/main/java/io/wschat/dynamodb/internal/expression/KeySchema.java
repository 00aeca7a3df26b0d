package io.wschat.dynamodb.internal.expression;

/** The key of the table or index a Query reads; rangeName and rangeType are null for a hash-only key. Types are "S", "N" or "B". */
public record KeySchema(String hashName, String hashType, String rangeName, String rangeType) {
}
