package io.wschat.e2e.reliability;

import static io.wschat.e2e.ChatFrames.nextOfType;
import static io.wschat.e2e.ChatFrames.parse;
import static io.wschat.e2e.ChatFrames.sendMessage;
import static io.wschat.e2e.reliability.ChatClients.handshake;
import static io.wschat.e2e.reliability.ChatClients.newRoom;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.wschat.e2e.ProjectStack;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.RecordedInvocations;
import io.wschat.local.TestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The limits per user across connections, with real clients through the local stack. Every client here is
 * anonymous and connects from loopback, so they all count for one address: the address limits stand for a user's.
 * Each test waits for what it counts to be over before the next starts (closed connections are released by their
 * {@code $disconnect}), and the window is long enough not to roll over within the class.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AbuseLimitsIT {

    private static final int CONNECTIONS = 3;
    private static final int ACTIONS = 8;

    /** Connections and room changes limited; actions plenty. */
    @RegisterExtension
    static final ProjectStack STACK = ProjectStack.of(ProjectStacks.options().withEnvironment(Map.of(
            "MAX_CONNECTIONS_PER_ADDRESS", String.valueOf(CONNECTIONS),
            "ADDRESS_ROOM_CHANGE_LIMIT", "2",
            "RATE_LIMIT_WINDOW_SECONDS", "2000000000")));

    /** Actions limited, in a stack of their own, so that no other test spends them. */
    @RegisterExtension
    static final ProjectStack ACTIONS_STACK = ProjectStack.of(ProjectStacks.options().withEnvironment(Map.of(
            "ADDRESS_RATE_LIMIT_MESSAGES", String.valueOf(ACTIONS),
            "RATE_LIMIT_WINDOW_SECONDS", "2000000000")));

    private final String room = newRoom();

    /**
     * Waits for the $disconnect of every connection this test opened in its room, so that the places they held are
     * free again before the next test connects from the same address.
     */
    @AfterEach
    void awaitPlacesGivenBack() throws InterruptedException {
        List<String> opened = STACK.invocations()
                .matching(i -> i.routeKey().equals("$connect") && i.result().statusCode() == 200 && inRoom(i))
                .stream().map(RecordedInvocations.Invocation::connectionId).toList();
        for (String connectionId : opened) {
            STACK.invocations().await("$disconnect", connectionId);
        }
    }

    private boolean inRoom(RecordedInvocations.Invocation invocation) {
        JsonElement query = invocation.event().get("queryStringParameters");
        return query != null && query.isJsonObject() && query.getAsJsonObject().has("room")
                && room.equals(query.getAsJsonObject().get("room").getAsString());
    }

    @Test
    void oneAddress_getsAtMostItsConnections_andAPlaceIsFreeAgainOnceAConnectionCloses() throws Exception {
        List<TestClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                open.add(STACK.join(room, "guest" + i));
            }

            ChatClients.Handshake refused = handshake(STACK.stack(), "/?room=" + room + "&name=onemore", Map.of());

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.body()).isEqualTo("Too many connections: at most " + CONNECTIONS
                    + " open at once from one address without a token; close one and try again.");

            // when: one closes, its $disconnect gives the place back
            String first = connectionId(room, "guest0");
            open.remove(0).close();
            STACK.invocations().await("$disconnect", first);

            // then
            open.add(STACK.join(room, "onemore"));
        } finally {
            for (TestClient client : open) {
                client.close();
            }
        }
    }

    @Test
    void actions_areCountedAcrossTheConnections_refusedFramesIncluded() throws Exception {
        try (TestClient phone = ACTIONS_STACK.join(room, "alice");
                TestClient laptop = ACTIONS_STACK.join(room, "alice")) {
            // given: the address has used all but one of its actions, half of them on malformed frames
            int used = 0;
            for (; used < ACTIONS / 2; used++) {
                phone.send("not json " + used);
                assertThat(nextOfType(phone, "error").get("code").getAsString()).isEqualTo("INVALID_JSON");
            }
            for (; used < ACTIONS - 1; used++) {
                laptop.send(sendMessage("m" + used));
                assertThat(nextOfType(phone, "message").get("data").getAsString()).isEqualTo("m" + used);
            }

            // when: the last one, then one more, each from another connection
            phone.send(sendMessage("the last one"));
            assertThat(nextOfType(laptop, "message").get("data").getAsString()).isEqualTo("the last one");
            laptop.send(sendMessage("one too many"));

            // then
            JsonObject refused = nextOfType(laptop, "error");
            assertThat(refused.get("code").getAsString()).isEqualTo("RATE_LIMITED");
            assertThat(refused.get("message").getAsString()).contains("from this address across its connections");
        }
    }

    @Test
    void aWhisperToOnesOwnUser_postsOncePerOwnConnection_soItsCostIsBoundedByTheConnectionLimit() throws Exception {
        List<TestClient> own = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                own.add(STACK.join(room, "echo"));
            }
            assertThat(handshake(STACK.stack(), "/?room=" + room + "&name=echo", Map.of()).status())
                    .as("no fourth connection to post to").isEqualTo(429);

            JsonObject whisper = new JsonObject();
            whisper.addProperty("action", "whisper");
            whisper.addProperty("to", "echo");
            whisper.addProperty("data", "to myself");
            own.get(0).send(whisper.toString());

            for (TestClient client : own) {
                assertThat(nextOfType(client, "whisper").get("data").getAsString()).isEqualTo("to myself");
            }
            long posts = STACK.invocations().await(i -> i.routeKey().equals("whisper")).result().fanOut()
                    .count("POST", 200);
            assertThat(posts).isEqualTo(CONNECTIONS);
        } finally {
            for (TestClient client : own) {
                client.close();
            }
        }
    }

    @Test
    void roomChanges_areLimited_becauseEachNotifiesTwoRooms() throws Exception {
        try (TestClient mover = STACK.join(room, "mover")) {
            mover.send(join(room + "-a"));
            assertThat(nextOfType(mover, "joined").get("room").getAsString()).isEqualTo(room + "-a");
            mover.send(join(room + "-b"));
            assertThat(nextOfType(mover, "joined").get("room").getAsString()).isEqualTo(room + "-b");

            mover.send(join(room + "-c"));

            JsonObject refused = parse(mover.next());
            assertThat(refused.get("type").getAsString()).isEqualTo("error");
            assertThat(refused.get("code").getAsString()).isEqualTo("RATE_LIMITED");
            assertThat(refused.get("message").getAsString()).startsWith("too many room changes");
        }
    }

    private static String connectionId(String room, String name) throws InterruptedException {
        return STACK.invocations().await(i -> i.routeKey().equals("$connect") && i.event().has("queryStringParameters")
                && room.equals(i.event().getAsJsonObject("queryStringParameters").get("room").getAsString())
                && name.equals(i.event().getAsJsonObject("queryStringParameters").get("name").getAsString()))
                .connectionId();
    }

    private static String join(String room) {
        JsonObject frame = new JsonObject();
        frame.addProperty("action", "join");
        frame.addProperty("room", room);
        return frame.toString();
    }
}
