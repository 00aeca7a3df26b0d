package io.wschat.soak;

import io.wschat.tools.LatencyHistogram;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Who is in which room, every message in flight, and what each member received: the exactly-once, per-sender order
 * and room isolation checks of a soak run.
 *
 * <p>A member must receive a message exactly once when it was present in the sender's room when the message was sent
 * and stayed until the delivery deadline had passed, and so did the sender. Members that arrive or leave in between may or may not get it,
 * but never twice. A message stays in the ledger until its deadline, so memory holds about rate x deadline messages.
 */
final class DeliveryLedger {

    private static final int MAX_SAMPLES = 20;

    /** One expected receiver of one message. */
    private static final class Slot {
        final AtomicInteger count = new AtomicInteger();
        final AtomicBoolean resolved = new AtomicBoolean();
    }

    /** One message in flight. */
    private static final class Sent {
        final String key;
        final SoakClient sender;
        final long sentAt;
        final Map<SoakClient, Slot> expected;
        final Map<SoakClient, AtomicInteger> others = new ConcurrentHashMap<>();
        final AtomicInteger remaining;
        final AtomicBoolean settled = new AtomicBoolean();

        Sent(String key, SoakClient sender, long sentAt, Map<SoakClient, Slot> expected) {
            this.key = key;
            this.sender = sender;
            this.sentAt = sentAt;
            this.expected = expected;
            this.remaining = new AtomicInteger(expected.size());
        }
    }

    private final long deadlineNanos;
    private final Map<String, Sent> live = new ConcurrentHashMap<>();
    private final Object membersLock = new Object();
    private final Map<String, Set<SoakClient>> present = new HashMap<>();
    private final List<SoakClient> pool = new ArrayList<>();
    private final Map<SoakClient, Integer> poolIndex = new HashMap<>();
    private final List<String> samples = Collections.synchronizedList(new ArrayList<>());
    final LatencyHistogram latency = new LatencyHistogram();
    final LongAdder sent = new LongAdder();
    final LongAdder deliveries = new LongAdder();
    final LongAdder required = new LongAdder();
    final LongAdder losses = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder late = new LongAdder();
    final LongAdder outOfOrder = new LongAdder();
    final LongAdder crossRoom = new LongAdder();
    final LongAdder echoes = new LongAdder();
    final LongAdder unexpectedFrames = new LongAdder();
    final LongAdder unexpectedCloses = new LongAdder();
    final LongAdder notices = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder refused = new LongAdder();

    DeliveryLedger(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** The client's handshake completed: from now on it must receive its room's messages. */
    void arrived(SoakClient client) {
        synchronized (membersLock) {
            present.computeIfAbsent(client.room(), room -> new HashSet<>()).add(client);
            poolIndex.put(client, pool.size());
            pool.add(client);
        }
    }

    /** The client starts to leave: nothing sent from now on is owed to it, nor what it has not received yet. */
    void leaving(SoakClient client) {
        synchronized (membersLock) {
            Set<SoakClient> members = present.get(client.room());
            if (members != null) {
                members.remove(client);
            }
            Integer index = poolIndex.remove(client);
            if (index != null) {
                SoakClient last = pool.remove(pool.size() - 1);
                if (last != client) {
                    pool.set(index, last);
                    poolIndex.put(last, index);
                }
            }
        }
        for (Sent message : live.values()) {
            Slot slot = message.expected.get(client);
            if (slot != null && slot.count.get() == 0 && slot.resolved.compareAndSet(false, true)) {
                resolve(message);
            }
        }
    }

    int presentCount() {
        synchronized (membersLock) {
            return pool.size();
        }
    }

    /** A random present client, or null when none is. */
    SoakClient randomPresent(Random random) {
        synchronized (membersLock) {
            return pool.isEmpty() ? null : pool.get(random.nextInt(pool.size()));
        }
    }

    /** The room with the fewest present members among the given ones. */
    String smallestRoom(List<String> rooms) {
        synchronized (membersLock) {
            String smallest = rooms.get(0);
            for (String room : rooms) {
                if (present.getOrDefault(room, Set.of()).size() < present.getOrDefault(smallest, Set.of()).size()) {
                    smallest = room;
                }
            }
            return smallest;
        }
    }

    /** Records a message about to be sent by {@code sender} and returns its text. */
    String sending(SoakClient sender, long now) {
        String key = sender.nextKey();
        Map<SoakClient, Slot> expected = new HashMap<>();
        synchronized (membersLock) {
            for (SoakClient member : present.getOrDefault(sender.room(), Set.of())) {
                if (member != sender) {
                    expected.put(member, new Slot());
                }
            }
        }
        Sent message = new Sent(key, sender, now, Map.copyOf(expected));
        sender.unsettled.incrementAndGet();
        live.put(key, message);
        sent.increment();
        if (message.expected.isEmpty()) {
            settle(message);
        }
        return key;
    }

    /** The send itself failed: nothing is owed for it. */
    void sendFailed(String key, Throwable error) {
        Sent message = live.remove(key);
        if (message != null) {
            settle(message);
        }
        sample("send failed: " + error);
        sendFailures.increment();
    }

    void received(SoakClient receiver, String room, String data, long now) {
        deliveries.increment();
        Sent message = live.get(data);
        if (message == null) {
            late.increment();
            sample(receiver.name() + " got " + data + " after its deadline (or never sent)");
            return;
        }
        latency.record(now - message.sentAt);
        if (!room.equals(receiver.room()) || !room.equals(message.sender.room())) {
            crossRoom.increment();
            sample(receiver.name() + " in " + receiver.room() + " got " + data + " for room " + room);
        }
        if (message.sender == receiver) {
            echoes.increment();
            sample(receiver.name() + " got its own " + data);
        }
        String[] parts = data.split(" ");
        if (!receiver.inOrder(parts[1], Long.parseLong(parts[2]))) {
            outOfOrder.increment();
            sample(receiver.name() + " got " + data + " after a later message of the same sender");
        }
        Slot slot = message.expected.get(receiver);
        if (slot != null) {
            slot.count.incrementAndGet();
            if (slot.resolved.compareAndSet(false, true)) {
                resolve(message);
            }
        } else {
            message.others.computeIfAbsent(receiver, client -> new AtomicInteger()).incrementAndGet();
        }
    }

    /**
     * The server answered the client's last message with an error frame: the message was neither stored nor
     * delivered, so nothing is owed for it. Still a violation (an unexpected frame), but not a loss.
     */
    void refused(SoakClient client, String frame) {
        unexpectedFrame(client, frame);
        String key = client.lastKey();
        Sent message = key == null ? null : live.remove(key);
        if (message != null) {
            refused.increment();
            settle(message);
        }
    }

    void notice() {
        notices.increment();
    }

    void unexpectedFrame(SoakClient client, String frame) {
        unexpectedFrames.increment();
        sample(client.name() + " got " + (frame.length() > 200 ? frame.substring(0, 200) + "..." : frame));
    }

    void unexpectedClose(SoakClient client, int statusCode, String reason) {
        unexpectedCloses.increment();
        sample(client.name() + " closed by the server: " + statusCode + " " + reason);
        client.markClosing(System.nanoTime());
        leaving(client);
    }

    /** Checks and forgets every message whose deadline has passed (all of them when {@code all}). */
    void finishDue(long now, boolean all) {
        for (Sent message : live.values()) {
            if (all || now - message.sentAt >= deadlineNanos) {
                finish(message);
            }
        }
    }

    int inFlight() {
        return live.size();
    }

    List<String> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Puts the ledger's counts, its latency figures and the first problems seen into {@code report}. */
    SoakReport.Builder addTo(SoakReport.Builder report) {
        return report
                .messagesSent(sent.sum())
                .deliveries(deliveries.sum())
                .requiredDeliveries(required.sum())
                .losses(losses.sum())
                .duplicates(duplicates.sum())
                .late(late.sum())
                .outOfOrder(outOfOrder.sum())
                .crossRoom(crossRoom.sum())
                .echoes(echoes.sum())
                .unexpectedFrames(unexpectedFrames.sum())
                .unexpectedCloses(unexpectedCloses.sum())
                .sendFailures(sendFailures.sum())
                .refused(refused.sum())
                .notices(notices.sum())
                .latency(latency.percentiles())
                .samples(samples());
    }

    private void finish(Sent message) {
        if (live.remove(message.key) == null) {
            return;
        }
        settle(message);
        long due = message.sentAt + deadlineNanos;
        // A sender that leaves right after sending may be gone before its frame is handled: $disconnect then
        // deletes the row first and the message is refused (NOT_CONNECTED, to a closed connection). Owed only
        // when the sender stayed too.
        boolean senderStayed = stayed(message.sender, due);
        for (Map.Entry<SoakClient, Slot> entry : message.expected.entrySet()) {
            boolean owed = senderStayed && stayed(entry.getKey(), due);
            int count = entry.getValue().count.get();
            if (owed) {
                required.increment();
                if (count == 0) {
                    losses.increment();
                    sample(entry.getKey().name() + " never got " + message.key);
                }
            }
            if (count > 1) {
                duplicates.add(count - 1);
                sample(entry.getKey().name() + " got " + message.key + " " + count + " times");
            }
        }
        message.others.forEach((client, count) -> {
            if (count.get() > 1) {
                duplicates.add(count.get() - 1);
                sample(client.name() + " got " + message.key + " " + count.get() + " times");
            }
        });
    }

    private static boolean stayed(SoakClient client, long until) {
        long closingAt = client.closingAt();
        return closingAt == 0 || closingAt - until >= 0;
    }

    private void resolve(Sent message) {
        if (message.remaining.decrementAndGet() <= 0) {
            settle(message);
        }
    }

    private static void settle(Sent message) {
        if (message.settled.compareAndSet(false, true)) {
            message.sender.unsettled.decrementAndGet();
        }
    }

    private void sample(String text) {
        synchronized (samples) {
            if (samples.size() < MAX_SAMPLES) {
                samples.add(text);
            }
        }
    }
}
