package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.shared.testing.DynamoDbExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@Timeout(30)
class MessageStoreIT {

    @RegisterExtension
    static final DynamoDbExtension DYNAMO = new DynamoDbExtension();

    // Real time: the engine's TTL deletes rows whose TTL attribute has passed.
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    private final MessageStore messages = new MessageStore(DynamoDbExtension.client(), DYNAMO.messagesTable());
    private final String room = "room-" + UUID.randomUUID().toString().substring(0, 8);

    private ChatMessage message(String room, long ts, String data) {
        return new ChatMessage(new IdGenerator(java.time.Clock.systemUTC()).next(ts), ts, room, "alice", "u-alice", data);
    }

    @Test
    void append_writesTheRow_withASortableKeyAndTheExpiry() {
        ChatMessage message = message(room, NOW.toEpochMilli(), "hello");

        messages.append(message, NOW.plus(Duration.ofHours(24)));

        Map<String, AttributeValue> item = DynamoDbExtension.client().getItem(b -> b
                .tableName(DYNAMO.messagesTable())
                .key(Map.of("room", AttributeValue.fromS(room),
                        "sk", AttributeValue.fromS(NOW.toEpochMilli() + "#" + message.id())))).item();
        assertThat(item.get("id").s()).isEqualTo(message.id());
        assertThat(item.get("from").s()).isEqualTo("alice");
        assertThat(item.get("userId").s()).isEqualTo("u-alice");
        assertThat(item.get("data").s()).isEqualTo("hello");
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(NOW.getEpochSecond() + 86_400));
        assertThat(MessageStore.sortKey(new ChatMessage("X", 5, room, "a", "a", "d"))).isEqualTo("0000000000005#X");
    }

    @Test
    void latest_returnsTheNewestFirst_upToTheLimit_fromThisRoomOnly() {
        for (int i = 1; i <= 5; i++) {
            messages.append(message(room, NOW.toEpochMilli() + i, "m" + i), NOW.plus(Duration.ofHours(1)));
        }
        messages.append(message(room + "-other", NOW.toEpochMilli() + 9, "elsewhere"), NOW.plus(Duration.ofHours(1)));

        List<ChatMessage> latest = messages.latest(room, 3, NOW);

        assertThat(latest).extracting(ChatMessage::data).containsExactly("m5", "m4", "m3");
        assertThat(latest).allSatisfy(m -> assertThat(m.room()).isEqualTo(room));
    }

    @Test
    void latest_leavesOutExpiredMessages_thatTtlHasNotRemovedYet() {
        messages.append(message(room, NOW.toEpochMilli() - 2, "old"), NOW.minusSeconds(1));
        messages.append(message(room, NOW.toEpochMilli() - 1, "fresh"), NOW.plusSeconds(60));

        assertThat(messages.latest(room, 10, NOW)).extracting(ChatMessage::data).containsExactly("fresh");
    }

    @Test
    void latest_returnsAFullPageInOrder_whenMoreNewerRowsThanTheLimitHaveExpired() {
        for (int i = 1; i <= 5; i++) {
            messages.append(message(room, NOW.toEpochMilli() + i, "live" + i), NOW.plus(Duration.ofHours(1)));
        }
        for (int i = 1; i <= 7; i++) {
            messages.append(message(room, NOW.toEpochMilli() + 100 + i, "expired" + i), NOW.minusSeconds(60));
        }

        List<ChatMessage> latest = messages.latest(room, 3, NOW);

        assertThat(latest).extracting(ChatMessage::data).containsExactly("live5", "live4", "live3");
    }

    @Test
    void latest_stopsAfterMaxPages_whenMoreRowsThanThatHaveExpired() {
        int limit = 2;
        messages.append(message(room, NOW.toEpochMilli() + 1, "live"), NOW.plus(Duration.ofHours(1)));
        for (int i = 1; i <= MessageStore.MAX_PAGES * limit; i++) {
            messages.append(message(room, NOW.toEpochMilli() + 100 + i, "expired" + i), NOW.minusSeconds(60));
        }

        assertThat(messages.latest(room, limit, NOW)).isEmpty();
        assertThat(messages.latest(room, limit + 1, NOW)).extracting(ChatMessage::data).containsExactly("live");
    }

    @Test
    void latest_isEmpty_forARoomWithoutMessages() {
        assertThat(messages.latest(room + "-quiet", 50, NOW)).isEmpty();
    }
}
