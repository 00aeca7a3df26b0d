package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.shared.testing.AbortedHttpClient;
import io.wschat.shared.testing.FakeSns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventPublisherHttpFailureTest {

    private static final Instant NOW = Instant.parse("2026-11-28T18:20:28Z");

    @RegisterExtension
    final AbortedHttpClient http = new AbortedHttpClient();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final EventPublisher publisher = new EventPublisher(http.sns(), FakeSns.TOPIC_ARN, new IdGenerator(clock),
            clock, new Log(Log.Level.WARN, new PrintStream(logged, true, StandardCharsets.UTF_8), clock));

    @Test
    void publish_returnsFalseAndWarns_whenTheHttpClientThrowsABareRuntimeException() {
        Connection alice = Connection.open("c-1", "lobby", "alice", "alice", NOW, Optional.empty(), Optional.empty());

        boolean published = publisher.disconnectedAndLeft("c-1", Optional.of(alice));

        assertThat(published).isFalse();
        assertThat(http.requests()).isEqualTo(1);
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("event not published").contains("WARN");
    }
}
