package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.wschat.shared.testing.AbortedHttpClient;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MessageStoreHttpFailureTest {

    private static final Instant NOW = Instant.parse("2026-11-28T18:20:28Z");

    @RegisterExtension
    final AbortedHttpClient http = new AbortedHttpClient();
    private final MessageStore messages = new MessageStore(http.dynamoDb(), "Messages");

    @Test
    void append_failsWithMessageStoreException_whenTheHttpClientThrowsABareRuntimeException() {
        ChatMessage message = new ChatMessage("m-1", NOW.toEpochMilli(), "lobby", "alice", "alice", "hello");

        Throwable thrown = catchThrowable(() -> messages.append(message, NOW.plusSeconds(3600)));

        assertThat(thrown).isInstanceOf(MessageStoreException.class).hasMessage("Could not store message m-1");
        assertThat(thrown.getCause()).isSameAs(http.failure());
    }

    @Test
    void latest_failsWithMessageStoreException_whenTheHttpClientThrowsABareRuntimeException() {
        Throwable thrown = catchThrowable(() -> messages.latest("lobby", 50, NOW));

        assertThat(thrown).isInstanceOf(MessageStoreException.class)
                .hasMessage("Could not read the history of room lobby");
        assertThat(thrown.getCause()).isSameAs(http.failure());
    }
}
