package io.wschat.local.dynamodb;

import io.wschat.local.template.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/**
 * Creates the template's tables (AWS::DynamoDB::Table and AWS::Serverless::SimpleTable) with the real
 * DynamoDB API: key schema, attributes, indexes, billing mode, streams, then the TTL specification.
 */
public final class TableCreator {

    /** What happened to one table. */
    public enum Outcome {
        CREATED,
        EXISTED
    }

    private final DynamoDbClient dynamoDb;

    public TableCreator(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    public Outcome create(TableDefinition table) {
        CreateTableRequest request = table.isSimpleTable() ? simpleTable(table) : table(table);
        try {
            dynamoDb.createTable(request);
        } catch (ResourceInUseException e) {
            return Outcome.EXISTED;
        }
        Map<String, Object> ttl = map(table.properties().get("TimeToLiveSpecification"));
        if (ttl != null && Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
            dynamoDb.updateTimeToLive(update -> update.tableName(table.tableName())
                    .timeToLiveSpecification(TimeToLiveSpecification.builder()
                            .attributeName(String.valueOf(ttl.get("AttributeName"))).enabled(true).build()));
        }
        return Outcome.CREATED;
    }

    static CreateTableRequest table(TableDefinition table) {
        Map<String, Object> properties = table.properties();
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(table.tableName());
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Map<String, Object> attribute : maps(properties.get("AttributeDefinitions"))) {
            attributes.add(AttributeDefinition.builder().attributeName(string(attribute.get("AttributeName")))
                    .attributeType(string(attribute.get("AttributeType"))).build());
        }
        request.attributeDefinitions(attributes).keySchema(keySchema(properties.get("KeySchema")));
        boolean onDemand = "PAY_PER_REQUEST".equals(string(properties.get("BillingMode")));
        if (onDemand) {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput(properties.get(
                    "ProvisionedThroughput")));
        }
        List<GlobalSecondaryIndex> globals = new ArrayList<>();
        for (Map<String, Object> index : maps(properties.get("GlobalSecondaryIndexes"))) {
            GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                    .indexName(string(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema")))
                    .projection(projection(index.get("Projection")));
            if (!onDemand) {
                gsi.provisionedThroughput(throughput(index.get("ProvisionedThroughput")));
            }
            globals.add(gsi.build());
        }
        if (!globals.isEmpty()) {
            request.globalSecondaryIndexes(globals);
        }
        List<LocalSecondaryIndex> locals = new ArrayList<>();
        for (Map<String, Object> index : maps(properties.get("LocalSecondaryIndexes"))) {
            locals.add(LocalSecondaryIndex.builder().indexName(string(index.get("IndexName")))
                    .keySchema(keySchema(index.get("KeySchema"))).projection(projection(index.get("Projection")))
                    .build());
        }
        if (!locals.isEmpty()) {
            request.localSecondaryIndexes(locals);
        }
        Map<String, Object> stream = map(properties.get("StreamSpecification"));
        if (stream != null && stream.get("StreamViewType") != null) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true)
                    .streamViewType(string(stream.get("StreamViewType"))).build());
        }
        return request.build();
    }

    /** SAM's SimpleTable: one string (or given type) partition key, on-demand unless throughput is given. */
    static CreateTableRequest simpleTable(TableDefinition table) {
        Map<String, Object> properties = table.properties();
        Map<String, Object> key = map(properties.get("PrimaryKey"));
        String name = key == null ? "id" : string(key.get("Name"));
        String type = key == null ? "String" : string(key.get("Type"));
        String attributeType = switch (type) {
            case "Number" -> "N";
            case "Binary" -> "B";
            default -> "S";
        };
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(table.tableName())
                .attributeDefinitions(AttributeDefinition.builder().attributeName(name).attributeType(attributeType)
                        .build())
                .keySchema(KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build());
        Object throughput = properties.get("ProvisionedThroughput");
        if (throughput == null) {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput(throughput));
        }
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(Object value) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Map<String, Object> key : maps(value)) {
            keys.add(KeySchemaElement.builder().attributeName(string(key.get("AttributeName")))
                    .keyType(string(key.get("KeyType"))).build());
        }
        return keys;
    }

    private static Projection projection(Object value) {
        Map<String, Object> projection = map(value);
        if (projection == null) {
            return Projection.builder().projectionType("ALL").build();
        }
        Projection.Builder builder = Projection.builder()
                .projectionType(projection.get("ProjectionType") == null ? "ALL"
                        : string(projection.get("ProjectionType")));
        List<String> nonKey = new ArrayList<>();
        if (projection.get("NonKeyAttributes") instanceof List<?> attributes) {
            attributes.forEach(attribute -> nonKey.add(string(attribute)));
        }
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey);
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(Object value) {
        Map<String, Object> throughput = map(value);
        long read = throughput == null ? 5 : Long.parseLong(string(throughput.get("ReadCapacityUnits")));
        long write = throughput == null ? 5 : Long.parseLong(string(throughput.get("WriteCapacityUnits")));
        return ProvisionedThroughput.builder().readCapacityUnits(read).writeCapacityUnits(write).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : null;
    }

    private static List<Map<String, Object>> maps(Object value) {
        List<Map<String, Object>> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                Map<String, Object> map = map(element);
                if (map != null) {
                    result.add(map);
                }
            }
        }
        return result;
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
