package io.wschat.shared;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Server-assigned ids that sort by creation time: 26 characters of Crockford base32, the first 10 encoding the
 * epoch millisecond and the last 16 encoding 80 random bits (the ULID layout).
 */
public final class IdGenerator {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Clock clock;
    private final RandomGenerator random;

    public IdGenerator(Clock clock) {
        this(clock, new SecureRandom());
    }

    public IdGenerator(Clock clock, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new id for the current instant of this generator's clock. */
    public String next() {
        return next(clock.millis());
    }

    /** A new id for the given epoch millisecond. */
    public String next(long epochMillis) {
        char[] id = new char[26];
        long time = epochMillis;
        for (int i = 9; i >= 0; i--) {
            id[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            // 80 bits: 64 from 'high', 16 from 'low', five bits per character.
            int bits;
            if (i < 12) {
                bits = (int) ((high >>> (59 - 5 * i)) & 31);
            } else if (i == 12) {
                bits = (int) (((high & 0xF) << 1) | ((low >>> 15) & 1));
            } else {
                bits = (int) ((low >>> (10 - 5 * (i - 13))) & 31);
            }
            id[10 + i] = ALPHABET[bits];
        }
        return new String(id);
    }
}
