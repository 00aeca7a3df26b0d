package io.wschat.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
    private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();

    private Room() {
    }

    /**
     * Connects {@code size} clients to {@code base?room=...&name=m<i>}, at most {@code inFlight} handshakes at a
     * time.
     */
    public static Room connect(WebSocketClient client, URI base, String room, int size, int inFlight,
            Duration timeout) throws Exception {
        long started = System.nanoTime();
        Room result = new Room();
        List<Member> members = result.members;
        Semaphore permits = new Semaphore(inFlight);
        List<CompletableFuture<Session>> handshakes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Member member = new Member(result, i);
            members.add(member);
            URI uri = URI.create(base + "/?room=" + room + "&name=m" + i);
            if (!permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("connecting member " + i + " of " + room + " took over " + timeout);
            }
            CompletableFuture<Session> handshake = client.connect(member, uri);
            handshake.whenComplete((session, failure) -> permits.release());
            handshakes.add(handshake);
        }
        for (int i = 0; i < size; i++) {
            try {
                members.get(i).session = handshakes.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                result.closeConnected();
                throw new IllegalStateException("member " + i + " of " + room + " could not connect: " + e, e);
            }
        }
        result.connectTime = Duration.ofNanos(System.nanoTime() - started);
        return result;
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
    public static final class Member implements Session.Listener.AutoDemanding {

        private final int index;
        private final Room room;
        private volatile Session session;
        private volatile CountDownLatch closed;

        Member(Room room, int index) {
            this.room = room;
            this.index = index;
        }

        @Override
        public void onWebSocketText(String message) {
            long arrival = System.nanoTime();
            Room current = room;
            current.frames.incrementAndGet();
            DeliveryTracker run = current.tracker.get();
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
            room.errors.add(cause);
        }
    }
}
