package io.wschat.shared;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A random source whose state can be replaced with freshly seeded state, for ids, guest names and retry jitter.
 *
 * <p>SnapStart resumes many execution environments from one memory snapshot, so any generator state captured in it
 * is identical in all of them. {@link #reseed()}, run after a restore, draws new state from the operating system.
 * The default generator is {@link SecureRandom}, which the Lambda Java runtimes already keep unique across restores;
 * reseeding makes that independent of the algorithm the JVM picks. Thread-safe.
 */
public final class ReseedableRandom implements RandomGenerator {

    private final Supplier<? extends RandomGenerator> fresh;
    private volatile RandomGenerator current;

    /** A {@link SecureRandom}, replaced by a new one on every {@link #reseed()}. */
    public ReseedableRandom() {
        this(new SecureRandom(), SecureRandom::new);
    }

    /**
     * Starts from {@code initial} and takes a generator from {@code fresh} on every {@link #reseed()}; tests use a
     * fixed-seed {@code initial} to stand in for state restored from a snapshot.
     */
    public ReseedableRandom(RandomGenerator initial, Supplier<? extends RandomGenerator> fresh) {
        this.current = Objects.requireNonNull(initial, "initial");
        this.fresh = Objects.requireNonNull(fresh, "fresh");
    }

    /** Replaces the generator's state with newly seeded state. */
    public void reseed() {
        current = Objects.requireNonNull(fresh.get(), "fresh generator");
    }

    @Override
    public long nextLong() {
        return current.nextLong();
    }

    @Override
    public long nextLong(long bound) {
        return current.nextLong(bound);
    }

    @Override
    public int nextInt(int bound) {
        return current.nextInt(bound);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        current.nextBytes(bytes);
    }
}
