package io.wschat.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.shared.testing.FakeSns;
import io.wschat.shared.testing.ShadedJar;
import io.wschat.shared.testing.ShadedJarTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The built message.jar, run on its own in a child JVM through the Lambda constructor. */
@Timeout(90)
class MessageJarIT extends ShadedJarTestBase {

    MessageJarIT() {
        super("message", MessageHandler.class, "com/nimbusds/");
    }

    @Test
    void jar_primesAndRunsEveryAction_onItsOwn_withContainerCredentials() throws Exception {
        String sender = backends.join("lobby", "alice");
        String peer = backends.join("lobby", "bob");

        ShadedJar.Result result = run(backends.environment(),
                event(sender, "sendmessage", "{\"action\":\"sendmessage\",\"data\":\"hi\"}"),
                event(sender, "whisper", "{\"action\":\"whisper\",\"to\":\"bob\",\"data\":\"psst\"}"),
                event(sender, "history", "{\"action\":\"history\"}"),
                event(sender, "who", "{\"action\":\"who\"}"),
                event(sender, "rename", "{\"action\":\"rename\",\"name\":\"alicia\"}"),
                event(sender, "join", "{\"action\":\"join\",\"room\":\"other\"}"),
                event(sender, "leave", "{\"action\":\"leave\"}"),
                event(sender, "$default", "not json"));

        result.assertRanCleanly(200, 200, 200, 200, 200, 200, 200, 200);
        assertThat(result.output()).doesNotContain("\"level\":\"ERROR\"");
        assertThat(api.posts(peer)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(api.posts(sender)).hasSizeGreaterThanOrEqualTo(4);
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).contains("message", "whisper", "renamed");
        assertThat(jar.credentialRequests()).isPositive();
    }

    private static ShadedJar.Event event(String connectionId, String routeKey, String body) {
        return new ShadedJar.Event(routeKey, "MESSAGE", connectionId, body, null);
    }
}
