package io.wschat.local.faults;

import io.wschat.sns.Faults;
import io.wschat.sns.SnsFault;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, call by call, which fault of the current {@link FaultPlan} to inject, and counts what it injected. The
 * management API asks {@link #onPost}; the SNS stand-in asks through {@link #sns()}. The plan can be replaced at run
 * time ({@link #set}), so a test can make a dependency fail and then recover. Thread-safe.
 *
 * <p>Each call that some rule may hit takes one uniform draw from a random sequence seeded by the plan's seed (or a
 * random one, see {@link #seed()}): the same seed gives the same sequence of draws. Which call gets which draw still
 * depends on the order calls arrive in, which concurrent fan-out does not fix; shares of 0 and 1, and rules aimed at
 * one connection, are exact.
 */
public final class FaultInjector implements AutoCloseable {

    /** The longest a hung call is held before its connection is dropped without an answer. */
    public static final Duration MAX_HANG = Duration.ofSeconds(60);

    private static final List<Fault> POST = List.of(Fault.POST_GONE, Fault.POST_THROTTLED, Fault.POST_ERROR,
            Fault.POST_HANG);
    private static final List<Fault> PUBLISH = List.of(Fault.SNS_PUBLISH_ERROR, Fault.SNS_PUBLISH_THROTTLED);
    private static final List<Fault> DELIVERY = List.of(Fault.SNS_DELIVERY);

    /** Told about every injected fault, on the calling thread. */
    public interface Listener {
        /** @param target the connection id, the SNS action and topic, or the subscriber endpoint */
        void injected(Fault fault, String target);
    }

    private final Map<Fault, AtomicLong> counts = new EnumMap<>(Fault.class);
    private final Set<Runnable> held = ConcurrentHashMap.newKeySet();
    private final Duration maxHang;
    private volatile FaultPlan plan;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private SplittableRandom random;
    private long seed;
    private ScheduledExecutorService hangTimer;

    public FaultInjector(FaultPlan plan) {
        this(plan, MAX_HANG);
    }

    /** With a shorter longest hang, for tests. */
    public FaultInjector(FaultPlan plan, Duration maxHang) {
        for (Fault fault : Fault.values()) {
            counts.put(fault, new AtomicLong());
        }
        this.maxHang = Objects.requireNonNull(maxHang, "maxHang");
        set(plan);
    }

    /** Replaces the plan; draws restart from the new plan's seed when it has one. */
    public void set(FaultPlan next) {
        Objects.requireNonNull(next, "plan");
        synchronized (this) {
            if (next.seed().isPresent() || random == null) {
                seed = next.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
                random = new SplittableRandom(seed);
            }
            plan = next;
        }
    }

    /** Stops injecting anything. */
    public void clear() {
        set(FaultPlan.none());
    }

    public FaultPlan plan() {
        return plan;
    }

    /** The seed of the current sequence of draws: the plan's, or the random one picked when it had none. */
    public synchronized long seed() {
        return seed;
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** How many times {@code fault} was injected since the start. */
    public long injected(Fault fault) {
        return counts.get(fault).get();
    }

    /** The fault for this {@code POST /@connections/{connectionId}}, if one is to be injected. */
    public Optional<Fault> onPost(String connectionId) {
        return draw(POST, Optional.of(connectionId), connectionId);
    }

    /** The adapter the SNS stand-in asks: {@code Publish} and {@code PublishBatch} errors, and failed deliveries. */
    public Faults sns() {
        return new Faults() {
            @Override
            public Optional<SnsFault> onRequest(String action, Optional<String> topicArn) {
                if (!action.equals("Publish") && !action.equals("PublishBatch")) {
                    return Optional.empty();
                }
                return draw(PUBLISH, Optional.empty(), action + " " + topicArn.orElse("(no topic)"))
                        .map(fault -> fault == Fault.SNS_PUBLISH_THROTTLED ? SnsFault.throttled()
                                : SnsFault.internalError());
            }

            @Override
            public boolean failDelivery(String subscriptionArn, URI endpoint) {
                return draw(DELIVERY, Optional.empty(), endpoint.toString()).isPresent();
            }
        };
    }

    /**
     * Holds a hung call: {@code release} runs after {@link #MAX_HANG} (dropping the caller's connection without an
     * answer) or when this injector closes, whichever comes first.
     */
    public void hold(Runnable release) {
        Runnable once = new Runnable() {
            @Override
            public void run() {
                if (held.remove(this)) {
                    release.run();
                }
            }
        };
        held.add(once);
        timer().schedule(once, maxHang.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized ScheduledExecutorService timer() {
        if (hangTimer == null) {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "fault-hang-timer");
                thread.setDaemon(true);
                return thread;
            });
            timer.setRemoveOnCancelPolicy(true);
            hangTimer = timer;
        }
        return hangTimer;
    }

    private Optional<Fault> draw(List<Fault> kinds, Optional<String> connectionId, String target) {
        Map<Fault, Double> shares = plan.sharesFor(kinds, connectionId);
        if (shares.isEmpty()) {
            return Optional.empty();
        }
        double draw;
        synchronized (this) {
            draw = random.nextDouble();
        }
        double cumulative = 0;
        for (Map.Entry<Fault, Double> share : shares.entrySet()) {
            cumulative += share.getValue();
            if (draw < cumulative) {
                Fault fault = share.getKey();
                counts.get(fault).incrementAndGet();
                for (Listener listener : listeners) {
                    listener.injected(fault, target);
                }
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }

    /** Releases every held call. */
    @Override
    public void close() {
        for (Runnable release : List.copyOf(held)) {
            release.run();
        }
        synchronized (this) {
            if (hangTimer != null) {
                hangTimer.shutdownNow();
            }
        }
    }
}
