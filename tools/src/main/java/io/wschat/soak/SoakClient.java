package io.wschat.soak;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One soak connection on the tools' shared Jetty client: reports every frame it receives to the ledger. Public only
 * because Jetty calls a listener's methods through method handles; nothing else outside the package uses it.
 */
public final class SoakClient implements Session.Listener.AutoDemanding {

    private final String name;
    private final String room;
    private final DeliveryLedger ledger;
    // Touched only by this connection's listener calls, which Jetty runs one after the other (the next frame is
    // demanded when a call returns).
    private final Map<String, Long> lastSeqBySender = new HashMap<>();
    private final AtomicInteger nextSeq = new AtomicInteger();
    final AtomicInteger unsettled = new AtomicInteger();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile Session socket;
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

    void opened(Session openSocket) {
        this.socket = openSocket;
    }

    /** Sends the next chat message; its text carries this client's name and sequence number. */
    CompletableFuture<Void> send(long now, String key) {
        lastSentAt = now;
        lastKey = key;
        JsonObject frame = new JsonObject();
        frame.addProperty("action", "sendmessage");
        frame.addProperty("data", key);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        socket.sendText(frame.toString(), Callback.from(() -> sent.complete(null), sent::completeExceptionally));
        return sent;
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
        Session current = socket;
        if (current == null) {
            closed.complete(-1);
            return;
        }
        current.close(StatusCode.NORMAL, "soak done", Callback.from(() -> { }, error -> {
            current.disconnect();
            closed.complete(-1);
        }));
    }

    void abort() {
        Session current = socket;
        if (current != null) {
            current.disconnect();
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
    public void onWebSocketText(String text) {
        received(text);
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
    public void onWebSocketBinary(ByteBuffer data, Callback callback) {
        ledger.unexpectedFrame(this, "binary frame");
        callback.succeed();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        if (closingAt == 0) {
            ledger.unexpectedClose(this, statusCode, reason);
        }
        closed.complete(statusCode);
    }

    @Override
    public void onWebSocketError(Throwable error) {
        if (closingAt == 0) {
            ledger.unexpectedClose(this, StatusCode.ABNORMAL, String.valueOf(error));
        }
        closed.complete(StatusCode.ABNORMAL);
    }
}
