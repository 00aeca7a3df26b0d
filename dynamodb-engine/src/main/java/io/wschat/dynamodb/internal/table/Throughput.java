package io.wschat.dynamodb.internal.table;

/** Provisioned read and write capacity units, as given; the engine does not throttle by them. */
public record Throughput(long read, long write) {
}
