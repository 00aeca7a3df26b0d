package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.wschat.shared.testing.DynamoDbExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
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
    void append_writesTheRow_underTheRoomsNextSequenceNumber_withTheExpiry() {
        ChatMessage message = message(room, NOW.toEpochMilli(), "hello");

        ChatMessage stored = messages.append(message, NOW.plus(Duration.ofHours(24)));

        assertThat(stored).isEqualTo(message.withSeq(1));
        Map<String, AttributeValue> item = DynamoDbExtension.client().getItem(b -> b
                .tableName(DYNAMO.messagesTable())
                .key(Map.of("room", AttributeValue.fromS(room), "seq", AttributeValue.fromN("1")))).item();
        assertThat(item.get("id").s()).isEqualTo(message.id());
        assertThat(item.get("ts").n()).isEqualTo(Long.toString(NOW.toEpochMilli()));
        assertThat(item.get("from").s()).isEqualTo("alice");
        assertThat(item.get("userId").s()).isEqualTo("u-alice");
        assertThat(item.get("data").s()).isEqualTo("hello");
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString(NOW.getEpochSecond() + 86_400));
        assertThat(messages.lastSeq(room)).isEqualTo(1);
    }

    @Test
    void append_numbersEachRoomOnItsOwn_from1_withoutGaps() {
        for (int i = 1; i <= 3; i++) {
            assertThat(messages.append(message(room, NOW.toEpochMilli() + i, "a" + i), NOW.plusSeconds(600)).seq())
                    .isEqualTo(i);
        }
        assertThat(messages.append(message(room + "-b", NOW.toEpochMilli(), "b1"), NOW.plusSeconds(600)).seq())
                .isEqualTo(1);
        assertThat(messages.lastSeq(room)).isEqualTo(3);
        assertThat(messages.lastSeq(room + "-never")).isZero();
    }

    @Test
    void append_fromManyInstancesAtOnce_givesEveryMessageItsOwnNumber_withoutGaps() throws Exception {
        int instances = 4;
        int perInstance = 15;
        // Separate stores stand for separate function instances: each remembers its own (soon stale) last number.
        List<MessageStore> stores = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            stores.add(new MessageStore(DynamoDbExtension.client(), DYNAMO.messagesTable()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (MessageStore store : stores) {
                results.add(pool.submit(() -> {
                    List<Long> seqs = new ArrayList<>();
                    for (int j = 0; j < perInstance; j++) {
                        seqs.add(store.append(message(room, NOW.toEpochMilli(), "m"), NOW.plusSeconds(600)).seq());
                    }
                    return seqs;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                all.addAll(result.get());
            }
            assertThat(all).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(LongStream
                            .rangeClosed(1, (long) instances * perInstance).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
        assertThat(messages.after(room, 0, 100, NOW).messages()).extracting(ChatMessage::seq)
                .isSorted().hasSize(instances * perInstance);
    }

    @Test
    void after_returnsTheMessagesFollowingASequenceNumber_oldestFirst_andWhetherMoreFollow() {
        for (int i = 1; i <= 5; i++) {
            messages.append(message(room, NOW.toEpochMilli() + i, "m" + i), NOW.plusSeconds(600));
        }

        MessageStore.Page first = messages.after(room, 1, 2, NOW);
        MessageStore.Page rest = messages.after(room, 3, 10, NOW);

        assertThat(first.messages()).extracting(ChatMessage::data).containsExactly("m2", "m3");
        assertThat(first.more()).isTrue();
        assertThat(rest.messages()).extracting(ChatMessage::seq).containsExactly(4L, 5L);
        assertThat(rest.more()).isFalse();
        assertThat(messages.after(room, 5, 10, NOW).messages()).isEmpty();
    }

    @Test
    void after_leavesOutExpiredMessages_soTheFirstReturnedShowsTheHole() {
        messages.append(message(room, NOW.toEpochMilli() + 1, "old"), NOW.minusSeconds(1));
        messages.append(message(room, NOW.toEpochMilli() + 2, "fresh"), NOW.plusSeconds(600));

        assertThat(messages.after(room, 0, 10, NOW).messages()).extracting(ChatMessage::seq).containsExactly(2L);
    }

    @Test
    void edit_changesTheTextOfTheSendersOwnMessage_andMarksIt() {
        ChatMessage stored = messages.append(message(room, NOW.toEpochMilli(), "frist"), NOW.plusSeconds(600));

        MessageStore.Change change = messages.edit(room, stored.seq(), "u-alice", "first", NOW.plusSeconds(5));

        assertThat(change.outcome()).isEqualTo(MessageStore.ChangeOutcome.CHANGED);
        assertThat(change.message().data()).isEqualTo("first");
        assertThat(change.message().editedAt()).isEqualTo(NOW.plusSeconds(5).toEpochMilli());
        assertThat(change.message().id()).isEqualTo(stored.id());
        assertThat(messages.latest(room, 1, NOW).get(0)).isEqualTo(change.message());
    }

    @Test
    void edit_andDelete_refuseSomeoneElsesMessage_anUnknownOne_andAnExpiredOne_changingNothing() {
        ChatMessage stored = messages.append(message(room, NOW.toEpochMilli(), "mine"), NOW.plusSeconds(600));
        ChatMessage expired = messages.append(message(room, NOW.toEpochMilli(), "old"), NOW.minusSeconds(1));

        assertThat(messages.edit(room, stored.seq(), "u-mallory", "pwned", NOW).outcome())
                .isEqualTo(MessageStore.ChangeOutcome.NOT_SENDER);
        assertThat(messages.delete(room, stored.seq(), "u-mallory", NOW).outcome())
                .isEqualTo(MessageStore.ChangeOutcome.NOT_SENDER);
        assertThat(messages.edit(room, 99, "u-alice", "x", NOW).outcome())
                .isEqualTo(MessageStore.ChangeOutcome.NOT_FOUND);
        assertThat(messages.delete(room, expired.seq(), "u-alice", NOW).outcome())
                .isEqualTo(MessageStore.ChangeOutcome.NOT_FOUND);
        assertThat(messages.latest(room, 5, NOW)).containsExactly(stored);
    }

    @Test
    void delete_leavesATombstone_underTheSameNumber_thatCannotBeEditedOrDeletedAgain() {
        ChatMessage stored = messages.append(message(room, NOW.toEpochMilli(), "oops"), NOW.plusSeconds(600));
        messages.append(message(room, NOW.toEpochMilli() + 1, "next"), NOW.plusSeconds(600));

        MessageStore.Change change = messages.delete(room, stored.seq(), "u-alice", NOW.plusSeconds(1));

        assertThat(change.outcome()).isEqualTo(MessageStore.ChangeOutcome.CHANGED);
        assertThat(change.message().deleted()).isTrue();
        assertThat(change.message().data()).isEmpty();
        assertThat(messages.after(room, 0, 10, NOW).messages()).extracting(ChatMessage::seq, ChatMessage::deleted)
                .containsExactly(tuple(1L, true),
                        tuple(2L, false));
        assertThat(messages.edit(room, stored.seq(), "u-alice", "again", NOW).outcome())
                .isEqualTo(MessageStore.ChangeOutcome.DELETED);
        assertThat(messages.delete(room, stored.seq(), "u-alice", NOW).outcome())
                .isEqualTo(MessageStore.ChangeOutcome.DELETED);
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
