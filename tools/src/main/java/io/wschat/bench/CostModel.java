package io.wschat.bench;

/**
 * The AWS bill for a million {@code sendmessage} calls to a room of {@code N} members, from the calls the handler
 * makes per message and us-east-1 on-demand prices.
 */
record CostModel(int members, double apiGateway, double lambdaRequests, double lambdaCompute, double dynamoReads,
        double readUnitsPerMessage, double dynamoWrites, double sns) {

    static final double API_GATEWAY_PER_MILLION = 1.00;
    static final double LAMBDA_REQUESTS_PER_MILLION = 0.20;
    static final double LAMBDA_GB_SECOND_ARM = 0.0000133334;
    static final double LAMBDA_GB = 1.0;
    static final double READ_UNIT_PER_MILLION = 0.125;
    static final double WRITE_UNIT_PER_MILLION = 0.625;
    static final double SNS_PER_MILLION = 0.50;
    /** Bytes one room-index entry counts for reads: connectionId, room, name, userId (names and values). */
    static final int INDEX_ITEM_BYTES = 90;
    /**
     * The rate-limit UpdateItem (which also reads the sender's row) and the history PutItem, one write unit each; the
     * first action of a connection in a new rate-limit window takes one more (a failed conditional update).
     */
    static final double WRITE_UNITS = 2.0;

    static final String READS_NOTE = "one Query of the room index (eventually consistent), ceil(N x "
            + INDEX_ITEM_BYTES + " B / 4 KB) x 0.5 RRU at $0.125/M RRU; the sender is read by the rate-limit update.";
    static final String WRITES_NOTE = "the rate-limit UpdateItem and the history PutItem, 1 WRU each at $0.625/M"
            + " (plus 1 WRU for a sender's first action in each rate-limit window).";

    static CostModel of(int members, Double meanMillis) {
        double apiGateway = members * API_GATEWAY_PER_MILLION;
        double compute = meanMillis == null ? 0 : meanMillis / 1000.0 * LAMBDA_GB * LAMBDA_GB_SECOND_ARM * 1e6;
        double queryUnits = Math.ceil((double) members * INDEX_ITEM_BYTES / 4096) * 0.5;
        double readUnits = queryUnits;
        return new CostModel(members, apiGateway, LAMBDA_REQUESTS_PER_MILLION, compute,
                readUnits * READ_UNIT_PER_MILLION, readUnits, WRITE_UNITS * WRITE_UNIT_PER_MILLION, SNS_PER_MILLION);
    }

    double total() {
        return apiGateway + lambdaRequests + lambdaCompute + dynamoReads + dynamoWrites + sns;
    }
}
