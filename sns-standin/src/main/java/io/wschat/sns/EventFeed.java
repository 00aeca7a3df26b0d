package io.wschat.sns;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * The zero-setup way to watch events: the last published messages as JSON ({@code GET /events.json}),
 * a live Server-Sent Events stream ({@code GET /events/stream}) and a small page reading it ({@code GET /events}).
 */
final class EventFeed implements AutoCloseable {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final String CLOSED = "";
    private static final long KEEPALIVE_SECONDS = 15;
    private static final int CLIENT_BACKLOG = 1000;
    private static final String PAGE = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>SNS events</title>"
            + "<style>body{font:13px monospace;margin:1em}pre{border-bottom:1px solid #ddd;padding:.4em 0;"
            + "white-space:pre-wrap;margin:0}</style></head>\n<body><h3>SNS stand-in: published events, newest first</h3>"
            + "<div id=\"events\"></div>\n<script>\nconst list = document.getElementById('events');\n"
            + "function show(e) { const p = document.createElement('pre');"
            + " p.textContent = JSON.stringify(e, null, 2); list.prepend(p); }\n"
            + "fetch('events.json').then(r => r.json()).then(events => {\n"
            + "  events.forEach(show);\n"
            + "  new EventSource('events/stream').addEventListener('publish', m => show(JSON.parse(m.data)));\n"
            + "});\n</script></body></html>\n";

    private final int capacity;
    private final Semaphore streams;
    private final ArrayDeque<PublishedMessage> recent = new ArrayDeque<>();
    private final List<BlockingQueue<String>> clients = new CopyOnWriteArrayList<>();

    /** @param maxStreams how many {@code /events/stream} clients at once; each holds a request thread */
    EventFeed(int capacity, int maxStreams) {
        this.capacity = capacity;
        this.streams = new Semaphore(maxStreams);
    }

    void record(PublishedMessage message) {
        synchronized (recent) {
            if (capacity == 0) {
                return;
            }
            if (recent.size() == capacity) {
                recent.removeFirst();
            }
            recent.addLast(message);
        }
        String event = "event: publish\nid: " + message.messageId() + "\ndata: " + GSON.toJson(toJson(message)) + "\n\n";
        for (BlockingQueue<String> client : clients) {
            if (!client.offer(event)) {
                // Too slow to keep up: end its stream rather than buffer without bound.
                client.clear();
                client.offer(CLOSED);
            }
        }
    }

    List<PublishedMessage> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    void writePage(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        Content.Sink.write(response, true, PAGE, callback);
    }

    void writeRecent(Response response, Callback callback) {
        List<Map<String, Object>> events = new ArrayList<>();
        recent().forEach(message -> events.add(toJson(message)));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, GSON.toJson(events), callback);
    }

    /**
     * Streams events as they are published; holds this request's thread until the client or the feed goes. With
     * every stream taken it answers 503 at once instead, so watchers can never use up the threads Publish needs.
     */
    void stream(Response response, Callback callback) {
        if (!streams.tryAcquire()) {
            response.setStatus(503);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            Content.Sink.write(response, true, "Too many event streams open; close one (or read /events.json)\n",
                    callback);
            return;
        }
        try {
            streamEvents(response, callback);
        } finally {
            streams.release();
        }
    }

    private void streamEvents(Response response, Callback callback) {
        BlockingQueue<String> client = new ArrayBlockingQueue<>(CLIENT_BACKLOG);
        clients.add(client);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        try {
            write(response, ": SNS stand-in events\n\n");
            while (true) {
                String event = client.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                if (event == null) {
                    write(response, ": keepalive\n\n");
                } else if (event.equals(CLOSED)) {
                    break;
                } else {
                    write(response, event);
                }
            }
            callback.succeeded();
        } catch (IOException e) {
            // The client went away; that is how streams normally end.
            callback.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } finally {
            clients.remove(client);
        }
    }

    @Override
    public void close() {
        for (BlockingQueue<String> client : clients) {
            client.clear();
            client.offer(CLOSED);
        }
    }

    static Map<String, Object> toJson(PublishedMessage message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("MessageId", message.messageId());
        json.put("TopicArn", message.topicArn());
        json.put("Timestamp", SnsEnvelope.timestamp(message.timestamp()));
        message.subject().ifPresent(subject -> json.put("Subject", subject));
        json.put("MessageAttributes", SnsEnvelope.attributes(message.attributes()));
        json.put("Message", message.message());
        return json;
    }

    private static void write(Response response, String text) throws IOException {
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), written);
            written.block();
        }
    }
}
