package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.shared.testing.DynamoDbExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The connection row's rate limit counter, room moves, renames and room lookups against the DynamoDB engine. */
@Timeout(30)
class ConnectionStoreActionsIT {

    @RegisterExtension
    static final DynamoDbExtension DYNAMO = new DynamoDbExtension();

    // Recent, because the engine runs TTL deletion: a row that expired in real time may vanish mid-test.
    private static final Instant CONNECTED_AT = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    // Shortly after CONNECTED_AT, so no row of these tests has expired.
    private final ConnectionStore store = new ConnectionStore(DynamoDbExtension.client(), DYNAMO.connectionsTable(),
            Clock.fixed(CONNECTED_AT.plusSeconds(60), ZoneOffset.UTC));
    private final String room = "room-" + UUID.randomUUID().toString().substring(0, 8);

    private static String id() {
        return UUID.randomUUID().toString().substring(0, 12) + "=";
    }

    private String open(String room, String name, String userId) {
        String id = id();
        store.put(Connection.open(id, room, name, userId, CONNECTED_AT, Optional.empty(), Optional.empty()));
        return id;
    }

    private Map<String, AttributeValue> row(String id) {
        return DynamoDbExtension.client().getItem(b -> b.tableName(DYNAMO.connectionsTable())
                .key(Map.of("connectionId", AttributeValue.fromS(id))).consistentRead(true)).item();
    }

    @Test
    void admit_admitsUpToTheLimit_thenLimits_andReturnsTheSenderEachTime() {
        String id = open(room, "alice", "u-alice");

        List<Admission> admissions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            admissions.add(store.admit(id, 1000, 3));
        }

        assertThat(admissions.subList(0, 3)).allSatisfy(a -> {
            assertThat(a).isInstanceOf(Admission.Admitted.class);
            assertThat(((Admission.Admitted) a).sender().name()).isEqualTo("alice");
            assertThat(((Admission.Admitted) a).sender().room()).isEqualTo(room);
        });
        assertThat(admissions.get(3)).isInstanceOf(Admission.Limited.class);
        assertThat(((Admission.Limited) admissions.get(3)).sender().userId()).isEqualTo("u-alice");
        assertThat(row(id).get("rlCount").n()).as("a refused action is not counted").isEqualTo("3");
        assertThat(row(id).get("rlWindow").n()).isEqualTo("1000");
    }

    @Test
    void admit_startsAFreshCount_inTheNextWindow() {
        String id = open(room, "alice", "alice");
        for (int i = 0; i < 3; i++) {
            store.admit(id, 1000, 3);
        }

        Admission next = store.admit(id, 1001, 3);

        assertThat(next).isInstanceOf(Admission.Admitted.class);
        assertThat(row(id).get("rlCount").n()).isEqualTo("1");
        assertThat(row(id).get("rlWindow").n()).isEqualTo("1001");
    }

    @Test
    void admit_countsInALaterWindowAlreadyStored_whenThisClockIsBehind() {
        String id = open(room, "alice", "alice");
        store.admit(id, 1001, 3);

        assertThat(store.admit(id, 1000, 3)).isInstanceOf(Admission.Admitted.class);

        assertThat(row(id).get("rlWindow").n()).isEqualTo("1001");
        assertThat(row(id).get("rlCount").n()).isEqualTo("2");
    }

    @Test
    void admit_reportsAnUnknownConnection_withoutCreatingARow() {
        String id = id();

        assertThat(store.admit(id, 1000, 3)).isInstanceOf(Admission.NotConnected.class);
        assertThat(row(id)).isEmpty();
    }

    @Test
    void admit_neverAdmitsMoreThanTheLimit_underConcurrentActions() throws Exception {
        String id = open(room, "alice", "alice");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Admission>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(() -> store.admit(id, 2000, 5));
            }
            long admitted = 0;
            for (Future<Admission> result : pool.invokeAll(calls, 20, TimeUnit.SECONDS)) {
                if (result.get() instanceof Admission.Admitted) {
                    admitted++;
                }
            }
            assertThat(admitted).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void moveTo_changesTheRoom_andReturnsTheRowAsItWas() {
        String id = open(room, "alice", "alice");

        Optional<Connection> before = store.moveTo(id, room + "-b");

        assertThat(before).hasValueSatisfying(c -> assertThat(c.room()).isEqualTo(room));
        assertThat(store.find(id).orElseThrow().room()).isEqualTo(room + "-b");
        assertThat(store.roomMembers(room)).doesNotContain(id);
        assertThat(store.roomMembers(room + "-b")).containsExactly(id);
    }

    @Test
    void moveToAndRename_doNotCreateARow_forAnUnknownConnection() {
        String id = id();

        assertThat(store.moveTo(id, room)).isEmpty();
        assertThat(store.rename(id, "x")).isEmpty();
        assertThat(row(id)).isEmpty();
    }

    @Test
    void rename_changesTheNameOnly() {
        String id = open(room, "alice", "u-alice");

        Optional<Connection> before = store.rename(id, "alicia");

        assertThat(before).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("alice"));
        Connection after = store.find(id).orElseThrow();
        assertThat(after.name()).isEqualTo("alicia");
        assertThat(after.userId()).isEqualTo("u-alice");
        assertThat(after.room()).isEqualTo(room);
    }

    @Test
    void put_storesWhetherTheIdentityWasAnonymous() {
        String id = id();
        store.put(Connection.open(id, room, "Alice", "sub-1", CONNECTED_AT, Optional.empty(), Optional.empty(), false));

        assertThat(store.find(id).orElseThrow().anonymous()).isFalse();
        assertThat(store.find(open(room, "bob", "bob")).orElseThrow().anonymous()).isTrue();
    }

    @Test
    void roomMembersUpTo_isEmpty_whenTheRoomHasMore() {
        for (int i = 0; i < 4; i++) {
            open(room, "user" + i, "user" + i);
        }

        assertThat(store.roomMembersUpTo(room, 4)).hasValueSatisfying(ids -> assertThat(ids).hasSize(4));
        assertThat(store.roomMembersUpTo(room, 3)).isEmpty();
        assertThat(store.roomMembersUpTo(room + "-none", 3)).contains(List.of());
    }

    @Test
    void roomPresence_readsNamesAndUserIds_upToTheMaximum() {
        String a = open(room, "alice", "u-alice");
        open(room, "bob", "u-bob");
        open(room, "carol", "u-carol");
        open(room + "-other", "dave", "u-dave");

        ConnectionStore.RoomPage all = store.roomPresence(room, 10);
        ConnectionStore.RoomPage some = store.roomPresence(room, 2);

        assertThat(all.more()).isFalse();
        assertThat(all.members()).extracting(RoomMember::userId).containsExactlyInAnyOrder("u-alice", "u-bob", "u-carol");
        assertThat(all.members()).filteredOn(m -> m.connectionId().equals(a)).singleElement()
                .extracting(RoomMember::name).isEqualTo("alice");
        assertThat(some.members()).hasSize(2);
        assertThat(some.more()).isTrue();
    }

    @Test
    void userConnections_findsEveryConnectionOfTheUser_acrossRooms() {
        String one = open(room, "Alice", "sub-alice");
        String two = open(room + "-b", "Alice", "sub-alice");
        open(room, "Bob", "sub-bob");

        assertThat(store.userConnections("sub-alice")).containsExactlyInAnyOrder(one, two);
        assertThat(store.userConnections(one)).as("a connection id is not a user id").isEmpty();
    }
}
