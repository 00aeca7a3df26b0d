package io.wschat.local.gateway;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** One open WebSocket connection, as the management API sees it. */
public final class Connection {

    /** What became of a message sent to the client. */
    public enum Delivery {
        /** Queued for the client. */
        QUEUED,
        /** The connection is closed. */
        GONE,
        /** Too many frames are waiting for the client. */
        THROTTLED
    }

    /** Why the gateway closed a connection, as the {@code $disconnect} event reports it. */
    record CloseCause(int statusCode, String reason) {
    }

    private final String id;
    private final long connectedAt;
    private final String sourceIp;
    private final String userAgent;
    private final int maxFrameBytes;
    private final Object sendLock = new Object();
    private final AtomicReference<CloseCause> serverClose = new AtomicReference<>();
    private volatile Session session;
    private volatile long lastActiveAt;
    private volatile ScheduledFuture<?> idleCheck;
    private volatile ScheduledFuture<?> maxDurationCheck;

    Connection(String id, long connectedAt, String sourceIp, String userAgent, int maxFrameBytes) {
        this.id = id;
        this.maxFrameBytes = maxFrameBytes;
        this.connectedAt = connectedAt;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.lastActiveAt = connectedAt;
    }

    public String id() {
        return id;
    }

    public long connectedAt() {
        return connectedAt;
    }

    public long lastActiveAt() {
        return lastActiveAt;
    }

    public String sourceIp() {
        return sourceIp;
    }

    public String userAgent() {
        return userAgent;
    }

    /** Whether the connection is open and not being closed by the gateway. */
    public boolean isOpen() {
        Session current = session;
        return current != null && current.isOpen() && serverClose.get() == null;
    }

    void attach(Session openSession) {
        this.session = openSession;
    }

    void touch() {
        lastActiveAt = Instant.now().toEpochMilli();
    }

    /** Answers a ping with a pong of the same payload, once the session is attached. */
    void pong(ByteBuffer payload) {
        Session current = session;
        if (current != null) {
            current.sendPong(payload, Callback.NOOP);
        }
    }

    void timers(ScheduledFuture<?> idle, ScheduledFuture<?> maxDuration) {
        this.idleCheck = idle;
        this.maxDurationCheck = maxDuration;
    }

    void idleTimer(ScheduledFuture<?> idle) {
        this.idleCheck = idle;
    }

    void cancelTimers() {
        ScheduledFuture<?> idle = idleCheck;
        ScheduledFuture<?> max = maxDurationCheck;
        if (idle != null) {
            idle.cancel(false);
        }
        if (max != null) {
            max.cancel(false);
        }
    }

    /**
     * Queues a text message for the client without waiting for it to be written, in frames no larger than the
     * frame limit (Jetty refuses larger ones).
     */
    public Delivery send(String text) {
        Session current = session;
        if (!isOpen()) {
            return Delivery.GONE;
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        Callback callback = Callback.from(() -> written.complete(null), written::completeExceptionally);
        List<String> parts = TextFragments.split(text, maxFrameBytes);
        synchronized (sendLock) {
            if (parts.size() == 1) {
                current.sendText(text, callback);
            } else {
                for (int i = 0; i < parts.size() && !written.isDone(); i++) {
                    boolean last = i == parts.size() - 1;
                    current.sendPartialText(parts.get(i), last, last ? callback
                            : Callback.from(() -> { }, written::completeExceptionally));
                }
            }
        }
        if (written.isCompletedExceptionally()) {
            return current.isOpen() ? Delivery.THROTTLED : Delivery.GONE;
        }
        return Delivery.QUEUED;
    }

    /** Closes the connection from the gateway's side, remembering why for the {@code $disconnect} event. */
    public void close(int statusCode, String reason) {
        if (serverClose.compareAndSet(null, new CloseCause(statusCode, reason))) {
            Session current = session;
            if (current != null) {
                current.close(statusCode, reason, Callback.NOOP);
            }
        }
    }

    CloseCause serverClose() {
        return serverClose.get();
    }
}
