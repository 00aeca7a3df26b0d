package io.wschat.dynamodb.internal.api;

import com.google.gson.JsonObject;
import io.wschat.dynamodb.internal.json.Request;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** ConsumedCapacity as DynamoDB reports it when ReturnConsumedCapacity asks: read units per 4 KB, write per 1 KB. */
final class Capacity {

    private static final Set<String> MODES = new LinkedHashSet<>(List.of("INDEXES", "TOTAL", "NONE"));

    private Capacity() {
    }

    static boolean wanted(Request request) {
        return !"NONE".equals(request.enumValue("ReturnConsumedCapacity", MODES, "NONE"));
    }

    static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        return consistent ? units : units / 2;
    }

    static double writeUnits(long bytes) {
        return Math.max(1, Math.ceil(bytes / 1024.0));
    }

    static JsonObject json(String table, double units) {
        JsonObject capacity = new JsonObject();
        capacity.addProperty("TableName", table);
        capacity.addProperty("CapacityUnits", units);
        return capacity;
    }
}
