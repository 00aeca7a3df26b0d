package io.wschat.disconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.shared.testing.FakeSns;
import io.wschat.shared.testing.ShadedJar;
import io.wschat.shared.testing.ShadedJarTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The built disconnect.jar, run on its own in a child JVM through the Lambda constructor. */
@Timeout(90)
class DisconnectJarIT extends ShadedJarTestBase {

    DisconnectJarIT() {
        super("disconnect", DisconnectHandler.class, "com/nimbusds/");
    }

    @Test
    void jar_primesAndDisconnects_onItsOwn_withContainerCredentials() throws Exception {
        String leaving = backends.join("lobby", "alice");
        String staying = backends.join("lobby", "bob");

        ShadedJar.Result result = run(backends.environment(),
                new ShadedJar.Event("$disconnect", "DISCONNECT", leaving, null, null));

        result.assertRanCleanly(200);
        assertThat(store.find(leaving)).isEmpty();
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("disconnected", "left");
        assertThat(api.posts(staying)).hasSize(1);
        assertThat(jar.credentialRequests()).isPositive();
    }
}
