package io.wschat.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Who received which benchmark message and when, for one run: {@code messages} numbered messages to a room of
 * {@code members} clients, each message sent by one member and due to every other member exactly once.
 *
 * <p>Arrivals are {@link System#nanoTime()} readings taken by the receiving client in the same JVM as the sender,
 * so a message's latency is its last arrival minus its send time.
 */
public final class DeliveryTracker {

    private final String runId;
    private final int members;
    private final int messages;
    private final AtomicIntegerArray counts;
    private final AtomicIntegerArray distinct;
    private final AtomicLongArray sentAt;
    private final AtomicLongArray lastArrival;
    private final AtomicIntegerArray senders;
    private final CompletableFuture<?>[] complete;
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong echoes = new AtomicLong();
    private final AtomicLong strays = new AtomicLong();

    public DeliveryTracker(String runId, int members, int messages) {
        if (members < 2) {
            throw new IllegalArgumentException("a room needs a sender and a receiver, was " + members);
        }
        this.runId = runId;
        this.members = members;
        this.messages = messages;
        this.counts = new AtomicIntegerArray(Math.multiplyExact(members, messages));
        this.distinct = new AtomicIntegerArray(messages);
        this.sentAt = new AtomicLongArray(messages);
        this.lastArrival = new AtomicLongArray(messages);
        this.senders = new AtomicIntegerArray(messages);
        this.complete = new CompletableFuture<?>[messages];
        for (int i = 0; i < messages; i++) {
            complete[i] = new CompletableFuture<Void>();
            senders.set(i, -1);
        }
    }

    public String runId() {
        return runId;
    }

    public int messages() {
        return messages;
    }

    public int members() {
        return members;
    }

    /** The chat text of message {@code seq}: the marker receivers parse. */
    public String text(int seq) {
        return "b:" + runId + ":" + seq + ":lorem ipsum dolor sit amet";
    }

    /** Records that {@code sender} is about to send message {@code seq}; returns the send time. */
    public long sending(int seq, int sender) {
        senders.set(seq, sender);
        long now = System.nanoTime();
        sentAt.set(seq, now);
        return now;
    }

    /** Called by a client for every text frame it receives. */
    public void received(int member, String frame, long arrivalNanos) {
        int seq = sequence(frame);
        if (seq < 0) {
            return;
        }
        if (seq >= messages) {
            strays.incrementAndGet();
            return;
        }
        if (senders.get(seq) == member) {
            echoes.incrementAndGet();
            return;
        }
        if (counts.getAndIncrement(seq * members + member) > 0) {
            duplicates.incrementAndGet();
            return;
        }
        lastArrival.accumulateAndGet(seq, arrivalNanos, Math::max);
        if (distinct.incrementAndGet(seq) == members - 1) {
            complete[seq].complete(null);
        }
    }

    /** Completes when every member but the sender has message {@code seq}. */
    public CompletableFuture<?> completion(int seq) {
        return complete[seq];
    }

    public boolean isComplete(int seq) {
        return distinct.get(seq) == members - 1;
    }

    /** Last arrival minus send time, or -1 while some member still misses the message. */
    public long latencyNanos(int seq) {
        return isComplete(seq) ? lastArrival.get(seq) - sentAt.get(seq) : -1;
    }

    public long sentAt(int seq) {
        return sentAt.get(seq);
    }

    public long lastArrival(int seq) {
        return lastArrival.get(seq);
    }

    /** Deliveries of messages {@code from} (inclusive) to {@code to} (exclusive), each member counted once. */
    public long delivered(int from, int to) {
        long total = 0;
        for (int seq = from; seq < to; seq++) {
            total += distinct.get(seq);
        }
        return total;
    }

    public long duplicates() {
        return duplicates.get();
    }

    /** Copies of a message that came back to its own sender; the protocol never echoes. */
    public long echoes() {
        return echoes.get();
    }

    /** Frames carrying this run's marker with a sequence number that was never sent. */
    public long strays() {
        return strays.get();
    }

    /**
     * The sequence number of this run's message in a frame, or -1 for anything else (another run's message,
     * presence notices, errors).
     */
    int sequence(String frame) {
        if (!frame.contains("\"type\":\"message\"")) {
            return -1;
        }
        String marker = "\"data\":\"b:" + runId + ":";
        int start = frame.indexOf(marker);
        if (start < 0) {
            return -1;
        }
        int at = start + marker.length();
        int seq = 0;
        boolean digits = false;
        while (at < frame.length() && Character.isDigit(frame.charAt(at))) {
            seq = seq * 10 + (frame.charAt(at) - '0');
            at++;
            digits = true;
        }
        return digits && at < frame.length() && frame.charAt(at) == ':' ? seq : -1;
    }
}
