package io.wschat.shared.testing;

import io.wschat.shared.ConnectionStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The set-up of a handler's integration tests: the DynamoDB engine with tables of the test class's own, and for each
 * test fresh SNS and management API fakes with the dependencies built on them, closed after it.
 */
public abstract class HandlerTestBase {

    @RegisterExtension
    protected static final DynamoDbExtension DYNAMO = new DynamoDbExtension();

    @RegisterExtension
    protected final HandlerBackends backends = new HandlerBackends(DYNAMO);
    protected final FakeSns sns = backends.sns();
    protected final FakeManagementApi api = backends.api();
    protected final ConnectionStore store = backends.connections();
}
