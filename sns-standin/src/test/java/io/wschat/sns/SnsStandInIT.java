package io.wschat.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InternalErrorException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.Subscription;

@Timeout(60)
class SnsStandInIT {

    private static final DeliveryPolicy FAST_RETRIES =
            new DeliveryPolicy(1, 3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(2));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final StandInFixture STAND_IN = StandInFixture.of(b -> b.deliveryPolicy(FAST_RETRIES));

    @Test
    void startedOnABoundChannel_servesOnItsPort_andClosesItWhenStopped() throws Exception {
        ServerSocketChannel channel = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = channel.socket().getLocalPort();
        try (SnsStandIn standIn = SnsStandIn.builder().channel(channel).start();
                SnsClient sns = SnsClients.of(standIn)) {
            assertThat(standIn.endpoint().getPort()).isEqualTo(port);
            assertThat(sns.createTopic(r -> r.name("on-a-channel")).topicArn()).endsWith(":on-a-channel");
        }
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void createTopic_returnsArnAndIsIdempotent_andListTopicsShowsIt() {
        String name = topicName();

        String arn = STAND_IN.sns().createTopic(r -> r.name(name)).topicArn();

        assertThat(arn).isEqualTo("arn:aws:sns:us-east-1:000000000000:" + name);
        assertThat(STAND_IN.sns().createTopic(r -> r.name(name)).topicArn()).isEqualTo(arn);
        assertThat(STAND_IN.standIn().createTopic(name)).isEqualTo(arn);
        assertThat(STAND_IN.sns().listTopicsPaginator().topics()).extracting(t -> t.topicArn()).contains(arn);
    }

    @Test
    void httpSubscriber_receivesConfirmation_thenNotificationsWithAttributes() throws Exception {
        String topicArn = STAND_IN.sns().createTopic(r -> r.name(topicName())).topicArn();
        try (TestSubscriber subscriber = TestSubscriber.start()) {
            // given a subscription that is pending until the endpoint confirms it
            String pending = STAND_IN.sns().subscribe(r -> r.topicArn(topicArn).protocol("http")
                    .endpoint(subscriber.url().toString())).subscriptionArn();
            assertThat(pending).isEqualTo("pending confirmation");
            assertThat(subscriptionsOf(topicArn)).singleElement()
                    .satisfies(s -> assertThat(s.subscriptionArn()).isEqualTo("PendingConfirmation"));

            TestSubscriber.Received confirmation = subscriber.next();
            assertThat(confirmation.header("x-amz-sns-message-type")).isEqualTo("SubscriptionConfirmation");
            assertThat(confirmation.header("x-amz-sns-topic-arn")).isEqualTo(topicArn);
            assertThat(confirmation.header("x-amz-sns-message-id")).isEqualTo(confirmation.field("MessageId"));
            assertThat(confirmation.header("content-type")).isEqualTo("text/plain; charset=UTF-8");
            assertThat(confirmation.json().keySet()).containsExactly("Type", "MessageId", "Token", "TopicArn",
                    "Message", "SubscribeURL", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL");
            assertThat(confirmation.field("Type")).isEqualTo("SubscriptionConfirmation");
            assertThat(confirmation.field("SubscribeURL"))
                    .startsWith(STAND_IN.standIn().endpoint() + "/?Action=ConfirmSubscription&TopicArn=")
                    .endsWith("&Token=" + confirmation.field("Token"));

            // when the endpoint visits SubscribeURL, as SNS webhooks do
            HttpResponse<String> confirmed = HTTP.send(
                    HttpRequest.newBuilder(URI.create(confirmation.field("SubscribeURL"))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(confirmed.statusCode()).isEqualTo(200);
            assertThat(confirmed.body()).contains("<ConfirmSubscriptionResponse", "<SubscriptionArn>" + topicArn + ":");
            Subscription listed = subscriptionsOf(topicArn).get(0);
            assertThat(listed.subscriptionArn()).startsWith(topicArn + ":");
            assertThat(listed.protocol()).isEqualTo("http");
            assertThat(listed.endpoint()).isEqualTo(subscriber.url().toString());
            assertThat(listed.owner()).isEqualTo("000000000000");

            // and a chat event is published
            PublishResponse published = STAND_IN.sns().publish(r -> r.topicArn(topicArn).subject("chat")
                    .message("{\"eventType\":\"message\",\"room\":\"lobby\",\"data\":\"hello\"}")
                    .messageAttributes(Map.of("eventType", string("message"), "room", string("lobby"))));

            // then the subscriber receives the real SNS notification envelope
            TestSubscriber.Received notification = subscriber.next();
            assertThat(notification.header("x-amz-sns-message-type")).isEqualTo("Notification");
            assertThat(notification.header("x-amz-sns-message-id")).isEqualTo(published.messageId());
            assertThat(notification.header("x-amz-sns-topic-arn")).isEqualTo(topicArn);
            assertThat(notification.header("x-amz-sns-subscription-arn")).isEqualTo(listed.subscriptionArn());
            JsonObject envelope = notification.json();
            assertThat(envelope.keySet()).containsExactly("Type", "MessageId", "TopicArn", "Subject", "Message",
                    "Timestamp", "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL",
                    "MessageAttributes");
            assertThat(notification.field("Type")).isEqualTo("Notification");
            assertThat(notification.field("MessageId")).isEqualTo(published.messageId());
            assertThat(notification.field("TopicArn")).isEqualTo(topicArn);
            assertThat(notification.field("Subject")).isEqualTo("chat");
            assertThat(notification.field("Message")).isEqualTo("{\"eventType\":\"message\",\"room\":\"lobby\",\"data\":\"hello\"}");
            assertThat(notification.field("Timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(notification.field("SignatureVersion")).isEqualTo("1");
            assertThat(notification.field("Signature")).isNotBlank();
            assertThat(notification.field("UnsubscribeURL"))
                    .startsWith(STAND_IN.standIn().endpoint() + "/?Action=Unsubscribe");
            JsonObject attributes = envelope.getAsJsonObject("MessageAttributes");
            assertThat(attributes.getAsJsonObject("eventType").get("Type").getAsString()).isEqualTo("String");
            assertThat(attributes.getAsJsonObject("eventType").get("Value").getAsString()).isEqualTo("message");
            assertThat(attributes.getAsJsonObject("room").get("Value").getAsString()).isEqualTo("lobby");
        }
    }

    @Test
    void filterPolicy_deliversMatchingMessages_andDropsOthers() throws Exception {
        String topicArn = STAND_IN.sns().createTopic(r -> r.name(topicName())).topicArn();
        try (TestSubscriber lobby = TestSubscriber.start()) {
            // given a subscriber that only wants chat messages in the lobby, confirmed with ConfirmSubscription
            STAND_IN.sns().subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(lobby.url().toString())
                    .attributes(Map.of("FilterPolicy", "{\"eventType\":[\"message\"],\"room\":[\"lobby\"]}")));
            String token = lobby.next().field("Token");
            String arn = STAND_IN.sns().confirmSubscription(r -> r.topicArn(topicArn).token(token)).subscriptionArn();
            assertThat(STAND_IN.sns().getSubscriptionAttributes(r -> r.subscriptionArn(arn)).attributes())
                    .containsEntry("FilterPolicy", "{\"eventType\":[\"message\"],\"room\":[\"lobby\"]}")
                    .containsEntry("FilterPolicyScope", "MessageAttributes")
                    .containsEntry("PendingConfirmation", "false");

            // when non-matching events are published before a matching one
            publishChatEvent(topicArn, "connected", "lobby");
            publishChatEvent(topicArn, "message", "kitchen");
            publishChatEvent(topicArn, "message", null);
            String wanted = publishChatEvent(topicArn, "message", "lobby");

            // then, deliveries being in publish order, the first to arrive is the matching one, and only it
            TestSubscriber.Received first = lobby.next();
            assertThat(first.field("MessageId")).isEqualTo(wanted);
            // One subscription's deliveries go out one at a time in publish order: a message published now is next,
            // unless something published earlier was still to come.
            String marker = publishChatEvent(topicArn, "message", "lobby");
            assertThat(lobby.next().field("MessageId")).as("nothing between the wanted message and the marker")
                    .isEqualTo(marker);
            assertThat(STAND_IN.standIn().recentMessages()).extracting(PublishedMessage::topicArn)
                    .filteredOn(topicArn::equals).hasSize(5);
        }
    }

    @Test
    void rawMessageDelivery_postsTheMessageOnly() throws Exception {
        String topicArn = STAND_IN.sns().createTopic(r -> r.name(topicName())).topicArn();
        try (TestSubscriber subscriber = TestSubscriber.start()) {
            String arn = subscribeAndConfirm(topicArn, subscriber, Map.of("RawMessageDelivery", "true"));

            String messageId = STAND_IN.sns().publish(r -> r.topicArn(topicArn).message("just the text")).messageId();

            TestSubscriber.Received raw = subscriber.next();
            assertThat(raw.body()).isEqualTo("just the text");
            assertThat(raw.header("x-amz-sns-rawdelivery")).isEqualTo("true");
            assertThat(raw.header("x-amz-sns-message-id")).isEqualTo(messageId);
            assertThat(raw.header("x-amz-sns-subscription-arn")).isEqualTo(arn);
        }
    }

    @Test
    void failingSubscriber_receivesTheMessageAfterRetries() throws Exception {
        String topicArn = STAND_IN.sns().createTopic(r -> r.name(topicName())).topicArn();
        try (TestSubscriber flaky = TestSubscriber.start()) {
            subscribeAndConfirm(topicArn, flaky, Map.of());
            int attemptsBefore = flaky.attempts();
            flaky.failNext(3);

            String messageId = publishChatEvent(topicArn, "message", "lobby");

            assertThat(flaky.next().field("MessageId")).isEqualTo(messageId);
            assertThat(flaky.attempts() - attemptsBefore).isEqualTo(4);
        }
    }

    @Test
    void subscribersThatAreDown_neitherDelayPublishNorOtherSubscribers() throws Exception {
        String topicArn = STAND_IN.sns().createTopic(r -> r.name(topicName())).topicArn();
        try (TestSubscriber healthy = TestSubscriber.start(); TestSubscriber stuck = TestSubscriber.start()) {
            try (TestSubscriber gone = TestSubscriber.start()) {
                subscribeAndConfirm(topicArn, gone, Map.of());
            }
            subscribeAndConfirm(topicArn, stuck, Map.of());
            subscribeAndConfirm(topicArn, healthy, Map.of());
            stuck.hang();

            long started = System.nanoTime();
            List<String> sent = List.of(publishChatEvent(topicArn, "message", "lobby"),
                    publishChatEvent(topicArn, "message", "lobby"),
                    publishChatEvent(topicArn, "message", "lobby"));
            Duration publishing = Duration.ofNanos(System.nanoTime() - started);

            assertThat(publishing).isLessThan(Duration.ofSeconds(2));
            assertThat(List.of(healthy.next().field("MessageId"), healthy.next().field("MessageId"),
                    healthy.next().field("MessageId"))).isEqualTo(sent);
        }
    }

    @Test
    void unsubscribe_stopsDelivery_andRemovesTheSubscription() throws Exception {
        String topicArn = STAND_IN.sns().createTopic(r -> r.name(topicName())).topicArn();
        try (TestSubscriber leaving = TestSubscriber.start(); TestSubscriber staying = TestSubscriber.start()) {
            String leavingArn = subscribeAndConfirm(topicArn, leaving, Map.of());
            String stayingArn = subscribeAndConfirm(topicArn, staying, Map.of());

            STAND_IN.sns().unsubscribe(r -> r.subscriptionArn(leavingArn));
            String messageId = publishChatEvent(topicArn, "message", "lobby");

            assertThat(staying.next().field("MessageId")).isEqualTo(messageId);
            // Unsubscribing stops the subscription's queue, and publishing queues only for the recipients named.
            assertThat(STAND_IN.standIn().recentMessages()).filteredOn(m -> m.messageId().equals(messageId))
                    .singleElement()
                    .satisfies(m -> assertThat(m.recipients()).containsExactly(stayingArn));
            assertThat(subscriptionsOf(topicArn)).extracting(Subscription::subscriptionArn).containsExactly(stayingArn);
            assertThat(STAND_IN.sns().listSubscriptions().subscriptions()).extracting(Subscription::subscriptionArn)
                    .contains(stayingArn).doesNotContain(leavingArn);
            assertThatThrownBy(() -> STAND_IN.sns().unsubscribe(r -> r.subscriptionArn(leavingArn)))
                    .isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void subscribingAgain_returnsTheSameSubscription_unlessAttributesDiffer() throws Exception {
        String topicArn = STAND_IN.sns().createTopic(r -> r.name(topicName())).topicArn();
        try (TestSubscriber subscriber = TestSubscriber.start()) {
            String arn = subscribeAndConfirm(topicArn, subscriber, Map.of("RawMessageDelivery", "true"));

            String again = STAND_IN.sns().subscribe(r -> r.topicArn(topicArn).protocol("http")
                    .endpoint(subscriber.url().toString()).attributes(Map.of("RawMessageDelivery", "true")))
                    .subscriptionArn();

            assertThat(again).isEqualTo(arn);
            assertThat(subscriptionsOf(topicArn)).hasSize(1);
            assertThatThrownBy(() -> STAND_IN.sns().subscribe(r -> r.topicArn(topicArn).protocol("http")
                    .endpoint(subscriber.url().toString()).attributes(Map.of("RawMessageDelivery", "false"))))
                    .isInstanceOf(InvalidParameterException.class);
        }
    }

    @Test
    void errors_mapToTheSdksExceptions() {
        String missing = STAND_IN.standIn().topicArn("no-such-topic-" + UUID.randomUUID());
        String topicArn = STAND_IN.sns().createTopic(r -> r.name(topicName())).topicArn();

        assertThatThrownBy(() -> STAND_IN.sns().publish(r -> r.topicArn(missing).message("x")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFound");
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThatThrownBy(() -> STAND_IN.sns().subscribe(r -> r.topicArn(missing).protocol("http")
                .endpoint("http://x")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> STAND_IN.sns().listSubscriptionsByTopic(r -> r.topicArn(missing)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> STAND_IN.sns().createTopic(r -> r.name("bad name!")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> STAND_IN.sns().publish(r -> r.topicArn(topicArn).message("")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> STAND_IN.sns().publish(r -> r.topicArn(topicArn).message("x".repeat(256 * 1024 + 1))))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.getMessage()).contains("Message too long"));
        assertThatThrownBy(() -> STAND_IN.sns().publish(r -> r.topicArn(topicArn).message("x")
                .messageAttributes(Map.of("count", MessageAttributeValue.builder().dataType("Number")
                        .stringValue("many").build()))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> STAND_IN.sns().subscribe(r -> r.topicArn(topicArn).protocol("http")
                .endpoint("http://127.0.0.1:9/x")
                .attributes(Map.of("FilterPolicy", "{\"room\": \"lobby\"}"))))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.getMessage()).contains("FilterPolicy"));
        assertThatThrownBy(() -> STAND_IN.sns().subscribe(r -> r.topicArn(topicArn).protocol("sqs")
                .endpoint("arn:aws:sqs:x")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void publish_acceptsEveryAttributeType_andAMessageOfExactly256KB() throws Exception {
        String topicArn = STAND_IN.sns().createTopic(r -> r.name(topicName())).topicArn();
        BlockingQueue<PublishedMessage> seen = new LinkedBlockingQueue<>();
        Consumer<PublishedMessage> listener = seen::add;
        STAND_IN.standIn().addListener(listener);
        try {
            // 2 bytes per character: with 46 bytes of attribute names, types and values, exactly 256 KB.
            String text = "é".repeat(131_049);
            STAND_IN.sns().publish(r -> r.topicArn(topicArn).message(text).messageAttributes(Map.of(
                    "n", MessageAttributeValue.builder().dataType("Number").stringValue("42.5").build(),
                    "list", MessageAttributeValue.builder().dataType("String.Array").stringValue("[\"a\",1]").build(),
                    "bin", MessageAttributeValue.builder().dataType("Binary")
                            .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, 2})).build())));

            PublishedMessage message = awaitMessageOn(seen, topicArn);
            assertThat(message.message()).isEqualTo(text);
            assertThat(message.attributes()).containsEntry("n", new MessageAttribute("Number", "42.5"))
                    .containsEntry("list", new MessageAttribute("String.Array", "[\"a\",1]"))
                    .containsEntry("bin", new MessageAttribute("Binary", "AAEC"));
            assertThat(message.summary()).contains("n=42.5", "bytes=" + (text.length() * 2)).doesNotContain(text);
        } finally {
            STAND_IN.standIn().removeListener(listener);
        }
    }

    @Test
    void eventFeed_showsRecentEventsAsJson_andStreamsNewOnes() throws Exception {
        String topicArn = STAND_IN.sns().createTopic(r -> r.name(topicName())).topicArn();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = HTTP.sendAsync(
                HttpRequest.newBuilder(STAND_IN.resolve("/events/stream")).build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> streaming = stream.get(10, TimeUnit.SECONDS);
        assertThat(streaming.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        CompletableFuture.runAsync(() -> streaming.body().forEach(lines::add));

        String messageId = publishChatEvent(topicArn, "connected", "lobby");

        String data = awaitLine(lines, "data: ");
        JsonObject streamed = JsonParser.parseString(data.substring("data: ".length())).getAsJsonObject();
        assertThat(streamed.get("MessageId").getAsString()).isEqualTo(messageId);
        assertThat(streamed.getAsJsonObject("MessageAttributes").getAsJsonObject("eventType")
                .get("Value").getAsString()).isEqualTo("connected");

        HttpResponse<String> recent = HTTP.send(
                HttpRequest.newBuilder(STAND_IN.resolve("/events.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonArray events = JsonParser.parseString(recent.body()).getAsJsonArray();
        assertThat(events.get(events.size() - 1).getAsJsonObject().get("MessageId").getAsString())
                .isEqualTo(messageId);
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(STAND_IN.resolve("/events")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("EventSource");
        streaming.body().close();
    }

    @Test
    void faults_canFailPublish_andDeliveries() throws Exception {
        AtomicInteger deliveriesToFail = new AtomicInteger();
        Faults faults = new Faults() {
            @Override
            public Optional<SnsFault> onRequest(String action, Optional<String> topicArn) {
                return action.equals("Publish") && topicArn.orElse("").endsWith("-broken")
                        ? Optional.of(SnsFault.internalError())
                        : Optional.empty();
            }

            @Override
            public boolean failDelivery(String subscriptionArn, URI endpoint) {
                return deliveriesToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            }
        };
        try (SnsStandIn faulty = SnsStandIn.builder().deliveryPolicy(FAST_RETRIES).faults(faults).start();
                SnsClient client = SnsClients.of(faulty);
                TestSubscriber subscriber = TestSubscriber.start()) {
            String broken = faulty.createTopic("topic-broken");
            String healthy = faulty.createTopic("topic-healthy");
            assertThatThrownBy(() -> client.publish(r -> r.topicArn(broken).message("x")))
                    .isInstanceOfSatisfying(InternalErrorException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(500));

            client.subscribe(r -> r.topicArn(healthy).protocol("http").endpoint(subscriber.url().toString()));
            String token = subscriber.next().field("Token");
            client.confirmSubscription(r -> r.topicArn(healthy).token(token));
            deliveriesToFail.set(2);
            String messageId = client.publish(r -> r.topicArn(healthy).message("x")).messageId();

            assertThat(subscriber.next().field("MessageId")).isEqualTo(messageId);
            assertThat(deliveriesToFail.get()).isZero();
        }
    }

    private static String subscribeAndConfirm(String topicArn, TestSubscriber subscriber,
            Map<String, String> attributes) throws IOException, InterruptedException {
        String arn = STAND_IN.sns().subscribe(r -> r.topicArn(topicArn).protocol("http")
                .endpoint(subscriber.url().toString()).attributes(attributes).returnSubscriptionArn(true))
                .subscriptionArn();
        TestSubscriber.Received confirmation = subscriber.next();
        HttpResponse<String> confirmed = HTTP.send(
                HttpRequest.newBuilder(URI.create(confirmation.field("SubscribeURL"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        return arn;
    }

    private static String publishChatEvent(String topicArn, String eventType, String room) {
        Map<String, MessageAttributeValue> attributes = room == null
                ? Map.of("eventType", string(eventType))
                : Map.of("eventType", string(eventType), "room", string(room));
        return STAND_IN.sns().publish(r -> r.topicArn(topicArn)
                .message("{\"eventType\":\"" + eventType + "\",\"room\":\"" + room + "\"}")
                .messageAttributes(attributes)).messageId();
    }

    private static List<Subscription> subscriptionsOf(String topicArn) {
        return STAND_IN.sns().listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions();
    }

    private static PublishedMessage awaitMessageOn(BlockingQueue<PublishedMessage> seen, String topicArn)
            throws InterruptedException {
        while (true) {
            PublishedMessage message = seen.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message published to " + topicArn).isNotNull();
            if (message.topicArn().equals(topicArn)) {
                return message;
            }
        }
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        while (true) {
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertThat(line).as("a line starting with " + prefix).isNotNull();
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Number       | 12.5        | 200
            Number       | many        | 400
            String.Array | ["a", 1]    | 200
            String.Array | {"a": 1}    | 400
            String.Array | [1          | 400
            Binary       | aGk=        | 200
            Binary       | not base64! | 400
            """)
    void publish_checksAnAttributeValue_againstItsType(String type, String value, int status) throws Exception {
        String topicArn = STAND_IN.sns().createTopic(r -> r.name(topicName())).topicArn();
        String valueField = type.equals("Binary") ? "BinaryValue" : "StringValue";
        String body = Stream.of("Action=Publish", "TopicArn=" + topicArn, "Message=x",
                        "MessageAttributes.entry.1.Name=a", "MessageAttributes.entry.1.Value.DataType=" + type,
                        "MessageAttributes.entry.1.Value." + valueField + "=" + value)
                .map(pair -> pair.substring(0, pair.indexOf('=') + 1)
                        + URLEncoder.encode(pair.substring(pair.indexOf('=') + 1), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(STAND_IN.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (status == 400) {
            assertThat(response.body()).contains("<Code>ParameterValueInvalid</Code>", "message attribute &apos;a&apos;");
        }
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static String topicName() {
        return "chat-events-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
