package io.wschat.shared.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A recording stand-in for SNS on a loopback port speaking the Query API's {@code Publish} and {@code PublishBatch}
 * (each entry recorded as a publish of its own), reached through the real SDK client. It can be switched to answer
 * every request with a server error.
 */
public final class FakeSns implements AutoCloseable {

    public static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:wschat-events";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-sns");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Publish> publishes = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile String refusedInBatches;
    private volatile boolean unknownBatchIds;

    /**
     * One accepted {@code Publish}, or one entry of an accepted {@code PublishBatch}.
     *
     * @param topicArn       the topic
     * @param message        the message body
     * @param attributes     message attribute name to string value
     * @param attributeTypes message attribute name to data type
     */
    public record Publish(String topicArn, String message, Map<String, String> attributes,
            Map<String, String> attributeTypes) {

        public JsonObject json() {
            return JsonParser.parseString(message).getAsJsonObject();
        }

        public String eventType() {
            return json().get("eventType").getAsString();
        }
    }

    private FakeSns() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeSns start() {
        try {
            return new FakeSns();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL to use as {@code SNS_ENDPOINT}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Publish> publishes() {
        return List.copyOf(publishes);
    }

    /** The action of every request answered, failed ones included, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** From now on, fails each {@code PublishBatch} entry of this {@code eventType} alone, as SNS reports it. */
    public void refuseInBatches(String eventType) {
        refusedInBatches = eventType;
    }

    /** From now on, answers each accepted {@code PublishBatch} entry under an id the request did not have. */
    public void answerBatchesWithUnknownIds() {
        unknownBatchIds = true;
    }

    /** From now on, answers every request with 500 {@code InternalError}. */
    public void goDown() {
        down = true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            String requestId = UUID.randomUUID().toString();
            requests.add(String.valueOf(form.get("Action")));
            if (down) {
                respond(exchange, 500, "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error>"
                        + "<Type>Receiver</Type><Code>InternalError</Code><Message>unavailable</Message></Error>"
                        + "<RequestId>" + requestId + "</RequestId></ErrorResponse>");
                return;
            }
            String action = form.get("Action");
            if ("Publish".equals(action)) {
                publishes.add(publish(form.get("TopicArn"), form, ""));
                respond(exchange, 200, "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                        + "<PublishResult><MessageId>" + UUID.randomUUID() + "</MessageId></PublishResult>"
                        + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata>"
                        + "</PublishResponse>");
                return;
            }
            if ("PublishBatch".equals(action)) {
                StringBuilder successful = new StringBuilder();
                StringBuilder failed = new StringBuilder();
                for (int i = 1; form.containsKey("PublishBatchRequestEntries.member." + i + ".Id"); i++) {
                    String prefix = "PublishBatchRequestEntries.member." + i + ".";
                    Publish entry = publish(form.get("TopicArn"), form, prefix);
                    if (entry.eventType().equals(refusedInBatches)) {
                        failed.append("<member><Id>").append(form.get(prefix + "Id")).append("</Id><Code>")
                                .append("InternalError</Code><Message>refused</Message>")
                                .append("<SenderFault>false</SenderFault></member>");
                        continue;
                    }
                    publishes.add(entry);
                    String id = unknownBatchIds ? "unknown-" + i : form.get(prefix + "Id");
                    successful.append("<member><Id>").append(id).append("</Id><MessageId>")
                            .append(UUID.randomUUID()).append("</MessageId></member>");
                }
                respond(exchange, 200, "<PublishBatchResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                        + "<PublishBatchResult><Successful>" + successful + "</Successful><Failed>" + failed
                        + "</Failed>"
                        + "</PublishBatchResult><ResponseMetadata><RequestId>" + requestId
                        + "</RequestId></ResponseMetadata></PublishBatchResponse>");
                return;
            }
            respond(exchange, 400, "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error>"
                    + "<Type>Sender</Type><Code>InvalidAction</Code><Message>only Publish and PublishBatch</Message>"
                    + "</Error><RequestId>" + requestId + "</RequestId></ErrorResponse>");
        }
    }

    /** The message whose parameters start with {@code prefix}: the request's own, or one batch entry's. */
    private static Publish publish(String topicArn, Map<String, String> form, String prefix) {
        Map<String, String> attributes = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        for (int i = 1; form.containsKey(prefix + "MessageAttributes.entry." + i + ".Name"); i++) {
            String attribute = prefix + "MessageAttributes.entry." + i + ".";
            String name = form.get(attribute + "Name");
            attributes.put(name, form.get(attribute + "Value.StringValue"));
            types.put(name, form.get(attribute + "Value.DataType"));
        }
        return new Publish(topicArn, form.get(prefix + "Message"), Map.copyOf(attributes), Map.copyOf(types));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        HttpReplies.send(exchange, status, "text/xml", xml);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
