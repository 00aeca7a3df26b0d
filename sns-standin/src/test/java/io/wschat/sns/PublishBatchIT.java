package io.wschat.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sns.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sns.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sns.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResultEntry;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.TooManyEntriesInBatchRequestException;

/** {@code PublishBatch} through the real SDK client: each entry a message of its own, refusals as SNS gives them. */
@Timeout(60)
class PublishBatchIT {

    @RegisterExtension
    static final StandInFixture STAND_IN = StandInFixture.of(b -> b);

    @Test
    void eachEntry_isPublishedAsItsOwnMessage_inOrder_withItsAttributes() {
        String topicArn = topic();
        PublishBatchResponse response;
        List<PublishedMessage> published;
        try (Recording recording = new Recording()) {
            response = STAND_IN.sns().publishBatch(r -> r.topicArn(topicArn).publishBatchRequestEntries(
                    entry("first", "{\"eventType\":\"connected\"}", "connected"),
                    entry("second_2", "{\"eventType\":\"joined\"}", "joined")));
            published = recording.on(topicArn);
        }

        assertThat(response.failed()).isEmpty();
        assertThat(response.successful()).extracting(PublishBatchResultEntry::id).containsExactly("first", "second_2");
        assertThat(published).extracting(PublishedMessage::message)
                .containsExactly("{\"eventType\":\"connected\"}", "{\"eventType\":\"joined\"}");
        assertThat(published).extracting(PublishedMessage::messageId)
                .containsExactlyElementsOf(response.successful().stream().map(PublishBatchResultEntry::messageId)
                        .toList());
        assertThat(published.get(1).attributes())
                .containsExactly(Map.entry("eventType", new MessageAttribute("String", "joined")));
    }

    @Test
    void anEntryPublishWouldRefuse_failsAlone_asTheSendersFault() {
        String topicArn = topic();

        PublishBatchResponse response = STAND_IN.sns().publishBatch(r -> r.topicArn(topicArn)
                .publishBatchRequestEntries(
                        entry("good", "fine", "message"),
                        PublishBatchRequestEntry.builder().id("bad").message("x")
                                .messageAttributes(Map.of("count", MessageAttributeValue.builder()
                                        .dataType("Number").stringValue("many").build()))
                                .build()));

        assertThat(response.successful()).extracting(PublishBatchResultEntry::id).containsExactly("good");
        assertThat(response.failed()).singleElement().satisfies(failure -> {
            assertThat(failure.id()).isEqualTo("bad");
            assertThat(failure.code()).isEqualTo("ParameterValueInvalid");
            assertThat(failure.message()).isNotBlank();
            assertThat(failure.senderFault()).isTrue();
        });
        assertThat(response.failed()).extracting(BatchResultErrorEntry::id).doesNotContain("good");
    }

    static Stream<Arguments> refusedBatches() {
        String big = "x".repeat(130 * 1024);
        return Stream.of(
                Arguments.of("no entries", List.of(), EmptyBatchRequestException.class, "EmptyBatchRequest"),
                Arguments.of("eleven entries", IntStream.range(0, 11).mapToObj(i -> entry("e" + i, "m", "t")).toList(),
                        TooManyEntriesInBatchRequestException.class, "TooManyEntriesInBatchRequest"),
                Arguments.of("a repeated id", List.of(entry("same", "a", "t"), entry("same", "b", "t")),
                        BatchEntryIdsNotDistinctException.class, "BatchEntryIdsNotDistinct"),
                Arguments.of("an id with a dot", List.of(entry("a.b", "a", "t")),
                        InvalidBatchEntryIdException.class, "InvalidBatchEntryId"),
                Arguments.of("an id of 81 characters", List.of(entry("i".repeat(81), "a", "t")),
                        InvalidBatchEntryIdException.class, "InvalidBatchEntryId"),
                Arguments.of("two messages over 256 KB together", List.of(entry("a", big, "t"), entry("b", big, "t")),
                        BatchRequestTooLongException.class, "BatchRequestTooLong"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBatches")
    void aMalformedBatch_isRefusedAsAWhole_andNothingIsPublished(String behaviour,
            List<PublishBatchRequestEntry> entries, Class<? extends SnsException> type, String code) {
        String topicArn = topic();

        try (Recording recording = new Recording()) {
            assertThatThrownBy(() -> STAND_IN.sns().publishBatch(r -> r.topicArn(topicArn)
                    .publishBatchRequestEntries(entries)))
                    .isInstanceOfSatisfying(type, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                    });
            assertThat(recording.on(topicArn)).isEmpty();
        }
    }

    @Test
    void aBatchToATopicThatDoesNotExist_isRefusedWithNotFound() {
        String missing = STAND_IN.standIn().topicArn("no-such-topic-" + UUID.randomUUID());

        assertThatThrownBy(() -> STAND_IN.sns().publishBatch(r -> r.topicArn(missing)
                .publishBatchRequestEntries(entry("a", "m", "t"))))
                .isInstanceOf(NotFoundException.class);
    }

    /** What the stand-in publishes while it is open (the stand-in calls its listeners before it answers). */
    private static final class Recording implements AutoCloseable {

        private final List<PublishedMessage> seen = new CopyOnWriteArrayList<>();
        private final Consumer<PublishedMessage> listener = seen::add;

        Recording() {
            STAND_IN.standIn().addListener(listener);
        }

        /** The messages published to {@code topicArn} so far, in order. */
        List<PublishedMessage> on(String topicArn) {
            return seen.stream().filter(m -> m.topicArn().equals(topicArn)).toList();
        }

        @Override
        public void close() {
            STAND_IN.standIn().removeListener(listener);
        }
    }

    private static PublishBatchRequestEntry entry(String id, String message, String eventType) {
        return PublishBatchRequestEntry.builder().id(id).message(message)
                .messageAttributes(Map.of("eventType", MessageAttributeValue.builder().dataType("String")
                        .stringValue(eventType).build()))
                .build();
    }

    private static String topic() {
        String name = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        return STAND_IN.sns().createTopic(r -> r.name(name)).topicArn();
    }
}
