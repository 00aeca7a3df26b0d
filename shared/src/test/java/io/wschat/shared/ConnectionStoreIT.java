package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wschat.shared.testing.DynamoDbExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ConnectionStoreIT {

    @RegisterExtension
    static final DynamoDbExtension DYNAMO = new DynamoDbExtension();

    // Recent, because the engine runs TTL deletion: a row that expired in real time may vanish mid-test.
    private static final Instant CONNECTED_AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    // The rows below are connected at CONNECTED_AT; "now" is shortly after, so none has expired.
    private static final Clock CLOCK = Clock.fixed(CONNECTED_AT.plusSeconds(60), ZoneOffset.UTC);

    private ConnectionStore store() {
        return store(CLOCK);
    }

    private ConnectionStore store(Clock clock) {
        return new ConnectionStore(DynamoDbExtension.client(), DYNAMO.connectionsTable(), clock);
    }

    private static String id() {
        return UUID.randomUUID().toString().substring(0, 12) + "=";
    }

    private static Connection connection(String id, String room, String name) {
        return Connection.open(id, room, name, name, CONNECTED_AT, Optional.of("203.0.113.7"), Optional.of("wscat"));
    }

    @Test
    void put_writesEveryAttribute_withExpiryTwoHoursTenMinutesAfterConnectInEpochSeconds() {
        String id = id();

        store().put(connection(id, "lobby", "alice"));

        Map<String, AttributeValue> item = DynamoDbExtension.client()
                .getItem(b -> b.tableName(DYNAMO.connectionsTable()).key(Map.of("connectionId", AttributeValue.fromS(id))))
                .item();
        assertThat(item.get("room").s()).isEqualTo("lobby");
        assertThat(item.get("name").s()).isEqualTo("alice");
        assertThat(item.get("userId").s()).isEqualTo("alice");
        assertThat(item.get("connectedAt").n()).isEqualTo(Long.toString(CONNECTED_AT.toEpochMilli()));
        assertThat(item.get("sourceIp").s()).isEqualTo("203.0.113.7");
        assertThat(item.get("userAgent").s()).isEqualTo("wscat");
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isEqualTo(CONNECTED_AT.getEpochSecond() + 2 * 3600 + 10 * 60);
    }

    @Test
    void find_returnsTheStoredConnection() {
        String id = id();
        Connection stored = connection(id, "lobby", "alice");
        store().put(stored);

        Optional<Connection> found = store().find(id);

        assertThat(found).isPresent();
        assertThat(found.get().connectionId()).isEqualTo(id);
        assertThat(found.get().connectedAt()).isEqualTo(CONNECTED_AT);
        assertThat(found.get().expiresAt()).isEqualTo(Instant.ofEpochSecond(stored.expiresAt().getEpochSecond()));
        assertThat(found.get().sourceIp()).contains("203.0.113.7");
    }

    @Test
    void find_isEmpty_forAnUnknownConnection() {
        assertThat(store().find(id())).isEmpty();
    }

    @Test
    void put_omitsUnknownIdentityFields() {
        String id = id();
        store().put(Connection.open(id, "lobby", "bob", "bob", CONNECTED_AT, Optional.empty(), Optional.empty()));

        Connection found = store().find(id).orElseThrow();

        assertThat(found.sourceIp()).isEmpty();
        assertThat(found.userAgent()).isEmpty();
    }

    @Test
    void delete_returnsTheOldRow_thenNothing_onceDeleted() {
        String id = id();
        store().put(connection(id, "general", "carol"));

        Optional<Connection> first = store().delete(id);
        Optional<Connection> second = store().delete(id);

        assertThat(first).map(Connection::room).contains("general");
        assertThat(first).map(Connection::name).contains("carol");
        assertThat(second).isEmpty();
        assertThat(store().find(id)).isEmpty();
    }

    @Test
    void roomMembers_returnsExactlyTheRoomsConnections_acrossPages() {
        String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = id();
            members.add(id);
            store().put(connection(id, room, "user" + i));
        }
        store().put(connection(id(), room + "-other", "outsider"));
        ConnectionStore pagedStore = new ConnectionStore(DynamoDbExtension.client(), DYNAMO.connectionsTable(), 2, CLOCK);

        assertThat(pagedStore.roomMembers(room)).containsExactlyInAnyOrderElementsOf(members);
        assertThat(store().roomMembers("empty-room")).isEmpty();
    }

    @Test
    void userConnections_returnsEveryConnectionOfTheUser() {
        String user = "dave-" + UUID.randomUUID().toString().substring(0, 8);
        String first = id();
        String second = id();
        store().put(connection(first, "lobby", user));
        store().put(connection(second, "general", user));
        store().put(connection(id(), "lobby", user + "x"));

        assertThat(store().userConnections(user)).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void expiredRow_isNeitherARoomMemberNorListed_norAUserConnection_butStillFoundById() {
        String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
        String user = "erin-" + UUID.randomUUID().toString().substring(0, 8);
        String live = id();
        String expired = id();
        store().put(Connection.open(live, room, user, user, CONNECTED_AT.plus(Duration.ofHours(1)), Optional.empty(),
                Optional.empty()));
        store().put(Connection.open(expired, room, user, user, CONNECTED_AT, Optional.empty(), Optional.empty()));
        // 2 h 10 min + 1 s after the second connected: API Gateway has closed it, and its $disconnect never came.
        // (Later than the real clock, so the engine's TTL sweep leaves both rows alone.)
        ConnectionStore later = store(Clock.fixed(CONNECTED_AT.plus(Connection.TIME_TO_LIVE).plusSeconds(1),
                ZoneOffset.UTC));

        assertThat(later.roomMembers(room)).containsExactly(live);
        assertThat(later.roomMembersUpTo(room, 1)).contains(List.of(live));
        assertThat(later.roomPresence(room, 10).members()).extracting(RoomMember::connectionId)
                .containsExactly(live);
        assertThat(later.userConnections(user)).containsExactly(live);
        assertThat(later.find(expired)).as("TTL, not the store, deletes the row").isPresent();
    }

    @Test
    void rowExpiringLater_isStillARoomMember_untilItsExpiryPasses() {
        String room = "room-" + UUID.randomUUID().toString().substring(0, 8);
        String id = id();
        store().put(connection(id, room, "frank"));
        Instant expiry = CONNECTED_AT.plus(Connection.TIME_TO_LIVE);

        assertThat(store(Clock.fixed(expiry.minusSeconds(1), ZoneOffset.UTC)).roomMembers(room)).containsExactly(id);
        assertThat(store(Clock.fixed(expiry.plusSeconds(1), ZoneOffset.UTC)).roomMembers(room)).isEmpty();
        assertThat(store(Clock.fixed(expiry.plusSeconds(1), ZoneOffset.UTC)).userConnections("frank")).isEmpty();
    }

    @Test
    void everyOperation_failsWithConnectionStoreException_whenTheTableIsMissing() {
        ConnectionStore missing = new ConnectionStore(DynamoDbExtension.client(), "NoSuchTable");

        assertThatThrownBy(() -> missing.put(connection(id(), "lobby", "eve")))
                .isInstanceOf(ConnectionStoreException.class);
        assertThatThrownBy(() -> missing.find(id())).isInstanceOf(ConnectionStoreException.class);
        assertThatThrownBy(() -> missing.delete(id())).isInstanceOf(ConnectionStoreException.class);
        assertThatThrownBy(() -> missing.roomMembers("lobby")).isInstanceOf(ConnectionStoreException.class);
        assertThatThrownBy(() -> missing.userConnections("eve")).isInstanceOf(ConnectionStoreException.class);
    }
}
