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
 * A recording stand-in for SNS on a loopback port speaking the Query API's {@code Publish}, reached through the
 * real SDK client. It can be switched to answer every request with a server error.
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
    private volatile boolean down;

    /**
     * One accepted {@code Publish}.
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

    /** From now on, answers every request with 500 {@code InternalError}. */
    public void goDown() {
        down = true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            String requestId = UUID.randomUUID().toString();
            if (down) {
                respond(exchange, 500, "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error>"
                        + "<Type>Receiver</Type><Code>InternalError</Code><Message>unavailable</Message></Error>"
                        + "<RequestId>" + requestId + "</RequestId></ErrorResponse>");
                return;
            }
            if (!"Publish".equals(form.get("Action"))) {
                respond(exchange, 400, "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error>"
                        + "<Type>Sender</Type><Code>InvalidAction</Code><Message>only Publish</Message></Error>"
                        + "<RequestId>" + requestId + "</RequestId></ErrorResponse>");
                return;
            }
            Map<String, String> attributes = new HashMap<>();
            Map<String, String> types = new HashMap<>();
            for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
                String prefix = "MessageAttributes.entry." + i + ".";
                String name = form.get(prefix + "Name");
                attributes.put(name, form.get(prefix + "Value.StringValue"));
                types.put(name, form.get(prefix + "Value.DataType"));
            }
            publishes.add(new Publish(form.get("TopicArn"), form.get("Message"), Map.copyOf(attributes),
                    Map.copyOf(types)));
            respond(exchange, 200, "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                    + "<PublishResult><MessageId>" + UUID.randomUUID() + "</MessageId></PublishResult>"
                    + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata>"
                    + "</PublishResponse>");
        }
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
