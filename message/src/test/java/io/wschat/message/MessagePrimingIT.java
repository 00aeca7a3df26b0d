package io.wschat.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.wschat.shared.testing.DynamoDbExtension;
import io.wschat.shared.testing.FakeSns;
import io.wschat.shared.testing.Fixtures;
import io.wschat.shared.testing.PrimingTestBase;
import io.wschat.shared.testing.TestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MessagePrimingIT extends PrimingTestBase<MessageHandler> {

    MessagePrimingIT() {
        super(MessageHandler::new, "dynamodb", "handler");
    }

    @Test
    void handler_deliversAndStores_afterCheckpointAndRestore() {
        MessageHandler handler = restoredHandler(Map.of());
        String sender = backends.join("lobby", "alice");
        String peer = backends.join("lobby", "bob");

        int status = handler.handle(Fixtures.sendMessage(sender, "{\"action\":\"sendmessage\",\"data\":\"hi\"}"),
                new TestContext("message")).getStatusCode();

        assertThat(status).isEqualTo(200);
        assertThat(api.posts(peer)).singleElement().satisfies(frame ->
                assertThat(JsonParser.parseString(frame).getAsJsonObject().get("data").getAsString()).isEqualTo("hi"));
        // The message and its room's counter row.
        assertThat(DynamoDbExtension.rows(DYNAMO.messagesTable())).isEqualTo(2);
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("message");
    }
}
