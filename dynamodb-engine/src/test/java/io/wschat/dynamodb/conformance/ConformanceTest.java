package io.wschat.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * What every conformance test class shares: the client, tables made for the class (unique names, waited for until
 * ACTIVE, deleted after the class), attribute value shorthands and the assertions on DynamoDB's errors.
 */
@ExtendWith(DynamoDbTarget.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConformanceTest {

    protected final DynamoDbClient db = DynamoDbTarget.client();
    private final List<String> tables = new ArrayList<>();
    private DynamoDbWaiter waiter;

    // ---- tables

    /** A unique table name for this class; registered for deletion after the class. */
    protected String uniqueName(String what) {
        String name = "conf-" + getClass().getSimpleName() + "-" + what + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        tables.add(name);
        return name;
    }

    /** Deletes this table after the class. */
    protected void registerForDeletion(String name) {
        tables.add(name);
    }

    /** Creates a table with a unique name, on demand billing unless the customizer says otherwise, and waits for ACTIVE. */
    protected String createTable(String what, Consumer<CreateTableRequest.Builder> customizer) {
        String name = uniqueName(what);
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST);
        customizer.accept(request);
        db.createTable(request.build());
        awaitActive(name);
        return name;
    }

    /** A table with a hash key {@code pk} of the given type. */
    protected String hashTable(String what, ScalarAttributeType type) {
        return createTable(what, t -> t
                .attributeDefinitions(attr("pk", type))
                .keySchema(hashKey("pk")));
    }

    /** A table with a hash key {@code pk} and a range key {@code sk}. */
    protected String rangeTable(String what, ScalarAttributeType hashType, ScalarAttributeType rangeType) {
        return createTable(what, t -> t
                .attributeDefinitions(attr("pk", hashType), attr("sk", rangeType))
                .keySchema(hashKey("pk"), rangeKey("sk")));
    }

    protected void awaitActive(String table) {
        waiter().waitUntilTableExists(r -> r.tableName(table)).matched().response()
                .orElseThrow(() -> new AssertionError("table not ACTIVE: " + table));
    }

    protected DynamoDbWaiter waiter() {
        if (waiter == null) {
            Duration delay = DynamoDbTarget.isLocalEngine() ? Duration.ofMillis(50) : Duration.ofSeconds(2);
            waiter = DynamoDbWaiter.builder().client(db)
                    .overrideConfiguration(o -> o.maxAttempts(300)
                            .backoffStrategy(FixedDelayBackoffStrategy.create(delay)))
                    .build();
        }
        return waiter;
    }

    @AfterAll
    void deleteTables() {
        for (String table : tables) {
            try {
                db.deleteTable(r -> r.tableName(table));
            } catch (ResourceNotFoundException alreadyGone) {
                // deleted by the test itself, or never created
            } catch (DynamoDbException e) {
                // still being created or updated on a real endpoint: wait, then try once more
                try {
                    awaitActive(table);
                    db.deleteTable(r -> r.tableName(table));
                } catch (RuntimeException ignored) {
                    // best effort
                }
            }
        }
    }

    protected static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    protected static KeySchemaElement hashKey(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    protected static KeySchemaElement rangeKey(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }

    // ---- values

    protected static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    protected static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    protected static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    protected static AttributeValue b(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return AttributeValue.fromB(SdkBytes.fromByteArray(raw));
    }

    protected static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    protected static AttributeValue nul() {
        return AttributeValue.fromNul(true);
    }

    protected static AttributeValue ss(String... values) {
        return AttributeValue.fromSs(Arrays.asList(values));
    }

    protected static AttributeValue ns(String... values) {
        return AttributeValue.fromNs(Arrays.asList(values));
    }

    protected static AttributeValue l(AttributeValue... values) {
        return AttributeValue.fromL(Arrays.asList(values));
    }

    protected static AttributeValue m(Object... namesAndValues) {
        return AttributeValue.fromM(item(namesAndValues));
    }

    /** An item or key from alternating names and values: {@code item("pk", s("a"), "n", n(1))}. */
    protected static Map<String, AttributeValue> item(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            item.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return item;
    }

    /** Expression attribute names from alternating placeholders and names. */
    protected static Map<String, String> names(String... placeholdersAndNames) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < placeholdersAndNames.length; i += 2) {
            names.put(placeholdersAndNames[i], placeholdersAndNames[i + 1]);
        }
        return names;
    }

    protected static String repeat(char c, int count) {
        return String.valueOf(c).repeat(count);
    }

    // ---- errors

    /** Runs the call, asserts a ValidationException with exactly this message and returns it. */
    protected static DynamoDbException assertValidation(ThrowingCallable call, String message) {
        DynamoDbException e = assertErrorCode(call, "ValidationException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        return e;
    }

    /** Runs the call and asserts a ValidationException whose message starts with this text. */
    protected static DynamoDbException assertValidationStartsWith(ThrowingCallable call, String prefix) {
        DynamoDbException e = assertErrorCode(call, "ValidationException");
        assertThat(e.awsErrorDetails().errorMessage()).startsWith(prefix);
        return e;
    }

    protected static DynamoDbException assertErrorCode(ThrowingCallable call, String errorCode) {
        DynamoDbException e = catchThrowableOfType(DynamoDbException.class, call);
        assertThat(e).as("expected a %s", errorCode).isNotNull();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
        assertThat(e.statusCode()).isEqualTo(400);
        return e;
    }

    /** Runs the call and asserts an exception of exactly this class, which it returns. */
    protected static <T extends DynamoDbException> T assertThrows(Class<T> type, ThrowingCallable call) {
        T e = catchThrowableOfType(type, call);
        assertThat(e).as("expected a %s", type.getSimpleName()).isNotNull();
        assertThat(e).isExactlyInstanceOf(type);
        return e;
    }

    /** Runs the call and asserts a ResourceNotFoundException with exactly this message. */
    protected static void assertResourceNotFound(ThrowingCallable call, String message) {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, call);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    }

    /**
     * Every page of a paged read: {@code read} is given null, then each page's LastEvaluatedKey, until a page has
     * none, or until {@code maxPages} were read, so a key that never ends fails the caller's page count instead of
     * looping.
     */
    protected static <R> List<R> pages(Function<Map<String, AttributeValue>, R> read,
            Function<R, Map<String, AttributeValue>> lastEvaluatedKey, int maxPages) {
        List<R> pages = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            R page = read.apply(start);
            pages.add(page);
            Map<String, AttributeValue> last = lastEvaluatedKey.apply(page);
            start = last.isEmpty() ? null : last;
        } while (start != null && pages.size() < maxPages);
        return pages;
    }

    /** Polls until the condition holds, failing after the deadline. */
    protected static void eventually(Duration deadline, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + deadline + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
