package io.wschat.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;

/**
 * What a web page or another host can make the stand-in do: nothing by GET but the links it sent, nothing from
 * another origin, no deliveries off this machine, and never all its threads through the event stream.
 */
@Timeout(60)
class SnsStandInAccessIT {

    private static final int MAX_STREAMS = 3;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @RegisterExtension
    static final StandInFixture STAND_IN = StandInFixture.of(b -> b.maxEventStreams(MAX_STREAMS));
    private static String topicArn;

    @BeforeAll
    static void createTopic() {
        topicArn = STAND_IN.standIn().createTopic("access-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String... pairs) {
        List<String> encoded = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            encoded.add(pairs[i] + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", encoded);
    }

    private static HttpRequest.Builder post(String body) {
        return HttpRequest.newBuilder(STAND_IN.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static boolean published(String marker) {
        return STAND_IN.standIn().recentMessages().stream().anyMatch(message -> message.message().equals(marker));
    }

    @Test
    void publishByGet_orWithTheParametersInTheUrl_orAsJson_isRefused_andPublishesNothing() throws Exception {
        String query = form("Action", "Publish", "TopicArn", topicArn, "Message", "by-get");

        HttpResponse<String> get = send(HttpRequest.newBuilder(STAND_IN.resolve("/?" + query)).GET());
        HttpResponse<String> inUrl = send(HttpRequest.newBuilder(STAND_IN.resolve("/?" + query))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")));
        HttpResponse<String> json = send(HttpRequest.newBuilder(STAND_IN.resolve("/"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(query)));
        HttpResponse<String> form = send(post(form("Action", "Publish", "TopicArn", topicArn, "Message", "marker-1"))
                .header("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.body()).contains("<Code>InvalidAction</Code>");
        assertThat(inUrl.statusCode()).isEqualTo(400);
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(published("marker-1")).isTrue();
        assertThat(published("by-get")).isFalse();
    }

    @Test
    void subscribeAndConfirmSubscription_byGet_areRefused_andTheSubscribeLinkWorksOnlyWithItsToken()
            throws Exception {
        try (TestSubscriber subscriber = TestSubscriber.start()) {
            HttpResponse<String> subscribeByGet = send(HttpRequest.newBuilder(STAND_IN.resolve("/?" + form(
                    "Action", "Subscribe", "TopicArn", topicArn, "Protocol", "http",
                    "Endpoint", subscriber.url().toString()))).GET());
            assertThat(subscribeByGet.statusCode()).isEqualTo(405);
            assertThat(STAND_IN.sns().listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions())
                    .noneMatch(s -> s.endpoint().equals(subscriber.url().toString()));

            STAND_IN.sns().subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(subscriber.url().toString()));
            String link = subscriber.next().field("SubscribeURL");
            String withoutToken = link.substring(0, link.indexOf("&Token="));
            HttpResponse<String> noToken = send(HttpRequest.newBuilder(URI.create(withoutToken)));
            HttpResponse<String> wrongToken = send(HttpRequest.newBuilder(URI.create(withoutToken + "&Token="
                    + "0".repeat(64))));
            HttpResponse<String> confirmByGet = send(HttpRequest.newBuilder(STAND_IN.resolve("/?" + form(
                    "Action", "ConfirmSubscription", "TopicArn", topicArn, "Token", "0".repeat(64), "Extra", "x"))));

            assertThat(noToken.statusCode()).isEqualTo(405);
            assertThat(wrongToken.statusCode()).isEqualTo(400);
            assertThat(confirmByGet.statusCode()).as("not the link as sent").isEqualTo(405);
            assertThat(STAND_IN.sns().listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions())
                    .filteredOn(s -> s.endpoint().equals(subscriber.url().toString()))
                    .singleElement().satisfies(s -> assertThat(s.subscriptionArn()).isEqualTo("PendingConfirmation"));

            assertThat(send(HttpRequest.newBuilder(URI.create(link))).statusCode()).isEqualTo(200);
            assertThat(STAND_IN.sns().listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions())
                    .filteredOn(s -> s.endpoint().equals(subscriber.url().toString()))
                    .singleElement().satisfies(s -> assertThat(s.subscriptionArn()).startsWith(topicArn + ":"));
        }
    }

    @Test
    void formPostedByAPageOfAnotherOrigin_isRefused() throws Exception {
        HttpResponse<String> response = send(post(form("Action", "Publish", "TopicArn", topicArn, "Message",
                "cross-site")).header("Origin", "http://evil.example"));
        HttpResponse<String> marker = send(post(form("Action", "Publish", "TopicArn", topicArn, "Message",
                "marker-2")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(marker.statusCode()).isEqualTo(200);
        assertThat(published("marker-2")).isTrue();
        assertThat(published("cross-site")).isFalse();
    }

    @Test
    void unsubscribeLink_worksOnlyAsSent_withItsToken() throws Exception {
        try (TestSubscriber subscriber = TestSubscriber.start()) {
            STAND_IN.sns().subscribe(r -> r.topicArn(topicArn).protocol("http").endpoint(subscriber.url().toString()));
            TestSubscriber.Received confirmation = subscriber.next();
            assertThat(send(HttpRequest.newBuilder(URI.create(confirmation.field("SubscribeURL")))).statusCode())
                    .isEqualTo(200);
            STAND_IN.sns().publish(r -> r.topicArn(topicArn).message("for the subscriber"));
            String link = subscriber.next().field("UnsubscribeURL");
            String arn = link.substring(link.indexOf("SubscriptionArn=") + "SubscriptionArn=".length(),
                    link.indexOf("&Token="));

            HttpResponse<String> withoutToken = send(HttpRequest.newBuilder(URI.create(link.substring(0,
                    link.indexOf("&Token=")))));
            HttpResponse<String> wrongToken = send(HttpRequest.newBuilder(URI.create(link.substring(0,
                    link.indexOf("&Token=")) + "&Token=" + "0".repeat(128))));
            HttpResponse<String> asSent = send(HttpRequest.newBuilder(URI.create(link)));

            assertThat(link).contains("&Token=");
            assertThat(withoutToken.statusCode()).isEqualTo(405);
            assertThat(wrongToken.statusCode()).isEqualTo(400);
            assertThat(asSent.statusCode()).as(asSent.body()).isEqualTo(200);
            assertThat(STAND_IN.sns().listSubscriptionsByTopic(r -> r.topicArn(topicArn)).subscriptions())
                    .noneMatch(s -> s.subscriptionArn().equals(java.net.URLDecoder.decode(arn,
                            StandardCharsets.UTF_8)));
        }
    }

    @Test
    void subscriptionToAnotherHost_isRefused_unlessAllowed() {
        assertThatThrownBy(() -> STAND_IN.sns().subscribe(r -> r.topicArn(topicArn).protocol("http")
                .endpoint("http://192.0.2.10/hook")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("delivers only to this machine")
                .hasMessageContaining("--sns-allow-remote-endpoints");
        assertThatThrownBy(() -> STAND_IN.sns().subscribe(r -> r.topicArn(topicArn).protocol("https")
                .endpoint("https://localhost.evil.example/hook")))
                .isInstanceOf(InvalidParameterException.class);

        try (SnsStandIn open = SnsStandIn.builder().port(0).allowRemoteEndpoints(true).start();
                SnsClient client = SnsClients.of(open)) {
            String topic = open.createTopic("remote");
            // A name under .invalid never resolves, so the confirmation the stand-in then sends goes nowhere:
            // the test sends nothing off this machine.
            assertThat(client.subscribe(r -> r.topicArn(topic).protocol("http").endpoint("http://subscriber.invalid/hook"))
                    .subscriptionArn()).isEqualTo("pending confirmation");
        }
    }

    @Test
    void eventStreams_areBounded_extraClientsGet503_andPublishStillAnswers() throws Exception {
        List<HttpResponse<java.io.InputStream>> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_STREAMS; i++) {
                HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(
                        STAND_IN.resolve("/events/stream")).build(), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(stream.statusCode()).isEqualTo(200);
                // the first comment line proves the stream holds its slot
                assertThat(new String(stream.body().readNBytes(10), StandardCharsets.UTF_8)).startsWith(": SNS");
                open.add(stream);
            }

            HttpResponse<String> extra = send(HttpRequest.newBuilder(STAND_IN.resolve("/events/stream")));
            HttpResponse<String> publish = send(post(form("Action", "Publish", "TopicArn", topicArn, "Message",
                    "while-streaming")));

            assertThat(extra.statusCode()).isEqualTo(503);
            assertThat(extra.headers().firstValue("Retry-After")).isPresent();
            assertThat(publish.statusCode()).isEqualTo(200);
        } finally {
            for (HttpResponse<java.io.InputStream> stream : open) {
                stream.body().close();
            }
        }
    }
}
