package io.wschat.sns;

import java.net.URI;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * One stand-in on a free port for a test class, with an SDK client of it, as
 * {@code @RegisterExtension static final StandInFixture STAND_IN}: started before the class's own {@code @BeforeAll},
 * closed after its {@code @AfterAll}.
 */
final class StandInFixture implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<SnsStandIn.Builder> options;
    private SnsStandIn standIn;
    private SnsClient sns;

    private StandInFixture(UnaryOperator<SnsStandIn.Builder> options) {
        this.options = options;
    }

    /** A stand-in of the builder's defaults with these changes. */
    static StandInFixture of(UnaryOperator<SnsStandIn.Builder> options) {
        return new StandInFixture(options);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        standIn = options.apply(SnsStandIn.builder().port(0)).start();
        sns = SnsClients.of(standIn);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (standIn != null) {
            sns.close();
            standIn.close();
        }
    }

    SnsStandIn standIn() {
        return standIn;
    }

    /** The stand-in's address of {@code path}, such as {@code /events}. */
    URI resolve(String path) {
        return standIn.endpoint().resolve(path);
    }

    SnsClient sns() {
        return sns;
    }
}
