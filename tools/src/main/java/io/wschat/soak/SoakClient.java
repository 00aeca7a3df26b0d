package io.wschat.soak;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** One soak connection: a JDK WebSocket that reports every frame it receives to the ledger. */
final class SoakClient implements WebSocket.Listener {

    private final String name;
    private final String room;
    private final DeliveryLedger ledger;
    private final StringBuilder partial = new StringBuilder();
    // Touched only by this connection's listener calls, which the JDK client never runs concurrently.
    private final Map<String, Long> lastSeqBySender = new HashMap<>();
    private final AtomicInteger nextSeq = new AtomicInteger();
    final AtomicInteger unsettled = new AtomicInteger();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile long closingAt;
    private volatile long lastSentAt;
    private volatile String lastKey;

    SoakClient(String name, String room, DeliveryLedger ledger) {
        this.name = name;
        this.room = room;
        this.ledger = ledger;
    }

    String name() {
        return name;
    }

    String room() {
        return room;
    }

    /** When this client started to close (nanoTime), or 0 while it is open. */
    long closingAt() {
        return closingAt;
    }

    long lastSentAt() {
        return lastSentAt;
    }

    void opened(WebSocket openSocket) {
        this.socket = openSocket;
    }

    /** Sends the next chat message; its text carries this client's name and sequence number. */
    CompletableFuture<WebSocket> send(long now, String key) {
        lastSentAt = now;
        lastKey = key;
        JsonObject frame = new JsonObject();
        frame.addProperty("action", "sendmessage");
        frame.addProperty("data", key);
        return socket.sendText(frame.toString(), true);
    }

    /** The text of the last message this client sent, which an error frame refers to (one in flight). */
    String lastKey() {
        return lastKey;
    }

    String nextKey() {
        return "soak " + name + " " + nextSeq.incrementAndGet();
    }

    /** Starts a normal close; the server's close frame completes {@link #closed}. */
    void close(long now) {
        closingAt = now;
        WebSocket current = socket;
        if (current == null) {
            closed.complete(-1);
            return;
        }
        current.sendClose(WebSocket.NORMAL_CLOSURE, "soak done").exceptionally(error -> {
            current.abort();
            closed.complete(-1);
            return null;
        });
    }

    void abort() {
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
        closed.complete(-1);
    }

    /**
     * Checks that messages from one sender arrive in its order; returns false for a sequence number below the highest
     * one seen from that sender (a repeat of the highest is a duplicate, which the ledger counts on its own).
     */
    boolean inOrder(String sender, long seq) {
        Long last = lastSeqBySender.get(sender);
        if (last == null || seq > last) {
            lastSeqBySender.put(sender, seq);
        }
        return last == null || seq >= last;
    }

    /** Marks the client as leaving without sending anything (the server closed it). */
    void markClosing(long now) {
        if (closingAt == 0) {
            closingAt = now;
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            received(text);
        }
        webSocket.request(1);
        return null;
    }

    private void received(String text) {
        long now = System.nanoTime();
        JsonObject frame;
        try {
            frame = JsonParser.parseString(text).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            ledger.unexpectedFrame(this, text);
            return;
        }
        String type = frame.has("type") ? frame.get("type").getAsString() : "";
        switch (type) {
            case "message" -> ledger.received(this, frame.get("room").getAsString(), frame.get("data").getAsString(),
                    now);
            case "joined", "left" -> ledger.notice();
            case "error" -> ledger.refused(this, text);
            default -> ledger.unexpectedFrame(this, text);
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        ledger.unexpectedFrame(this, "binary frame");
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (closingAt == 0) {
            ledger.unexpectedClose(this, statusCode, reason);
        }
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (closingAt == 0) {
            ledger.unexpectedClose(this, 1006, String.valueOf(error));
        }
        closed.complete(1006);
    }
}
