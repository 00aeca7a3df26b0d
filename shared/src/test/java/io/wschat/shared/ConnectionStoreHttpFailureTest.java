package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.wschat.shared.testing.AbortedHttpClient;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConnectionStoreHttpFailureTest {

    private static final Instant NOW = Instant.parse("2026-11-28T18:20:28Z");

    @RegisterExtension
    final AbortedHttpClient http = new AbortedHttpClient();
    private final ConnectionStore store = new ConnectionStore(http.dynamoDb(), "Connections");

    static Stream<Named<Consumer<ConnectionStore>>> operations() {
        Connection alice = Connection.open("c-1", "lobby", "alice", "alice", NOW, Optional.empty(), Optional.empty());
        return Stream.of(
                Named.of("put", store -> store.put(alice)),
                Named.of("find", store -> store.find("c-1")),
                Named.of("admit", store -> store.admit("c-1", 1000, 3)),
                Named.of("moveTo", store -> store.moveTo("c-1", "attic")),
                Named.of("rename", store -> store.rename("c-1", "bob")),
                Named.of("delete", store -> store.delete("c-1")),
                Named.of("deleteStale", store -> store.deleteStale("c-1", NOW)),
                Named.of("roomMembers", store -> store.roomMembers("lobby")),
                Named.of("roomMembersUpTo", store -> store.roomMembersUpTo("lobby", 10)),
                Named.of("roomPresence", store -> store.roomPresence("lobby", 10)),
                Named.of("userConnections", store -> store.userConnections("alice")));
    }

    @ParameterizedTest
    @MethodSource("operations")
    void operation_failsWithConnectionStoreException_whenTheHttpClientThrowsABareRuntimeException(
            Consumer<ConnectionStore> operation) {
        Throwable thrown = catchThrowable(() -> operation.accept(store));

        assertThat(thrown).isInstanceOf(ConnectionStoreException.class).hasMessageStartingWith("Could not ");
        assertThat(thrown.getCause()).isSameAs(http.failure());
        assertThat(http.requests()).isEqualTo(1);
    }
}
