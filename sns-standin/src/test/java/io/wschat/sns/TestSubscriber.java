package io.wschat.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** An HTTP endpoint subscribed to the stand-in, as a user's webhook would be: it records what SNS POSTs. */
final class TestSubscriber implements AutoCloseable {

    /** One POST as received: lower-case header names, the raw body, and the body parsed when it is JSON. */
    record Received(Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        String field(String name) {
            return json().get(name).getAsString();
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicBoolean hanging = new AtomicBoolean();
    private final CountDownLatch released = new CountDownLatch(1);

    private TestSubscriber() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sns", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static TestSubscriber start() throws IOException {
        return new TestSubscriber();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sns");
    }

    /** Answers the next {@code count} POSTs with HTTP 500 without recording them. */
    void failNext(int count) {
        failuresLeft.set(count);
    }

    /** From now on accepts connections but never answers, like a stuck process. */
    void hang() {
        hanging.set(true);
    }

    /** POSTs seen, failed ones included. */
    int attempts() {
        return attempts.get();
    }

    Received next() throws InterruptedException {
        Received next = received.poll(10, TimeUnit.SECONDS);
        assertThat(next).as("a POST from SNS at " + url()).isNotNull();
        return next;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            attempts.incrementAndGet();
            if (hanging.get()) {
                released.await();
                return;
            }
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            received.add(new Received(headers, body));
            exchange.sendResponseHeaders(200, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
