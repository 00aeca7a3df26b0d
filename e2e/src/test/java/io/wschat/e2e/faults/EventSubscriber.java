package io.wschat.e2e.faults;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A webhook subscribed to the chat topic: a JDK HTTP server that confirms its subscription and queues the chat events
 * SNS notifies it of. The kernel picks its port when it first listens; it can be stopped and started again on that
 * port, like a restarted service.
 */
final class EventSubscriber implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private int port;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "event-subscriber");
        thread.setDaemon(true);
        return thread;
    });
    private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    private final CountDownLatch confirmed = new CountDownLatch(1);
    private HttpServer server;

    static EventSubscriber start() {
        EventSubscriber subscriber = new EventSubscriber();
        subscriber.up();
        return subscriber;
    }

    synchronized URI url() {
        return URI.create("http://127.0.0.1:" + port + "/events");
    }

    /** Listens on the subscriber's port (a free one the first time). */
    synchronized void up() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = server.getAddress().getPort();
        server.createContext("/events", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Stops listening: deliveries are refused until {@link #up()}. */
    synchronized void down() {
        server.stop(0);
    }

    void awaitConfirmed() throws InterruptedException {
        if (!confirmed.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the subscription was not confirmed within 10 s");
        }
    }

    /** The next chat event of the room (events of other rooms are skipped), failing after the timeout. */
    JsonObject next(String room, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonObject event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no event of room " + room + " within " + timeout);
            }
            if (event.has("room") && event.get("room").getAsString().equals(room)) {
                return event;
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            JsonObject envelope = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            String type = exchange.getRequestHeaders().getFirst("x-amz-sns-message-type");
            if ("SubscriptionConfirmation".equals(type)) {
                HTTP.sendAsync(HttpRequest.newBuilder(URI.create(envelope.get("SubscribeURL").getAsString())).build(),
                        HttpResponse.BodyHandlers.discarding()).thenRun(confirmed::countDown);
            } else if ("Notification".equals(type)) {
                events.add(JsonParser.parseString(envelope.get("Message").getAsString()).getAsJsonObject());
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public synchronized void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
