package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.wschat.shared.testing.AbortedHttpClient;
import io.wschat.shared.testing.DynamoDbExtension;
import io.wschat.shared.testing.FakeManagementApi;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class BroadcasterIT {

    @RegisterExtension
    static final DynamoDbExtension DYNAMO = new DynamoDbExtension();

    private static final String PAYLOAD = "{\"type\":\"message\",\"data\":\"hi\"}";

    private final FakeManagementApi api = FakeManagementApi.start();
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Log log = new Log(Log.Level.ERROR, new PrintStream(OutputStream.nullOutputStream()),
            Clock.systemUTC());
    private final ConnectionStore store = new ConnectionStore(DynamoDbExtension.client(),
            DYNAMO.connectionsTable());
    private AwsClients clients;

    @AfterEach
    void close() {
        executor.shutdownNow();
        if (clients != null) {
            clients.close();
        }
        api.close();
    }

    private Broadcaster broadcaster(int concurrency, int maxAttempts, int postTimeoutMs) {
        Map<String, String> env = new HashMap<>(DYNAMO.environment());
        env.put("TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:unused");
        env.put("POST_TIMEOUT_MS", Integer.toString(postTimeoutMs));
        clients = new AwsClients(ChatConfig.from(env));
        return new Broadcaster(clients.connectionPoster(api.callbackUrl()), store, executor, concurrency,
                new Backoff(maxAttempts, Duration.ofMillis(5), Duration.ofMillis(20)), log);
    }

    private List<String> storedConnections(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString().substring(0, 10) + "=";
            store.put(Connection.open(id, "lobby", "user" + i, "user" + i, Instant.now(), Optional.empty(),
                    Optional.empty()));
            ids.add(id);
        }
        return ids;
    }

    @Test
    void send_countsABareRuntimeExceptionFromTheHttpClientAsFailed() {
        AbortedHttpClient http = new AbortedHttpClient();
        Broadcaster aborted = new Broadcaster(http.connectionPoster(), store, executor, 4,
                new Backoff(3, Duration.ofMillis(5), Duration.ofMillis(20)), log);

        assertThat(aborted.send("gone-or-not=", PAYLOAD)).isEqualTo(Delivery.FAILED);
        assertThat(aborted.broadcast(List.of("a=", "b="), PAYLOAD).failedConnectionIds()).containsExactly("a=", "b=");
        assertThat(http.requests()).isEqualTo(3);
    }

    @Test
    void broadcast_postsThePayloadToEveryRecipientOnce() {
        List<String> recipients = storedConnections(5);

        BroadcastResult result = broadcaster(4, 3, 2000).broadcast(recipients, PAYLOAD);

        assertThat(result.delivered()).isEqualTo(5);
        assertThat(result.failedConnectionIds()).isEmpty();
        for (String id : recipients) {
            assertThat(api.posts(id)).containsExactly(PAYLOAD);
        }
    }

    @Test
    void broadcast_postsOnce_whenARecipientIsListedTwice() {
        List<String> recipients = storedConnections(1);

        BroadcastResult result = broadcaster(4, 3, 2000).broadcast(List.of(recipients.get(0), recipients.get(0)),
                PAYLOAD);

        assertThat(result.delivered()).isEqualTo(1);
        assertThat(api.posts(recipients.get(0))).hasSize(1);
    }

    @Test
    void broadcast_keepsTheRowOfAGoneRecipient_thatConnectedWithinTheGrace() {
        List<String> recipients = storedConnections(2);
        String connecting = recipients.get(0);
        api.gone(connecting);
        broadcaster(4, 3, 2000);
        Broadcaster withGrace = new Broadcaster(clients.connectionPoster(api.callbackUrl()), store, executor, 4,
                new Backoff(3, Duration.ofMillis(5), Duration.ofMillis(20)), new java.util.Random(1)::nextLong, log,
                Clock.systemUTC(), Duration.ofSeconds(30));

        BroadcastResult result = withGrace.broadcast(recipients, PAYLOAD);

        assertThat(result.gone()).isEqualTo(1);
        assertThat(store.find(connecting)).as("a connection still in $connect is answered 410 too").isPresent();
    }

    @Test
    void broadcast_removesStaleConnection_whenPostReturnsGone() {
        List<String> recipients = storedConnections(3);
        String stale = recipients.get(1);
        api.gone(stale);

        BroadcastResult result = broadcaster(4, 3, 2000).broadcast(recipients, PAYLOAD);

        assertThat(result.gone()).isEqualTo(1);
        assertThat(result.delivered()).isEqualTo(2);
        assertThat(store.find(stale)).isEmpty();
        assertThat(store.find(recipients.get(0))).isPresent();
        assertThat(store.find(recipients.get(2))).isPresent();
        assertThat(api.attempts(stale)).isEqualTo(1);
    }

    @Test
    void broadcast_retriesThrottledPosts_untilTheyAreDelivered() {
        List<String> recipients = storedConnections(2);
        api.fail(recipients.get(0), 429, 2);

        BroadcastResult result = broadcaster(4, 3, 2000).broadcast(recipients, PAYLOAD);

        assertThat(result.delivered()).isEqualTo(2);
        assertThat(api.attempts(recipients.get(0))).isEqualTo(3);
        assertThat(api.posts(recipients.get(0))).containsExactly(PAYLOAD);
    }

    @Test
    void broadcast_retriesServerErrors_thenCountsTheRecipientFailed_andStillDeliversToTheOthers() {
        List<String> recipients = storedConnections(4);
        String broken = recipients.get(0);
        api.fail(broken, 500, 100);

        BroadcastResult result = broadcaster(2, 3, 2000).broadcast(recipients, PAYLOAD);

        assertThat(result.failedConnectionIds()).containsExactly(broken);
        assertThat(result.delivered()).isEqualTo(3);
        assertThat(api.attempts(broken)).isEqualTo(3);
        assertThat(store.find(broken)).as("a failing recipient is not removed").isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {400, 403, 413})
    void broadcast_countsAClientErrorAsFailed_withoutRetryingIt_andKeepsTheRow(int status) {
        List<String> recipients = storedConnections(2);
        String refused = recipients.get(0);
        api.fail(refused, status, 100);
        broadcaster(4, 3, 2000);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        Broadcaster logged = new Broadcaster(clients.connectionPoster(api.callbackUrl()), store, executor, 4,
                new Backoff(3, Duration.ofMillis(5), Duration.ofMillis(20)),
                new Log(Log.Level.DEBUG, new PrintStream(lines, true, StandardCharsets.UTF_8), Clock.systemUTC()));

        BroadcastResult result = logged.broadcast(recipients, PAYLOAD);

        assertThat(result.failedConnectionIds()).containsExactly(refused);
        assertThat(result.gone()).as("not treated as gone").isZero();
        assertThat(result.delivered()).isEqualTo(1);
        assertThat(api.attempts(refused)).as("one attempt of the three allowed").isEqualTo(1);
        assertThat(api.posts(refused)).isEmpty();
        assertThat(store.find(refused)).as("the row stays").isPresent();
        List<JsonObject> aboutRefused = lines.toString(StandardCharsets.UTF_8).lines()
                .map(line -> JsonParser.parseString(line).getAsJsonObject())
                .filter(line -> line.has("recipient") && refused.equals(line.get("recipient").getAsString()))
                .toList();
        assertThat(aboutRefused).singleElement().satisfies(line -> {
            assertThat(line.get("level").getAsString()).isEqualTo("WARN");
            assertThat(line.get("message").getAsString()).isEqualTo("post failed");
            assertThat(line.get("statusCode").getAsInt()).isEqualTo(status);
            assertThat(line.get("attempts").getAsInt()).isEqualTo(1);
            assertThat(line.get("retryable").getAsBoolean()).isFalse();
        });
    }

    @Test
    void broadcast_givesUpOnAHangingRecipient_afterThePostTimeout_withoutRetrying() {
        List<String> recipients = storedConnections(3);
        String hanging = recipients.get(2);
        api.hang(hanging);
        Broadcaster broadcaster = broadcaster(4, 3, 300);

        long started = System.nanoTime();
        BroadcastResult result = broadcaster.broadcast(recipients, PAYLOAD);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result.failedConnectionIds()).containsExactly(hanging);
        assertThat(result.delivered()).isEqualTo(2);
        assertThat(api.attempts(hanging)).isEqualTo(1);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void broadcast_startsNoPostAfterItsDeadline_andCountsTheRestAsFailed() {
        List<String> recipients = storedConnections(3);
        String hanging = recipients.get(0);
        api.hang(hanging);
        // One post at a time: the first hangs for its 1 s timeout, and the deadline passes meanwhile.
        Broadcaster broadcaster = broadcaster(1, 3, 1000).until(Duration.ofMillis(200));

        BroadcastResult result = broadcaster.broadcast(recipients, PAYLOAD);

        assertThat(result.failedConnectionIds()).containsExactlyElementsOf(recipients);
        assertThat(result.delivered()).isZero();
        assertThat(api.attempts(hanging)).isEqualTo(1);
        assertThat(api.attempts(recipients.get(1))).as("not started after the deadline").isZero();
        assertThat(api.attempts(recipients.get(2))).isZero();
    }

    @Test
    void broadcast_withTimeLeft_deliversAsWithoutADeadline() {
        List<String> recipients = storedConnections(3);

        BroadcastResult result = broadcaster(1, 3, 1000).until(Duration.ofSeconds(20)).broadcast(recipients, PAYLOAD);

        assertThat(result.delivered()).isEqualTo(3);
    }

    @Test
    void broadcast_keepsAtMostConcurrencyPostsInFlight_andUsesThatMany() {
        List<String> recipients = storedConnections(6);
        api.gatherInGroupsOf(2);

        BroadcastResult result = broadcaster(2, 1, 3000).broadcast(recipients, PAYLOAD);

        assertThat(result.delivered()).as("posts went out in pairs").isEqualTo(6);
        assertThat(api.maxInFlight()).isEqualTo(2);
    }

    @Test
    void broadcast_ofNobody_postsNothing() {
        BroadcastResult result = broadcaster(2, 1, 1000).broadcast(List.of(), PAYLOAD);

        assertThat(result.attempted()).isZero();
        assertThat(api.recipients()).isEmpty();
    }

    @Test
    void send_postsToOneConnection_andReportsGone() {
        List<String> ids = storedConnections(2);
        api.gone(ids.get(1));
        Broadcaster broadcaster = broadcaster(2, 3, 1000);

        assertThat(broadcaster.send(ids.get(0), PAYLOAD)).isEqualTo(Delivery.DELIVERED);
        assertThat(broadcaster.send(ids.get(1), PAYLOAD)).isEqualTo(Delivery.GONE);
        assertThat(api.posts(ids.get(0))).containsExactly(PAYLOAD);
        assertThat(store.find(ids.get(1))).isEmpty();
    }
}
