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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Table definitions read from CreateTable and UpdateTable requests and written as TableDescription. */
final class TableJson {

    static final Set<String> KEY_TYPES = Set.of("S", "N", "B");
    static final Set<String> BILLING_MODES = new LinkedHashSet<>(List.of("PROVISIONED", "PAY_PER_REQUEST"));
    static final Set<String> PROJECTION_TYPES = new LinkedHashSet<>(List.of("ALL", "KEYS_ONLY", "INCLUDE"));

    private TableJson() {
    }

    /** A new table's definition from a CreateTable request, validated as DynamoDB validates it. */
    static TableDefinition fromCreate(Request request, Instant now) {
        String name = request.tableName();
        Map<String, String> attributes = attributeDefinitions(request);
        List<Request> keySchema = request.objects("KeySchema");
        if (keySchema.isEmpty()) {
            throw Request.constraint(null, "KeySchema", "Member must not be null");
        }
        KeyAttributes keys = keySchema(keySchema, attributes, "");
        String billing = request.enumValue("BillingMode", BILLING_MODES, "PROVISIONED");
        Throughput throughput = throughput(request.object("ProvisionedThroughput"), billing);
        List<IndexDefinition> indexes = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        used.add(keys.hashName());
        if (keys.hasRange()) {
            used.add(keys.rangeName());
        }
        for (Request gsi : request.objects("GlobalSecondaryIndexes")) {
            IndexDefinition index = index(gsi, true, attributes, billing);
            addIndex(indexes, index);
            used.add(index.keys().hashName());
            if (index.keys().hasRange()) {
                used.add(index.keys().rangeName());
            }
        }
        List<Request> localIndexes = request.objects("LocalSecondaryIndexes");
        for (Request lsi : localIndexes) {
            if (!keys.hasRange()) {
                throw ApiException.validation("One or more parameter values were invalid: Table KeySchema does not "
                        + "have a range key, which is required when specifying a LocalSecondaryIndex");
            }
            IndexDefinition index = index(lsi, false, attributes, billing);
            if (!index.keys().hashName().equals(keys.hashName())) {
                throw ApiException.validation("One or more parameter values were invalid: Index KeySchema does not "
                        + "have the same leading hash key as table KeySchema for index: " + index.name()
                        + ". index hash key: " + index.keys().hashName() + ", table hash key: " + keys.hashName());
            }
            if (!index.keys().hasRange()) {
                throw ApiException.validation("One or more parameter values were invalid: Index KeySchema must have "
                        + "a range key for index: " + index.name());
            }
            addIndex(indexes, index);
            used.add(index.keys().rangeName());
        }
        if (!used.equals(attributes.keySet())) {
            throw ApiException.validation("One or more parameter values were invalid: Number of attributes in "
                    + "KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }
        String streamViewType = null;
        Request stream = request.object("StreamSpecification");
        if (stream != null && stream.bool("StreamEnabled", false)) {
            streamViewType = stream.requiredString("StreamViewType");
        }
        return new TableDefinition(name, UUID.randomUUID().toString(), keys, attributes, billing, throughput,
                indexes, now, null, streamViewType);
    }

    private static void addIndex(List<IndexDefinition> indexes, IndexDefinition index) {
        for (IndexDefinition existing : indexes) {
            if (existing.name().equals(index.name())) {
                throw ApiException.validation("One or more parameter values were invalid: Duplicate index name: "
                        + index.name());
            }
        }
        indexes.add(index);
    }

    static Map<String, String> attributeDefinitions(Request request) {
        List<Request> definitions = request.objects("AttributeDefinitions");
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Request definition : definitions) {
            String attribute = definition.requiredString("AttributeName");
            String type = definition.requiredString("AttributeType");
            if (!KEY_TYPES.contains(type)) {
                throw Request.constraint(type, "attributeDefinitions.member.attributeType",
                        "Member must satisfy enum value set: [B, N, S]");
            }
            if (attributes.put(attribute, type) != null) {
                throw ApiException.validation("Cannot have two attributes with the same name");
            }
        }
        return attributes;
    }

    static KeyAttributes keySchema(List<Request> elements, Map<String, String> attributes, String index) {
        if (elements.size() > 2) {
            throw Request.constraint(elements.toString(), "keySchema",
                    "Member must have length less than or equal to 2");
        }
        String hash = null;
        String range = null;
        for (int i = 0; i < elements.size(); i++) {
            String attribute = elements.get(i).requiredString("AttributeName");
            String keyType = elements.get(i).requiredString("KeyType");
            if (!"HASH".equals(keyType) && !"RANGE".equals(keyType)) {
                throw Request.constraint(keyType, "keySchema.member.keyType",
                        "Member must satisfy enum value set: [HASH, RANGE]");
            }
            if (i == 0 && !"HASH".equals(keyType)) {
                throw ApiException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
            }
            if (i == 1 && !"RANGE".equals(keyType)) {
                throw ApiException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
            }
            if (i == 1 && attribute.equals(hash)) {
                throw ApiException.validation("Both the Hash Key and the Range Key element in the KeySchema have the "
                        + "same name");
            }
            if (!attributes.containsKey(attribute)) {
                throw ApiException.validation("One or more parameter values were invalid: Some index key attributes "
                        + "are not defined in AttributeDefinitions. Keys: " + keyNames(elements)
                        + ", AttributeDefinitions: " + attributes.keySet().toString());
            }
            if (i == 0) {
                hash = attribute;
            } else {
                range = attribute;
            }
        }
        return new KeyAttributes(hash, attributes.get(hash), range, range == null ? null : attributes.get(range));
    }

    private static String keyNames(List<Request> elements) {
        List<String> names = new ArrayList<>();
        elements.forEach(element -> names.add(element.string("AttributeName")));
        return names.toString();
    }

    static IndexDefinition index(Request index, boolean global, Map<String, String> attributes, String billing) {
        String name = index.tableName("IndexName");
        KeyAttributes keys = keySchema(index.objects("KeySchema"), attributes, name);
        if (keys.hashName() == null) {
            throw Request.constraint(null, "keySchema", "Member must not be null");
        }
        Request projection = index.object("Projection");
        if (projection == null) {
            throw Request.constraint(null, "projection", "Member must not be null");
        }
        String projectionType = projection.enumValue("ProjectionType", PROJECTION_TYPES, null);
        List<String> nonKey = projection.strings("NonKeyAttributes");
        if (projectionType == null) {
            throw ApiException.validation("One or more parameter values were invalid: Unknown ProjectionType: null");
        }
        if ("INCLUDE".equals(projectionType) && nonKey.isEmpty()) {
            throw ApiException.validation("One or more parameter values were invalid: NonKeyAttributes must not be "
                    + "empty for index " + name + " with ProjectionType INCLUDE");
        }
        if (!"INCLUDE".equals(projectionType) && !nonKey.isEmpty()) {
            throw ApiException.validation("One or more parameter values were invalid: ProjectionType is "
                    + projectionType + ", but NonKeyAttributes is specified");
        }
        Throughput throughput = global ? throughput(index.object("ProvisionedThroughput"), billing) : null;
        return new IndexDefinition(name, global, keys, projectionType, nonKey, throughput);
    }

    static Throughput throughput(Request throughput, String billing) {
        if ("PAY_PER_REQUEST".equals(billing)) {
            if (throughput != null) {
                throw ApiException.validation("One or more parameter values were invalid: Neither ReadCapacityUnits "
                        + "nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            return null;
        }
        if (throughput == null) {
            throw ApiException.validation("One or more parameter values were invalid: ReadCapacityUnits and "
                    + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        Long read = throughput.longValue("ReadCapacityUnits");
        Long write = throughput.longValue("WriteCapacityUnits");
        if (read == null || write == null) {
            throw ApiException.validation("One or more parameter values were invalid: ReadCapacityUnits and "
                    + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        if (read < 1 || write < 1) {
            throw Request.constraint(String.valueOf(Math.min(read, write)),
                    read < 1 ? "provisionedThroughput.readCapacityUnits" : "provisionedThroughput.writeCapacityUnits",
                    "Member must have value greater than or equal to 1");
        }
        return new Throughput(read, write);
    }

    /** DescribeTable's TableDescription. */
    static JsonObject description(Table table, String status) {
        TableDefinition definition = table.definition();
        JsonObject description = new JsonObject();
        JsonArray attributes = attributesJson(definition);
        description.add("AttributeDefinitions", attributes);
        description.addProperty("TableName", definition.name());
        description.add("KeySchema", keySchemaJson(definition.keys()));
        description.addProperty("TableStatus", status);
        description.addProperty("CreationDateTime", definition.createdAt().toEpochMilli() / 1000.0);
        description.add("ProvisionedThroughput", throughputJson(definition.throughput()));
        description.addProperty("TableSizeBytes", table.sizeBytes());
        description.addProperty("ItemCount", table.itemCount());
        description.addProperty("TableArn", definition.arn());
        description.addProperty("TableId", definition.tableId());
        if ("PAY_PER_REQUEST".equals(definition.billingMode())) {
            JsonObject billing = new JsonObject();
            billing.addProperty("BillingMode", "PAY_PER_REQUEST");
            billing.addProperty("LastUpdateToPayPerRequestDateTime",
                    definition.createdAt().toEpochMilli() / 1000.0);
            description.add("BillingModeSummary", billing);
        }
        Map<String, long[]> counts = table.indexCounts();
        JsonArray globals = new JsonArray();
        JsonArray locals = new JsonArray();
        for (IndexDefinition index : definition.indexes()) {
            JsonObject indexJson = indexJson(index);
            long[] count = counts.getOrDefault(index.name(), new long[2]);
            indexJson.addProperty("IndexSizeBytes", count[1]);
            indexJson.addProperty("ItemCount", count[0]);
            indexJson.addProperty("IndexArn", definition.arn() + "/index/" + index.name());
            if (index.global()) {
                indexJson.addProperty("IndexStatus", "ACTIVE");
                indexJson.add("ProvisionedThroughput", throughputJson(index.throughput()));
                globals.add(indexJson);
            } else {
                locals.add(indexJson);
            }
        }
        if (!globals.isEmpty()) {
            description.add("GlobalSecondaryIndexes", globals);
        }
        if (!locals.isEmpty()) {
            description.add("LocalSecondaryIndexes", locals);
        }
        if (definition.streamViewType() != null) {
            JsonObject stream = new JsonObject();
            stream.addProperty("StreamEnabled", true);
            stream.addProperty("StreamViewType", definition.streamViewType());
            description.add("StreamSpecification", stream);
            description.addProperty("LatestStreamLabel", definition.createdAt().toString());
            description.addProperty("LatestStreamArn", definition.arn() + "/stream/" + definition.createdAt());
        }
        description.addProperty("DeletionProtectionEnabled", false);
        return description;
    }

    /** An index's name, key schema and projection, as both DescribeTable and the store write them. */
    private static JsonObject indexJson(IndexDefinition index) {
        JsonObject json = new JsonObject();
        json.addProperty("IndexName", index.name());
        json.add("KeySchema", keySchemaJson(index.keys()));
        JsonObject projection = new JsonObject();
        projection.addProperty("ProjectionType", index.projectionType());
        if (!index.nonKeyAttributes().isEmpty()) {
            JsonArray nonKey = new JsonArray();
            index.nonKeyAttributes().forEach(nonKey::add);
            projection.add("NonKeyAttributes", nonKey);
        }
        json.add("Projection", projection);
        return json;
    }

    private static JsonArray attributesJson(TableDefinition definition) {
        JsonArray attributes = new JsonArray();
        definition.attributes().forEach((name, type) -> {
            JsonObject attribute = new JsonObject();
            attribute.addProperty("AttributeName", name);
            attribute.addProperty("AttributeType", type);
            attributes.add(attribute);
        });
        return attributes;
    }

    private static JsonArray keySchemaJson(KeyAttributes keys) {
        JsonArray schema = new JsonArray();
        JsonObject hash = new JsonObject();
        hash.addProperty("AttributeName", keys.hashName());
        hash.addProperty("KeyType", "HASH");
        schema.add(hash);
        if (keys.hasRange()) {
            JsonObject range = new JsonObject();
            range.addProperty("AttributeName", keys.rangeName());
            range.addProperty("KeyType", "RANGE");
            schema.add(range);
        }
        return schema;
    }

    private static JsonObject throughputJson(Throughput throughput) {
        JsonObject json = new JsonObject();
        json.addProperty("NumberOfDecreasesToday", 0);
        json.addProperty("ReadCapacityUnits", throughput == null ? 0 : throughput.read());
        json.addProperty("WriteCapacityUnits", throughput == null ? 0 : throughput.write());
        return json;
    }

    /** A definition as the store keeps it: the CreateTable shape plus id, creation time and TTL attribute. */
    static JsonObject writeStored(TableDefinition definition) {
        JsonObject json = new JsonObject();
        json.addProperty("TableName", definition.name());
        json.addProperty("TableId", definition.tableId());
        json.addProperty("CreatedAt", definition.createdAt().toEpochMilli());
        JsonArray attributes = attributesJson(definition);
        json.add("AttributeDefinitions", attributes);
        json.add("KeySchema", keySchemaJson(definition.keys()));
        json.addProperty("BillingMode", definition.billingMode());
        if (definition.throughput() != null) {
            json.add("ProvisionedThroughput", storedThroughput(definition.throughput()));
        }
        JsonArray globals = new JsonArray();
        JsonArray locals = new JsonArray();
        for (IndexDefinition index : definition.indexes()) {
            JsonObject indexJson = indexJson(index);
            if (index.throughput() != null) {
                indexJson.add("ProvisionedThroughput", storedThroughput(index.throughput()));
            }
            (index.global() ? globals : locals).add(indexJson);
        }
        json.add("GlobalSecondaryIndexes", globals);
        json.add("LocalSecondaryIndexes", locals);
        if (definition.ttlAttribute() != null) {
            json.addProperty("TimeToLiveAttribute", definition.ttlAttribute());
        }
        if (definition.streamViewType() != null) {
            JsonObject stream = new JsonObject();
            stream.addProperty("StreamEnabled", true);
            stream.addProperty("StreamViewType", definition.streamViewType());
            json.add("StreamSpecification", stream);
        }
        return json;
    }

    private static JsonObject storedThroughput(Throughput throughput) {
        JsonObject json = new JsonObject();
        json.addProperty("ReadCapacityUnits", throughput.read());
        json.addProperty("WriteCapacityUnits", throughput.write());
        return json;
    }

    static TableDefinition readStored(Request stored) {
        Map<String, String> attributes = attributeDefinitions(stored);
        KeyAttributes keys = keySchema(stored.objects("KeySchema"), attributes, "");
        String billing = stored.string("BillingMode");
        Throughput throughput = "PAY_PER_REQUEST".equals(billing) ? null
                : throughput(stored.object("ProvisionedThroughput"), billing);
        List<IndexDefinition> indexes = new ArrayList<>();
        for (Request gsi : stored.objects("GlobalSecondaryIndexes")) {
            indexes.add(index(gsi, true, attributes, billing));
        }
        for (Request lsi : stored.objects("LocalSecondaryIndexes")) {
            indexes.add(index(lsi, false, attributes, billing));
        }
        Request stream = stored.object("StreamSpecification");
        return new TableDefinition(stored.string("TableName"), stored.string("TableId"), keys, attributes, billing,
                throughput, indexes, Instant.ofEpochMilli(stored.longValue("CreatedAt")),
                stored.string("TimeToLiveAttribute"), stream == null ? null : stream.string("StreamViewType"));
    }
}
