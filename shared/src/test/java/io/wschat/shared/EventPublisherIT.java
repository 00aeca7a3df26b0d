package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.wschat.shared.testing.FakeSns;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventPublisherIT {

    private static final Instant NOW = Instant.parse("2026-11-28T18:20:28Z");

    private final FakeSns sns = FakeSns.start();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AwsClients clients = new AwsClients(ChatConfig.from(Map.of(
            "CONNECTIONS_TABLE", "Connections", "MESSAGES_TABLE", "Messages", "TOPIC_ARN", FakeSns.TOPIC_ARN,
            "SNS_ENDPOINT", sns.endpoint().toString(), "AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s")));
    private final EventPublisher publisher = new EventPublisher(clients.sns(), FakeSns.TOPIC_ARN,
            new IdGenerator(clock), clock, new Log(Log.Level.ERROR, new PrintStream(OutputStream.nullOutputStream()), clock));
    private final Connection alice = Connection.open("c-1", "lobby", "alice", "alice", NOW, Optional.empty(),
            Optional.empty());

    @AfterEach
    void close() {
        clients.close();
        sns.close();
    }

    @Test
    void connectedAndJoined_publishBothEvents_inOneBatch_withEventTypeAndRoomAttributes() {
        boolean published = publisher.connectedAndJoined(alice);

        assertThat(published).isTrue();
        assertThat(sns.requests()).as("one PublishBatch").containsExactly("PublishBatch");
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("connected", "joined");
        assertThat(sns.publishes()).allSatisfy(publish -> {
            assertThat(publish.topicArn()).isEqualTo(FakeSns.TOPIC_ARN);
            assertThat(publish.attributes()).isEqualTo(Map.of("eventType", publish.eventType(), "room", "lobby"));
            assertThat(publish.attributeTypes()).isEqualTo(Map.of("eventType", "String", "room", "String"));
            JsonObject event = publish.json();
            assertThat(event.get("id").getAsString()).hasSize(26);
            assertThat(event.get("ts").getAsLong()).isEqualTo(NOW.toEpochMilli());
            assertThat(event.get("connectionId").getAsString()).isEqualTo("c-1");
            assertThat(event.get("room").getAsString()).isEqualTo("lobby");
            assertThat(event.get("name").getAsString()).isEqualTo("alice");
            assertThat(event.get("userId").getAsString()).isEqualTo("alice");
        });
        assertThat(sns.publishes().get(0).json().get("id").getAsString())
                .isNotEqualTo(sns.publishes().get(1).json().get("id").getAsString());
    }

    @Test
    void disconnectedAndLeft_publishBothEvents_inOneBatch_whenTheRowWasThere() {
        boolean published = publisher.disconnectedAndLeft("c-1", Optional.of(alice));

        assertThat(published).isTrue();
        assertThat(sns.requests()).containsExactly("PublishBatch");
        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("disconnected", "left");
        assertThat(sns.publishes()).allSatisfy(publish -> {
            assertThat(publish.attributes()).isEqualTo(Map.of("eventType", publish.eventType(), "room", "lobby"));
            assertThat(publish.json().get("name").getAsString()).isEqualTo("alice");
            assertThat(publish.json().get("connectionId").getAsString()).isEqualTo("c-1");
        });
    }

    @Test
    void message_publishesTheDeliveredMessage_withItsIdTimeAndText() {
        ChatMessage message = new ChatMessage("01KB0000000000000000000000", 1234L, "lobby", "alice", "u-alice",
                "hi <all>");

        publisher.message("c-1", message);

        JsonObject event = sns.publishes().get(0).json();
        assertThat(event.get("eventType").getAsString()).isEqualTo("message");
        assertThat(event.get("id").getAsString()).isEqualTo(message.id());
        assertThat(event.get("ts").getAsLong()).isEqualTo(1234L);
        assertThat(event.get("name").getAsString()).isEqualTo("alice");
        assertThat(event.get("userId").getAsString()).isEqualTo("u-alice");
        assertThat(event.get("data").getAsString()).isEqualTo("hi <all>");
        assertThat(sns.publishes().get(0).attributes()).containsEntry("eventType", "message");
    }

    @Test
    void movedRoomsRenamedAndWhisper_carryEventTypeAndRoomAttributes() {
        RoomMember member = new RoomMember("c-1", "alice", "u-alice");
        ChatMessage whisper = new ChatMessage("01KB0000000000000000000001", 99L, "support", "alice", "u-alice", "psst");

        publisher.movedRooms("lobby", "support", member);
        publisher.renamed("support", new RoomMember("c-1", "alicia", "u-alice"), "alice");
        publisher.whisper("c-1", whisper, "u-bob");

        assertThat(sns.requests()).containsExactly("PublishBatch", "Publish", "Publish");
        assertThat(sns.publishes()).extracting(FakeSns.Publish::attributes).containsExactly(
                Map.of("eventType", "left", "room", "lobby"),
                Map.of("eventType", "joined", "room", "support"),
                Map.of("eventType", "renamed", "room", "support"),
                Map.of("eventType", "whisper", "room", "support"));
        JsonObject joined = sns.publishes().get(1).json();
        assertThat(joined.get("userId").getAsString()).isEqualTo("u-alice");
        assertThat(joined.get("connectionId").getAsString()).isEqualTo("c-1");
        assertThat(sns.publishes().get(2).json().get("previous").getAsString()).isEqualTo("alice");
        JsonObject whispered = sns.publishes().get(3).json();
        assertThat(whispered.get("id").getAsString()).isEqualTo(whisper.id());
        assertThat(whispered.get("to").getAsString()).isEqualTo("u-bob");
        assertThat(whispered.get("data").getAsString()).isEqualTo("psst");
    }

    @Test
    void disconnected_isPublishedAlone_withoutRoomAndName_whenTheRowWasAlreadyGone() {
        assertThat(publisher.disconnectedAndLeft("c-9", Optional.empty())).isTrue();

        assertThat(sns.requests()).containsExactly("Publish");
        FakeSns.Publish publish = sns.publishes().get(0);
        assertThat(publish.attributes()).isEqualTo(Map.of("eventType", "disconnected"));
        assertThat(publish.json().has("room")).isFalse();
        assertThat(publish.json().get("connectionId").getAsString()).isEqualTo("c-9");
    }

    @Test
    void aBatchEntrySnsRefuses_makesTheBatchFalse_andLeavesTheOtherPublished() {
        sns.refuseInBatches("joined");

        assertThat(publisher.connectedAndJoined(alice)).isFalse();

        assertThat(sns.publishes()).extracting(FakeSns.Publish::eventType).containsExactly("connected");
    }

    @Test
    void aBatchAnswerNamingEntriesThatWereNotSent_isFalse_notAnException() {
        sns.answerBatchesWithUnknownIds();

        assertThat(publisher.connectedAndJoined(alice)).isFalse();
    }

    @Test
    void publish_returnsFalseInsteadOfThrowing_whenSnsFails() {
        sns.goDown();

        assertThat(publisher.connectedAndJoined(alice)).isFalse();
        assertThat(publisher.disconnectedAndLeft("c-1", Optional.of(alice))).isFalse();
        assertThat(publisher.disconnectedAndLeft("c-1", Optional.empty())).isFalse();
        assertThat(sns.publishes()).isEmpty();
    }
}
