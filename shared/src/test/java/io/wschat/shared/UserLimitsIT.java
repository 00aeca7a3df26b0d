package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.shared.testing.DynamoDbExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-user places for open connections and per-user counters, against the DynamoDB engine. */
@Timeout(30)
class UserLimitsIT {

    @RegisterExtension
    static final DynamoDbExtension DYNAMO = new DynamoDbExtension();

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant OPEN_UNTIL = NOW.plus(Connection.TIME_TO_LIVE);

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final UserLimits limits = new UserLimits(DynamoDbExtension.client(), DYNAMO.connectionsTable(), clock);
    private final ConnectionStore store = new ConnectionStore(DynamoDbExtension.client(), DYNAMO.connectionsTable(),
            clock);
    private final String user = "user#u-" + UUID.randomUUID().toString().substring(0, 8);

    /** A connection with a row, as $connect stores it after claiming its place. */
    private String stored() {
        String id = UUID.randomUUID().toString().substring(0, 12) + "=";
        store.put(Connection.open(id, "lobby", "alice", "u-alice", NOW, Optional.empty(), Optional.empty()));
        return id;
    }

    @Test
    void claimConnection_givesUpToMaxPlaces_thenRefuses_andAReleasedPlaceCanBeTakenAgain() {
        String first = stored();
        String second = stored();
        String third = stored();

        assertThat(limits.claimConnection(user, first, OPEN_UNTIL, 2)).isTrue();
        assertThat(limits.claimConnection(user, second, OPEN_UNTIL, 2)).isTrue();
        assertThat(limits.claimConnection(user, third, OPEN_UNTIL, 2)).as("a third connection").isFalse();

        limits.releaseConnection(user, first);

        assertThat(limits.claimConnection(user, third, OPEN_UNTIL, 2)).isTrue();
        assertThat(limits.claimConnection(user, first, OPEN_UNTIL, 2)).as("the first again, now third").isFalse();
    }

    @Test
    void claimConnection_countsEachUserApart() {
        String other = "user#u-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(limits.claimConnection(user, stored(), OPEN_UNTIL, 1)).isTrue();
        assertThat(limits.claimConnection(other, stored(), OPEN_UNTIL, 1)).isTrue();
        assertThat(limits.claimConnection(user, stored(), OPEN_UNTIL, 1)).isFalse();
    }

    @Test
    void claimConnection_freesPlacesWhoseConnectionIsGone_whenTheUserIsAtTheLimit() {
        // given: a place whose connection row a lost $disconnect left behind (the row is gone, the place is not)
        String vanished = stored();
        assertThat(limits.claimConnection(user, vanished, OPEN_UNTIL, 1)).isTrue();
        store.delete(vanished);

        // then
        assertThat(limits.claimConnection(user, stored(), OPEN_UNTIL, 1)).isTrue();
        assertThat(limits.claimConnection(user, stored(), OPEN_UNTIL, 1)).as("the new one holds the place").isFalse();
    }

    @Test
    void claimConnection_doesNotCountExpiredPlaces() {
        assertThat(limits.claimConnection(user, stored(), NOW.minusSeconds(1), 1)).isTrue();

        assertThat(limits.claimConnection(user, stored(), OPEN_UNTIL, 1)).isTrue();
    }

    @Test
    void claimConnection_ofTheSameConnectionTwice_takesOnePlace() {
        String id = stored();

        assertThat(limits.claimConnection(user, id, OPEN_UNTIL, 1)).isTrue();
        assertThat(limits.claimConnection(user, id, OPEN_UNTIL, 1)).isTrue();
    }

    @Test
    void releaseConnection_ofAConnectionWithoutAPlace_changesNothing() {
        String holder = stored();
        limits.claimConnection(user, holder, OPEN_UNTIL, 1);

        limits.releaseConnection(user, "never-claimed=");
        limits.releaseConnection("user#nobody", holder);

        assertThat(limits.claimConnection(user, stored(), OPEN_UNTIL, 1)).isFalse();
    }

    @Test
    void claimConnection_concurrently_givesExactlyMaxPlaces() throws Exception {
        int attempts = 12;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            ids.add(stored());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (String id : ids) {
                Callable<Boolean> claim = () -> {
                    start.await();
                    return limits.claimConnection(user, id, OPEN_UNTIL, 5);
                };
                claims.add(pool.submit(claim));
            }
            start.countDown();
            int granted = 0;
            for (Future<Boolean> claim : claims) {
                if (claim.get(20, TimeUnit.SECONDS)) {
                    granted++;
                }
            }
            assertThat(granted).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void count_allowsTheLimitPerWindow_perCounterAndKey() {
        Duration window = Duration.ofSeconds(10);

        List<Boolean> actions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            actions.add(limits.count(UserLimits.ACTIONS, user, window, 3));
        }

        assertThat(actions).containsExactly(true, true, true, false);
        assertThat(limits.count(UserLimits.ROOM_CHANGES, user, window, 3)).as("another counter").isTrue();
        assertThat(limits.count(UserLimits.ACTIONS, user + "-other", window, 3)).as("another user").isTrue();
    }

    @Test
    void count_startsAgain_inTheNextWindow() {
        Duration window = Duration.ofSeconds(10);
        UserLimits later = new UserLimits(DynamoDbExtension.client(), DYNAMO.connectionsTable(),
                Clock.fixed(NOW.plus(window), ZoneOffset.UTC));
        limits.count(UserLimits.ACTIONS, user, window, 1);

        assertThat(limits.count(UserLimits.ACTIONS, user, window, 1)).isFalse();
        assertThat(later.count(UserLimits.ACTIONS, user, window, 1)).isTrue();
    }

    @Test
    void keyOf_isTheUserId_orTheSourceAddressForAnonymousConnections() {
        Connection authenticated = Connection.open("c1=", "lobby", "alice", "u-alice", NOW, Optional.of("10.0.0.1"),
                Optional.empty(), false);
        Connection anonymous = Connection.open("c2=", "lobby", "bob", "bob", NOW, Optional.of("10.0.0.1"),
                Optional.empty(), true);

        assertThat(UserLimits.keyOf(authenticated)).isEqualTo("user#u-alice");
        assertThat(UserLimits.keyOf(anonymous)).isEqualTo("address#10.0.0.1");
    }
}
