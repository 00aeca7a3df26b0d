package io.wschat.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.shared.testing.FakeSns;
import io.wschat.shared.testing.HandlerTestBase;
import io.wschat.shared.testing.ShadedJar;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The built message.jar, run on its own in a child JVM through the Lambda constructor. */
@Timeout(90)
class MessageJarIT extends HandlerTestBase {

    @AutoClose
    private final ShadedJar jar = ShadedJar.of(Path.of("target", "message.jar"));

    @Test
    void jar_primesAndRunsEveryAction_onItsOwn_withContainerCredentials() throws Exception {
        String sender = backends.join("lobby", "alice");
        String peer = backends.join("lobby", "bob");

        ShadedJar.Result result = jar.run(MessageHandler.class.getName(),
                backends.environment(), List.of(
                        event(sender, "sendmessage", "{\"action\":\"sendmessage\",\"data\":\"hi\"}"),
                        event(sender, "whisper", "{\"action\":\"whisper\",\"to\":\"bob\",\"data\":\"psst\"}"),
                        event(sender, "history", "{\"action\":\"history\"}"),
                        event(sender, "who", "{\"action\":\"who\"}"),
                        event(sender, "rename", "{\"action\":\"rename\",\"name\":\"alicia\"}"),
                        event(sender, "join", "{\"action\":\"join\",\"room\":\"other\"}"),
                        event(sender, "leave", "{\"action\":\"leave\"}"),
                        event(sender, "$default", "not json")));

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

    @Test
    void jar_holdsNoOtherHttpClient_andStaysSmall() {
        jar.assertHoldsNoOtherHttpClient_andStaysSmall("com/nimbusds/");
    }
}
