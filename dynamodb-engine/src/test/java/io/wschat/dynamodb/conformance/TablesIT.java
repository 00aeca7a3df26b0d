package io.wschat.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

/** CreateTable, DescribeTable, ListTables, UpdateTable, DeleteTable and the TTL settings of a table. */
class TablesIT extends ConformanceTest {

    private static final String ARN = "arn:aws:dynamodb:[a-z0-9-]+:\\d+:table/";

    @ParameterizedTest
    @EnumSource(value = ScalarAttributeType.class, names = {"S", "N", "B"})
    void createTable_hashKeyOfEachScalarType_becomesActive(ScalarAttributeType type) {
        String table = hashTable("hash" + type, type);

        TableDescription description = db.describeTable(r -> r.tableName(table)).table();

        assertThat(description.tableName()).isEqualTo(table);
        assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(description.keySchema()).containsExactly(hashKey("pk"));
        assertThat(description.attributeDefinitions()).containsExactly(attr("pk", type));
    }

    @ParameterizedTest
    @EnumSource(value = ScalarAttributeType.class, names = {"S", "N", "B"})
    void createTable_hashAndRangeKey_describesBothKeysInOrder(ScalarAttributeType rangeType) {
        String table = rangeTable("range" + rangeType, ScalarAttributeType.S, rangeType);

        TableDescription description = db.describeTable(r -> r.tableName(table)).table();

        assertThat(description.keySchema()).containsExactly(hashKey("pk"), rangeKey("sk"));
        assertThat(description.attributeDefinitions())
                .containsExactlyInAnyOrder(attr("pk", ScalarAttributeType.S), attr("sk", rangeType));
    }

    @Test
    void createTable_returnsDescriptionWithArnAndZeroCounts() {
        String table = uniqueName("created");

        CreateTableResponse response = db.createTable(r -> r.tableName(table)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S))
                .keySchema(hashKey("pk"))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        awaitActive(table);

        TableDescription created = response.tableDescription();
        assertThat(created.tableName()).isEqualTo(table);
        assertThat(created.tableStatus()).isIn(TableStatus.CREATING, TableStatus.ACTIVE);
        assertThat(created.tableArn()).matches(ARN + table);
        assertThat(created.itemCount()).isZero();
        assertThat(created.tableSizeBytes()).isZero();
        assertThat(created.creationDateTime()).isNotNull();
    }

    @Test
    void describeTable_reportsActiveStatusArnItemCountAndBillingMode() {
        String table = hashTable("describe", ScalarAttributeType.S);

        TableDescription description = db.describeTable(r -> r.tableName(table)).table();

        assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(description.tableArn()).matches(ARN + table);
        assertThat(description.itemCount()).isZero();
        assertThat(description.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        // dynalite's createTable tests: an on-demand table shows zero provisioned throughput
        assertThat(description.provisionedThroughput().readCapacityUnits()).isZero();
        assertThat(description.provisionedThroughput().writeCapacityUnits()).isZero();
    }

    @Test
    void createTable_provisioned_describesItsThroughput() {
        String table = createTable("provisioned", t -> t
                .attributeDefinitions(attr("pk", ScalarAttributeType.S))
                .keySchema(hashKey("pk"))
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(p -> p.readCapacityUnits(2L).writeCapacityUnits(3L)));

        TableDescription description = db.describeTable(r -> r.tableName(table)).table();

        assertThat(description.provisionedThroughput().readCapacityUnits()).isEqualTo(2L);
        assertThat(description.provisionedThroughput().writeCapacityUnits()).isEqualTo(3L);
        if (description.billingModeSummary() != null) {
            assertThat(description.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
        }
    }

    @Test
    void createTable_withGlobalAndLocalIndexesOfEachProjection_describesThem() {
        String table = createTable("indexes", t -> t
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("sk", ScalarAttributeType.N),
                        attr("g", ScalarAttributeType.S), attr("gs", ScalarAttributeType.B),
                        attr("l", ScalarAttributeType.N))
                .keySchema(hashKey("pk"), rangeKey("sk"))
                .globalSecondaryIndexes(
                        gsi("gsiKeys", Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build(), "g", null),
                        gsi("gsiInclude", Projection.builder().projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes("x", "y").build(), "g", "gs"),
                        gsi("gsiAll", Projection.builder().projectionType(ProjectionType.ALL).build(), "gs", null))
                .localSecondaryIndexes(
                        lsi("lsiKeys", Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()),
                        lsi("lsiInclude", Projection.builder().projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes("x").build()),
                        lsi("lsiAll", Projection.builder().projectionType(ProjectionType.ALL).build())));

        TableDescription description = db.describeTable(r -> r.tableName(table)).table();

        assertThat(description.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrder("gsiKeys", "gsiInclude", "gsiAll");
        GlobalSecondaryIndexDescription include = description.globalSecondaryIndexes().stream()
                .filter(i -> i.indexName().equals("gsiInclude")).findFirst().orElseThrow();
        assertThat(include.keySchema()).containsExactly(hashKey("g"), rangeKey("gs"));
        assertThat(include.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
        assertThat(include.projection().nonKeyAttributes()).containsExactlyInAnyOrder("x", "y");
        assertThat(include.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(include.indexArn()).matches(ARN + table + "/index/gsiInclude");
        assertThat(description.globalSecondaryIndexes())
                .filteredOn(i -> i.indexName().equals("gsiKeys"))
                .extracting(i -> i.projection().projectionType()).containsExactly(ProjectionType.KEYS_ONLY);
        assertThat(description.globalSecondaryIndexes())
                .filteredOn(i -> i.indexName().equals("gsiAll"))
                .extracting(i -> i.projection().projectionType()).containsExactly(ProjectionType.ALL);

        assertThat(description.localSecondaryIndexes()).extracting(LocalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrder("lsiKeys", "lsiInclude", "lsiAll");
        LocalSecondaryIndexDescription lsiInclude = description.localSecondaryIndexes().stream()
                .filter(i -> i.indexName().equals("lsiInclude")).findFirst().orElseThrow();
        assertThat(lsiInclude.keySchema()).containsExactly(hashKey("pk"), rangeKey("l"));
        assertThat(lsiInclude.projection().nonKeyAttributes()).containsExactly("x");
        assertThat(lsiInclude.indexArn()).matches(ARN + table + "/index/lsiInclude");
    }

    private static GlobalSecondaryIndex gsi(String name, Projection projection, String hash, String range) {
        GlobalSecondaryIndex.Builder index = GlobalSecondaryIndex.builder().indexName(name).projection(projection);
        if (range == null) {
            index.keySchema(hashKey(hash));
        } else {
            index.keySchema(hashKey(hash), rangeKey(range));
        }
        return index.build();
    }

    private static LocalSecondaryIndex lsi(String name, Projection projection) {
        return LocalSecondaryIndex.builder().indexName(name).projection(projection)
                .keySchema(hashKey("pk"), rangeKey("l")).build();
    }

    /** A CreateTable request that DynamoDB refuses: on demand unless it says otherwise, its table name left out. */
    private record Refused(String what, Consumer<CreateTableRequest.Builder> request, String message) {

        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Refused> createTable_invalid_isRefused() {
        return Stream.of(
                // dynalite createTable.js, "missing key attr definition"
                new Refused("keyAttributeNotInAttributeDefinitions", r -> r
                        .attributeDefinitions(attr("b", ScalarAttributeType.S))
                        .keySchema(hashKey("a")),
                        "One or more parameter values were invalid: Some index key attributes are not defined in "
                                + "AttributeDefinitions. Keys: [a], AttributeDefinitions: [b]"),
                new Refused("hashAndRangeKeyOfTheSameName", r -> r
                        .attributeDefinitions(attr("a", ScalarAttributeType.S))
                        .keySchema(hashKey("a"), rangeKey("a")),
                        "Both the Hash Key and the Range Key element in the KeySchema have the same name"),
                new Refused("rangeKeyFirst", r -> r
                        .attributeDefinitions(attr("a", ScalarAttributeType.S), attr("b", ScalarAttributeType.S))
                        .keySchema(rangeKey("a"), hashKey("b")),
                        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"),
                new Refused("attributeDefinitionNotUsedByAnyKey", r -> r
                        .attributeDefinitions(attr("a", ScalarAttributeType.S), attr("b", ScalarAttributeType.S))
                        .keySchema(hashKey("a")),
                        "One or more parameter values were invalid: Number of attributes in KeySchema does not "
                                + "exactly match number of attributes defined in AttributeDefinitions"),
                new Refused("onDemandWithProvisionedThroughput", r -> r
                        .attributeDefinitions(attr("a", ScalarAttributeType.S))
                        .keySchema(hashKey("a"))
                        .provisionedThroughput(p -> p.readCapacityUnits(1L).writeCapacityUnits(1L)),
                        "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits "
                                + "can be specified when BillingMode is PAY_PER_REQUEST"),
                // no BillingMode: PROVISIONED by default
                new Refused("provisionedWithoutThroughput", r -> r
                        .billingMode((BillingMode) null)
                        .attributeDefinitions(attr("a", ScalarAttributeType.S))
                        .keySchema(hashKey("a")),
                        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must "
                                + "both be specified when BillingMode is PROVISIONED"),
                new Refused("localIndexWithAnotherHashKey", r -> r
                        .attributeDefinitions(attr("a", ScalarAttributeType.S), attr("b", ScalarAttributeType.S))
                        .keySchema(hashKey("a"), rangeKey("b"))
                        .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("abc")
                                .keySchema(hashKey("b"), rangeKey("a"))
                                .projection(p -> p.projectionType(ProjectionType.ALL)).build()),
                        "One or more parameter values were invalid: Index KeySchema does not have the same leading "
                                + "hash key as table KeySchema for index: abc. index hash key: b, table hash key: a"),
                new Refused("keysOnlyProjectionWithNonKeyAttributes", r -> r
                        .attributeDefinitions(attr("a", ScalarAttributeType.S), attr("b", ScalarAttributeType.S))
                        .keySchema(hashKey("a"))
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("abc")
                                .keySchema(hashKey("b"))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY).nonKeyAttributes("c"))
                                .build()),
                        "One or more parameter values were invalid: ProjectionType is KEYS_ONLY, but NonKeyAttributes "
                                + "is specified"),
                new Refused("twoIndexesOfTheSameName", r -> {
                    LocalSecondaryIndex index = LocalSecondaryIndex.builder().indexName("abc")
                            .keySchema(hashKey("a"), rangeKey("c"))
                            .projection(p -> p.projectionType(ProjectionType.ALL)).build();
                    r.attributeDefinitions(attr("a", ScalarAttributeType.S), attr("b", ScalarAttributeType.S),
                                    attr("c", ScalarAttributeType.S))
                            .keySchema(hashKey("a"), rangeKey("b"))
                            .localSecondaryIndexes(index, index);
                }, "One or more parameter values were invalid: Duplicate index name: abc"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void createTable_invalid_isRefused(Refused refused) {
        String table = uniqueName(refused.what());

        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST);
        refused.request().accept(request);

        assertValidation(() -> db.createTable(request.build()), refused.message());
    }

    @Test
    void createTable_ofAnExistingTable_throwsResourceInUse() {
        String table = hashTable("twice", ScalarAttributeType.S);

        ResourceInUseException e = assertThrows(ResourceInUseException.class, () -> db.createTable(r -> r
                .tableName(table)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S))
                .keySchema(hashKey("pk"))
                .billingMode(BillingMode.PAY_PER_REQUEST)));

        // DynamoDB's own text for an ACTIVE table (dynalite leaves it empty)
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Table already exists: " + table);
    }

    @Test
    void describeTable_ofAMissingTable_throwsResourceNotFound() {
        String table = uniqueName("missing");

        assertResourceNotFound(() -> db.describeTable(r -> r.tableName(table)),
                "Requested resource not found: Table: " + table + " not found");
    }

    @Test
    void deleteTable_ofAMissingTable_throwsResourceNotFound() {
        String table = uniqueName("missing");

        assertResourceNotFound(() -> db.deleteTable(r -> r.tableName(table)),
                "Requested resource not found: Table: " + table + " not found");
    }

    @Test
    void itemOperations_onAMissingTable_throwResourceNotFound() {
        String table = uniqueName("missing");
        String message = "Requested resource not found";

        assertResourceNotFound(() -> db.putItem(r -> r.tableName(table).item(item("pk", s("a")))), message);
        assertResourceNotFound(() -> db.getItem(r -> r.tableName(table).key(item("pk", s("a")))), message);
        assertResourceNotFound(() -> db.updateItem(r -> r.tableName(table).key(item("pk", s("a")))), message);
        assertResourceNotFound(() -> db.deleteItem(r -> r.tableName(table).key(item("pk", s("a")))), message);
        assertResourceNotFound(() -> db.query(r -> r.tableName(table).keyConditionExpression("pk = :a")
                .expressionAttributeValues(item(":a", s("a")))), message);
        assertResourceNotFound(() -> db.scan(r -> r.tableName(table)), message);
    }

    @Test
    void deleteTable_returnsTheDescriptionAndTheTableGoes() {
        String table = hashTable("deleted", ScalarAttributeType.S);
        db.putItem(r -> r.tableName(table).item(item("pk", s("a"))));

        DeleteTableResponse response = db.deleteTable(r -> r.tableName(table));

        assertThat(response.tableDescription().tableName()).isEqualTo(table);
        assertThat(response.tableDescription().tableStatus()).isIn(TableStatus.DELETING, TableStatus.ACTIVE);
        waiter().waitUntilTableNotExists(r -> r.tableName(table));
        assertThrows(ResourceNotFoundException.class, () -> db.describeTable(r -> r.tableName(table)));
    }

    @Test
    void listTables_pagesWithLimitExclusiveStartTableNameAndLastEvaluatedTableName() {
        String prefix = uniqueName("list");
        List<String> names = new ArrayList<>();
        for (String suffix : List.of("-a", "-b", "-c")) {
            String name = prefix + suffix;
            names.add(uniqueRegistered(name));
            db.createTable(r -> r.tableName(name)
                    .attributeDefinitions(attr("pk", ScalarAttributeType.S))
                    .keySchema(hashKey("pk"))
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        }
        names.forEach(this::awaitActive);

        ListTablesResponse first = db.listTables(r -> r.exclusiveStartTableName(prefix).limit(2));

        assertThat(first.tableNames()).containsExactly(names.get(0), names.get(1));
        assertThat(first.lastEvaluatedTableName()).isEqualTo(names.get(1));

        ListTablesResponse second = db.listTables(r -> r.exclusiveStartTableName(first.lastEvaluatedTableName())
                .limit(1));

        assertThat(second.tableNames()).containsExactly(names.get(2));
    }

    @Test
    void listTables_lastPageHasNoLastEvaluatedTableName() {
        String table = hashTable("listed", ScalarAttributeType.S);

        List<String> all = new ArrayList<>();
        String start = null;
        ListTablesResponse page;
        int pages = 0;
        do {
            String from = start;
            page = db.listTables(r -> r.exclusiveStartTableName(from).limit(100));
            all.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
            assertThat(++pages).as("pages").isLessThan(1000);
        } while (start != null);

        assertThat(all).contains(table).isSorted().doesNotHaveDuplicates();
    }

    private String uniqueRegistered(String name) {
        // the prefix came from uniqueName, so only the tables with suffixes need registering for deletion
        registerForDeletion(name);
        return name;
    }

    @Test
    void updateTable_addsAndThenRemovesAGlobalSecondaryIndex() {
        String table = hashTable("gsiUpdate", ScalarAttributeType.S);
        db.putItem(r -> r.tableName(table).item(item("pk", s("1"), "g", s("x"))));

        db.updateTable(r -> r.tableName(table)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("g", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byG")
                        .keySchema(hashKey("g"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)))));
        eventually(Duration.ofMinutes(10), "index byG ACTIVE", () -> {
            TableDescription d = db.describeTable(r -> r.tableName(table)).table();
            return d.tableStatus() == TableStatus.ACTIVE && d.hasGlobalSecondaryIndexes()
                    && d.globalSecondaryIndexes().stream().anyMatch(i -> i.indexName().equals("byG")
                    && i.indexStatus() == IndexStatus.ACTIVE);
        });

        assertThat(db.query(r -> r.tableName(table).indexName("byG").keyConditionExpression("g = :g")
                .expressionAttributeValues(item(":g", s("x")))).items())
                .containsExactly(item("pk", s("1"), "g", s("x")));

        db.updateTable(r -> r.tableName(table).globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byG"))));
        eventually(Duration.ofMinutes(10), "index byG gone", () -> {
            TableDescription d = db.describeTable(r -> r.tableName(table)).table();
            return d.tableStatus() == TableStatus.ACTIVE && (!d.hasGlobalSecondaryIndexes()
                    || d.globalSecondaryIndexes().stream().noneMatch(i -> i.indexName().equals("byG")));
        });
    }

    @Test
    void describeTimeToLive_ofANewTable_isDisabled() {
        String table = hashTable("ttlOff", ScalarAttributeType.S);

        DescribeTimeToLiveResponse response = db.describeTimeToLive(r -> r.tableName(table));

        assertThat(response.timeToLiveDescription().timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
        assertThat(response.timeToLiveDescription().attributeName()).isNull();
    }

    @Test
    void updateTimeToLive_enablesItOnTheAttribute() {
        String table = hashTable("ttlOn", ScalarAttributeType.S);

        UpdateTimeToLiveResponse response = db.updateTimeToLive(r -> r.tableName(table)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expires")));

        assertThat(response.timeToLiveSpecification().enabled()).isTrue();
        assertThat(response.timeToLiveSpecification().attributeName()).isEqualTo("expires");
        DescribeTimeToLiveResponse described = db.describeTimeToLive(r -> r.tableName(table));
        assertThat(described.timeToLiveDescription().timeToLiveStatus())
                .isIn(TimeToLiveStatus.ENABLING, TimeToLiveStatus.ENABLED);
        assertThat(described.timeToLiveDescription().attributeName()).isEqualTo("expires");
    }

    @Test
    void describeTimeToLive_ofAMissingTable_throwsResourceNotFound() {
        String table = uniqueName("missing");

        assertResourceNotFound(() -> db.describeTimeToLive(r -> r.tableName(table)),
                "Requested resource not found: Table: " + table + " not found");
    }
}
