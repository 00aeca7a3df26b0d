package io.wschat.dynamodb.internal.table;

/**
 * The key schema of a table or an index: partition key name and type, and optionally a sort key name and type
 * (types S, N or B).
 */
public record KeyAttributes(String hashName, String hashType, String rangeName, String rangeType) {

    public boolean hasRange() {
        return rangeName != null;
    }

    public boolean isKey(String attribute) {
        return attribute.equals(hashName) || attribute.equals(rangeName);
    }
}
