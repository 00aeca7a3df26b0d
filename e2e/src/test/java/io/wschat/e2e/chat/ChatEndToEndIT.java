package io.wschat.e2e.chat;

import static io.wschat.e2e.ChatFrames.framesOfTypeBeforeMarker;
import static io.wschat.e2e.ChatFrames.nextOfType;
import static io.wschat.e2e.ChatFrames.sendMessage;
import static io.wschat.e2e.ProjectStacks.connectionRows;
import static io.wschat.e2e.ProjectStacks.join;
import static io.wschat.e2e.ProjectStacks.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.wschat.e2e.ProjectStack;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.LocalStack;
import io.wschat.local.RecordedInvocations;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real functions from template.yaml, behind the local gateway, with real WebSocket clients. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChatEndToEndIT {


    @RegisterExtension
    static final ProjectStack STACK = ProjectStack.of(ProjectStacks.options());

    private static String newRoom() {
        return "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void oneClientSends_everyOtherMemberReceivesItExactlyOnce() throws Exception {
        String room = newRoom();
        try (TestClient alice = STACK.join(room, "alice");
                TestClient bob = STACK.join(room, "bob");
                TestClient carol = STACK.join(room, "carol");
                TestClient outsider = STACK.join(newRoom(), "dave")) {

            alice.send(sendMessage("hello room"));

            JsonObject atBob = nextOfType(bob, "message");
            JsonObject atCarol = nextOfType(carol, "message");
            assertThat(atBob.get("data").getAsString()).isEqualTo("hello room");
            assertThat(atBob.get("from").getAsString()).isEqualTo("alice");
            assertThat(atBob.get("room").getAsString()).isEqualTo(room);
            assertThat(atCarol.get("id").getAsString()).isEqualTo(atBob.get("id").getAsString());
            RecordedInvocations.Invocation send = STACK.invocations().await(i -> i.routeKey().equals("sendmessage")
                    && i.event().get("body").getAsString().contains("hello room"));
            assertThat(send.result().fanOut().count("POST", 200)).as("posts counted for the invocation")
                    .isGreaterThanOrEqualTo(2);
            assertThat(framesOfTypeBeforeMarker(bob, "message")).isEmpty();
            assertThat(framesOfTypeBeforeMarker(carol, "message")).isEmpty();
            assertThat(framesOfTypeBeforeMarker(outsider, "message")).isEmpty();
        }
    }

    @Test
    void closingClient_isRemovedByDisconnect() throws Exception {
        String room = newRoom();
        try (TestClient alice = STACK.join(room, "alice")) {
            assertThat(alice.socket().isOutputClosed()).isFalse();
            TestClient bob = STACK.join(room, "bob");
            assertThat(names(connectionRows(STACK.stack(), room))).containsExactlyInAnyOrder("alice", "bob");

            bob.closeNormally();
            bob.awaitClose();
            String bobId = STACK.invocations().await(i -> i.routeKey().equals("$connect")
                    && i.event().getAsJsonObject("queryStringParameters").get("room").getAsString().equals(room)
                    && i.event().getAsJsonObject("queryStringParameters").get("name").getAsString().equals("bob"))
                    .connectionId();
            assertThat(STACK.invocations().await("$disconnect", bobId).result().statusCode()).isEqualTo(200);

            assertThat(names(connectionRows(STACK.stack(), room))).containsExactly("alice");
        }
    }

    @Test
    void killedClient_whoseDisconnectIsLost_isCleanedUpAfterGone() throws Exception {
        // The killed client connected a moment ago: no grace, or its row would be kept as possibly still connecting.
        try (LocalStack lossy = TestStacks.start(ProjectStacks.options().withDropDisconnects(true)
                .withEnvironment(Map.of("GONE_GRACE_SECONDS", "0")))) {
            RecordedInvocations invocations = new RecordedInvocations();
            lossy.addInvocationListener(invocations);
            String room = newRoom();
            try (TestClient alice = join(lossy, room, "alice")) {
                TestClient carol = join(lossy, room, "carol");
                assertThat(names(connectionRows(lossy, room))).containsExactlyInAnyOrder("alice", "carol");

                carol.socket().abort();
                alice.send(sendMessage("anyone there?"));

                RecordedInvocations.Invocation send = invocations.await(i -> i.routeKey().equals("sendmessage"));
                assertThat(send.result().fanOut().count("POST", 410)).isEqualTo(1);
                assertThat(names(connectionRows(lossy, room))).containsExactly("alice");
            }
        }
    }
}
