package io.wschat.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** {@code N} WebSocket clients in one chat room, connected with bounded concurrency, all feeding one tracker. */
public final class Room implements AutoCloseable {

    private final List<Member> members = new ArrayList<>();
    private Duration connectTime = Duration.ZERO;
    private final AtomicReference<DeliveryTracker> tracker = new AtomicReference<>();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicInteger retries = new AtomicInteger();
    private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();

    private Room() {
    }

    /**
     * Connects {@code size} clients to {@code base?room=...&name=m<i>}. Handshakes in flight ramp up from one to
     * {@code inFlight} as connections complete (each new concurrent {@code $connect} may start a new function
     * instance, and cold starts on a small machine must not pile up); a failed handshake is retried twice.
     */
    public static Room connect(WebSocketClient client, URI base, String room, int size, int inFlight,
            Duration timeout) throws Exception {
        long started = System.nanoTime();
        Room result = new Room();
        List<Member> members = result.members;
        AtomicInteger finished = new AtomicInteger();
        List<CompletableFuture<Session>> handshakes = new ArrayList<>(size);
        long deadline = System.nanoTime() + timeout.toNanos() * Math.max(1, size / 100);
        for (int i = 0; i < size; i++) {
            Member member = result.new Member(i);
            members.add(member);
            while (i - finished.get() >= Math.min(inFlight, 1 + finished.get() / 2)) {
                if (System.nanoTime() > deadline) {
                    result.closeConnected();
                    throw new IllegalStateException("connecting " + size + " members to " + room + " timed out");
                }
                LockSupport.parkNanos(500_000);
            }
            CompletableFuture<Session> handshake = client.connect(member, uri(base, room, i));
            handshake.whenComplete((session, failure) -> finished.incrementAndGet());
            handshakes.add(handshake);
        }
        for (int i = 0; i < size; i++) {
            Member member = members.get(i);
            for (int attempt = 1; member.session == null; attempt++) {
                try {
                    member.session = handshakes.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    if (attempt >= 3) {
                        result.closeConnected();
                        throw new IllegalStateException("member " + i + " of " + room + " could not connect: " + e, e);
                    }
                    result.retries.incrementAndGet();
                    handshakes.set(i, client.connect(member, uri(base, room, i)));
                }
            }
        }
        result.connectTime = Duration.ofNanos(System.nanoTime() - started);
        return result;
    }

    private static URI uri(URI base, String room, int index) {
        return URI.create(base + "/?room=" + room + "&name=m" + index);
    }

    /** Handshakes that failed and were tried again while connecting. */
    public int connectRetries() {
        return retries.get();
    }

    public int size() {
        return members.size();
    }

    public Duration connectTime() {
        return connectTime;
    }

    /** Points every member's arrivals at {@code next}; frames of earlier runs are then ignored. */
    public void track(DeliveryTracker next) {
        tracker.set(next);
    }

    /** Sends message {@code seq} of the current run from member {@code sender}. */
    public void send(DeliveryTracker run, int seq, int sender) {
        Member member = members.get(sender);
        String frame = "{\"action\":\"sendmessage\",\"data\":\"" + run.text(seq) + "\"}";
        run.sending(seq, sender);
        member.session.sendText(frame, Callback.from(() -> { }, errors::add));
    }

    /** Every text frame any member received, for diagnostics. */
    public long frames() {
        return frames.get();
    }

    /** Send failures and socket errors seen so far. */
    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    /** Closes every connection normally and waits for the close handshakes, up to {@code timeout}. */
    public void close(Duration timeout) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(members.size());
        for (Member member : members) {
            member.closed = closed;
            if (member.session != null && member.session.isOpen()) {
                member.session.close(StatusCode.NORMAL, "bye", Callback.NOOP);
            } else {
                closed.countDown();
            }
        }
        closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }

    private void closeConnected() {
        for (Member member : members) {
            if (member.session != null) {
                member.session.close();
            }
        }
    }

    /** One client: forwards every text frame with its arrival time to the room's current tracker. */
    public final class Member implements Session.Listener.AutoDemanding {

        private final int index;
        private volatile Session session;
        private volatile CountDownLatch closed;

        Member(int index) {
            this.index = index;
        }

        @Override
        public void onWebSocketText(String message) {
            long arrival = System.nanoTime();
            frames.incrementAndGet();
            DeliveryTracker run = tracker.get();
            if (run != null) {
                run.received(index, message, arrival);
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            CountDownLatch latch = closed;
            if (latch != null) {
                latch.countDown();
            }
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            errors.add(cause);
        }
    }
}
