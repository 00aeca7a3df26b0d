package io.wschat.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStore;
import io.wschat.shared.Dependencies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a function's handler runs against in one test: a fresh {@link FakeSns} and {@link FakeManagementApi} beside
 * the test class's DynamoDB tables, the environment that reaches all three, and the {@link Dependencies} built
 * from it. Register it on an instance field, after the class's {@link DynamoDbExtension}; after each test it
 * closes every {@link Dependencies} it built, then the fakes.
 *
 * <pre>{@code
 * @RegisterExtension static final DynamoDbExtension DYNAMO = new DynamoDbExtension();
 * @RegisterExtension final HandlerBackends backends = new HandlerBackends(DYNAMO);
 * }</pre>
 */
public final class HandlerBackends implements AfterEachCallback, AutoCloseable {

    private final DynamoDbExtension dynamo;
    private final FakeSns sns = FakeSns.start();
    private final FakeManagementApi api = FakeManagementApi.start();
    private final List<Dependencies> opened = new ArrayList<>();

    public HandlerBackends(DynamoDbExtension dynamo) {
        this.dynamo = dynamo;
    }

    public FakeSns sns() {
        return sns;
    }

    public FakeManagementApi api() {
        return api;
    }

    /** A store of the test class's connections table, on the shared DynamoDB client. */
    public ConnectionStore connections() {
        return new ConnectionStore(DynamoDbExtension.client(), dynamo.connectionsTable());
    }

    /**
     * Stores a connection of {@code name} (its user id too) in {@code room}, connected now, under a fresh
     * {@link Fixtures#connectionId() id}; returns that id.
     */
    public String join(String room, String name) {
        String connectionId = Fixtures.connectionId();
        connections().put(Connection.open(connectionId, room, name, name, Instant.now(), Optional.empty(),
                Optional.empty()));
        return connectionId;
    }

    /** A new, changeable {@link TestEnvironment#forHandlers handler environment} for these backends. */
    public Map<String, String> environment() {
        return TestEnvironment.forHandlers(dynamo, sns, api);
    }

    /** Dependencies from the {@link #environment()} as it is; closed after the test. */
    public Dependencies dependencies() {
        return dependencies(env -> { });
    }

    /** Dependencies from the {@link #environment()} once {@code change} has edited it; closed after the test. */
    public Dependencies dependencies(Consumer<Map<String, String>> change) {
        Map<String, String> env = environment();
        change.accept(env);
        Dependencies dependencies = Dependencies.from(env);
        opened.add(dependencies);
        return dependencies;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /**
     * Runs {@code work} (a SnapStart hook, say) and asserts that it changed nothing these backends hold: every item
     * of both tables as it was (none added, removed or changed), nothing published, nothing posted.
     */
    public void assertChangesNothing(Runnable work) {
        long rowsBefore = dynamo.allRows();
        Map<String, List<Map<String, AttributeValue>>> itemsBefore = dynamo.allItems();
        work.run();
        assertThat(dynamo.allRows()).isEqualTo(rowsBefore);
        itemsBefore.forEach((table, items) -> assertThat(DynamoDbExtension.items(table)).as("the items of %s", table)
                .containsExactlyInAnyOrderElementsOf(items));
        assertThat(sns.publishes()).isEmpty();
        assertThat(api.recipients()).isEmpty();
    }

    /** Closes the dependencies built so far, then the fakes. */
    @Override
    public void close() {
        opened.forEach(Dependencies::close);
        opened.clear();
        sns.close();
        api.close();
    }
}
