package io.wschat.disconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.shared.testing.FakeSns;
import io.wschat.shared.testing.HandlerTestBase;
import io.wschat.shared.testing.ShadedJar;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The built disconnect.jar, run on its own in a child JVM through the Lambda constructor. */
@Timeout(90)
class DisconnectJarIT extends HandlerTestBase {

    private final ShadedJar jar = ShadedJar.of(Path.of("target", "disconnect.jar"));

    @AfterEach
    void close() {
        jar.close();
    }

    @Test
    void jar_primesAndDisconnects_onItsOwn_withContainerCredentials() throws Exception {
        String leaving = backends.join("lobby", "alice");
        String staying = backends.join("lobby", "bob");

        ShadedJar.Result result = jar.run(DisconnectHandler.class.getName(),
                backends.environment(),
                List.of(new ShadedJar.Event("$disconnect", "DISCONNECT", leaving, null, null)));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.failedSteps()).as(result.output()).isEqualTo("[]");
        assertThat(result.statuses()).as(result.output()).containsExactly(200);
        assertThat(store.find(leaving)).isEmpty();
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("disconnected", "left");
        assertThat(api.posts(staying)).hasSize(1);
        assertThat(jar.credentialRequests()).isPositive();
    }

    @Test
    void jar_holdsNoOtherHttpClient_andStaysSmall() {
        assertThat(jar.entries()).noneMatch(name -> name.startsWith("io/netty/")
                || name.startsWith("org/apache/http/")
                || name.startsWith("software/amazon/awssdk/http/apache/")
                || name.startsWith("software/amazon/awssdk/http/nio/")
                || name.startsWith("software/amazon/awssdk/crt/")
                || name.startsWith("com/nimbusds/"));
        assertThat(jar.size()).isLessThan(12L * 1024 * 1024);
    }
}
