package io.wschat.dynamodb.internal.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.json.Request;
import io.wschat.dynamodb.internal.table.IndexDefinition;
import io.wschat.dynamodb.internal.table.KeyAttributes;
import io.wschat.dynamodb.internal.table.Table;
import io.wschat.dynamodb.internal.table.TableDefinition;
import io.wschat.dynamodb.internal.table.Throughput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable, UpdateTimeToLive and DescribeTimeToLive. Tables
 * and indexes are ACTIVE as soon as they are created: there is nothing to provision.
 */
final class TableOperations {

    private final Database database;

    TableOperations(Database database) {
        this.database = database;
    }

    JsonObject createTable(Request request) {
        TableDefinition definition = TableJson.fromCreate(request, database.clock().instant());
        database.create(definition);
        return wrap("TableDescription", TableJson.description(database.describedTable(definition.name()), "ACTIVE"));
    }

    JsonObject describeTable(Request request) {
        Table table = database.describedTable(request.tableName());
        return wrap("Table", TableJson.description(table, "ACTIVE"));
    }

    JsonObject deleteTable(Request request) {
        Table table = database.delete(request.tableName());
        return wrap("TableDescription", TableJson.description(table, "DELETING"));
    }

    JsonObject listTables(Request request) {
        Integer limit = request.integer("Limit");
        if (limit != null && (limit < 1 || limit > 100)) {
            throw Request.constraint(String.valueOf(limit), "limit", limit < 1
                    ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to 100");
        }
        int max = limit == null ? 100 : limit;
        String start = request.has("ExclusiveStartTableName") ? request.tableName("ExclusiveStartTableName") : null;
        JsonArray names = new JsonArray();
        String last = null;
        List<String> all = database.tableNames();
        boolean more = false;
        for (String name : all) {
            if (start != null && name.compareTo(start) <= 0) {
                continue;
            }
            if (names.size() == max) {
                more = true;
                break;
            }
            names.add(name);
            last = name;
        }
        JsonObject response = new JsonObject();
        response.add("TableNames", names);
        if (more) {
            response.addProperty("LastEvaluatedTableName", last);
        }
        return response;
    }

    JsonObject updateTable(Request request) {
        Table table = database.describedTable(request.tableName());
        TableDefinition definition = table.definition();
        Map<String, String> attributes = new LinkedHashMap<>(definition.attributes());
        Map<String, String> given = TableJson.attributeDefinitions(request);
        for (Map.Entry<String, String> attribute : given.entrySet()) {
            String known = attributes.get(attribute.getKey());
            if (known != null && !known.equals(attribute.getValue())) {
                throw ApiException.validation("One or more parameter values were invalid: Cannot change the type of "
                        + "attribute " + attribute.getKey());
            }
            attributes.put(attribute.getKey(), attribute.getValue());
        }
        String billing = request.enumValue("BillingMode", TableJson.BILLING_MODES, definition.billingMode());
        TableDefinition updated = definition;
        if (request.has("BillingMode") || request.has("ProvisionedThroughput")) {
            Throughput throughput = TableJson.throughput(request.object("ProvisionedThroughput"), billing);
            updated = updated.withBilling(billing, throughput);
        }
        List<IndexDefinition> indexes = new ArrayList<>(definition.indexes());
        for (Request change : request.objects("GlobalSecondaryIndexUpdates")) {
            Request create = change.object("Create");
            Request delete = change.object("Delete");
            Request update = change.object("Update");
            if (create != null) {
                IndexDefinition index = TableJson.index(create, true, attributes, billing);
                if (updated.index(index.name()) != null || indexes.stream().anyMatch(i -> i.name().equals(index.name()))) {
                    throw ApiException.validation("One or more parameter values were invalid: Index with name: "
                            + index.name() + " already exists");
                }
                indexes.add(index);
            } else if (delete != null) {
                String name = globalIndex(definition, delete).name();
                indexes = TableDefinition.without(indexes, name);
            } else if (update != null) {
                String name = globalIndex(definition, update).name();
                Throughput throughput = TableJson.throughput(update.object("ProvisionedThroughput"), billing);
                List<IndexDefinition> replaced = new ArrayList<>();
                for (IndexDefinition existing : indexes) {
                    replaced.add(existing.name().equals(name) ? new IndexDefinition(existing.name(), true,
                            existing.keys(), existing.projectionType(), existing.nonKeyAttributes(), throughput)
                            : existing);
                }
                indexes = replaced;
            } else {
                throw ApiException.validation("One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Create, Update or Delete must be specified");
            }
        }
        updated = updated.withIndexes(indexes, usedAttributes(updated.keys(), indexes, attributes));
        Request stream = request.object("StreamSpecification");
        if (stream != null) {
            updated = updated.withStream(stream.bool("StreamEnabled", false) ? stream.requiredString("StreamViewType")
                    : null);
        }
        database.redefine(table, updated);
        return wrap("TableDescription", TableJson.description(table, "ACTIVE"));
    }

    /** The global index an update or delete of UpdateTable names, or DynamoDB's ResourceNotFoundException. */
    private static IndexDefinition globalIndex(TableDefinition definition, Request change) {
        String name = change.tableName("IndexName");
        IndexDefinition index = definition.index(name);
        if (index == null || !index.global()) {
            throw ApiException.resourceNotFound("Requested resource not found: Index: " + name
                    + " not found for table: " + definition.name());
        }
        return index;
    }

    /** Attribute definitions keep only what keys and indexes use, as DynamoDB does. */
    private static Map<String, String> usedAttributes(KeyAttributes keys, List<IndexDefinition> indexes,
            Map<String, String> attributes) {
        Map<String, String> used = new LinkedHashMap<>();
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String name = attribute.getKey();
            boolean inUse = keys.isKey(name) || indexes.stream().anyMatch(index -> index.keys().isKey(name));
            if (inUse) {
                used.put(name, attribute.getValue());
            }
        }
        return used;
    }

    JsonObject updateTimeToLive(Request request) {
        Table table = database.describedTable(request.tableName());
        Request specification = request.requiredObject("TimeToLiveSpecification");
        String attribute = specification.requiredString("AttributeName");
        if (!specification.has("Enabled")) {
            throw Request.constraint(null, "timeToLiveSpecification.enabled", "Member must not be null");
        }
        boolean enabled = specification.bool("Enabled", false);
        TableDefinition definition = table.definition();
        if (enabled && definition.ttlEnabled()) {
            throw ApiException.validation("TimeToLive is already enabled");
        }
        if (!enabled && !definition.ttlEnabled()) {
            throw ApiException.validation("TimeToLive is already disabled");
        }
        if (!enabled && !attribute.equals(definition.ttlAttribute())) {
            throw ApiException.validation("TimeToLive is active on a different AttributeName: current AttributeName is "
                    + definition.ttlAttribute());
        }
        database.redefine(table, definition.withTtl(enabled ? attribute : null));
        JsonObject result = new JsonObject();
        result.addProperty("AttributeName", attribute);
        result.addProperty("Enabled", enabled);
        return wrap("TimeToLiveSpecification", result);
    }

    JsonObject describeTimeToLive(Request request) {
        Table table = database.describedTable(request.tableName());
        JsonObject description = new JsonObject();
        if (table.definition().ttlEnabled()) {
            description.addProperty("TimeToLiveStatus", "ENABLED");
            description.addProperty("AttributeName", table.definition().ttlAttribute());
        } else {
            description.addProperty("TimeToLiveStatus", "DISABLED");
        }
        return wrap("TimeToLiveDescription", description);
    }

    private static JsonObject wrap(String member, JsonObject content) {
        JsonObject response = new JsonObject();
        response.add(member, content);
        return response;
    }
}
