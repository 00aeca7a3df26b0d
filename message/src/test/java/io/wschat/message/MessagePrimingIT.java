package io.wschat.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.wschat.shared.Priming;
import io.wschat.shared.testing.DynamoDbExtension;
import io.wschat.shared.testing.FakeSns;
import io.wschat.shared.testing.Fixtures;
import io.wschat.shared.testing.HandlerTestBase;
import io.wschat.shared.testing.PrimingChecks;
import io.wschat.shared.testing.TestContext;
import io.wschat.shared.testing.TestEnvironment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MessagePrimingIT extends HandlerTestBase {

    private MessageHandler handler(Map<String, String> overrides) {
        return new MessageHandler(backends.dependencies(env -> env.putAll(overrides)));
    }

    @Test
    void beforeCheckpoint_primesEveryStep_andChangesNothing() {
        Priming priming = handler(Map.of()).priming();

        PrimingChecks.assertPrimesEveryStepAndChangesNothing(backends, priming, "dynamodb", "handler");
    }

    @Test
    void handler_deliversAndStores_afterCheckpointAndRestore() {
        MessageHandler handler = handler(Map.of());
        handler.priming().beforeCheckpoint(null);
        handler.priming().afterRestore(null);
        String sender = backends.join("lobby", "alice");
        String peer = backends.join("lobby", "bob");

        int status = handler.handle(Fixtures.sendMessage(sender, "{\"action\":\"sendmessage\",\"data\":\"hi\"}"),
                new TestContext("message")).getStatusCode();

        assertThat(handler.priming().failedSteps()).isEmpty();
        assertThat(status).isEqualTo(200);
        assertThat(api.posts(peer)).singleElement().satisfies(frame ->
                assertThat(JsonParser.parseString(frame).getAsJsonObject().get("data").getAsString()).isEqualTo("hi"));
        // The message and its room's counter row.
        assertThat(DynamoDbExtension.rows(DYNAMO.messagesTable())).isEqualTo(2);
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("message");
    }

    @Test
    void beforeCheckpoint_doesNotThrow_whenDynamoDbIsUnreachable() {
        Priming priming = handler(Map.of("DYNAMODB_ENDPOINT", TestEnvironment.closedEndpoint())).priming();

        PrimingChecks.assertSurvivesUnreachableDynamoDb(backends, priming, "dynamodb", "handler");
    }
}
