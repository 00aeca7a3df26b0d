package io.wschat.dynamodb;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * An embeddable DynamoDB: serves the DynamoDB JSON 1.0 protocol over HTTP, so the AWS SDKs and the AWS CLI reach it
 * unchanged with an endpoint override. In memory by default, or persisted to a data folder.
 *
 * <pre>{@code
 * try (DynamoDbEngine dynamoDb = DynamoDbEngine.builder().port(0).start()) {
 *     DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamoDb.endpoint())...build();
 * }
 * }</pre>
 */
public final class DynamoDbEngine implements AutoCloseable {

    private final URI endpoint;
    private final Runnable stop;

    DynamoDbEngine(URI endpoint, Runnable stop) {
        this.endpoint = endpoint;
        this.stop = stop;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The URL to give a client as its endpoint, for example {@code http://127.0.0.1:8000}. */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    /** Stops serving and, with a data folder, closes the store cleanly. */
    @Override
    public void close() {
        stop.run();
    }

    /** The engine's options; {@link #start()} starts it. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8000;
        private Path dataDir;
        private Duration ttlSweepInterval = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The address to listen on; loopback unless told otherwise. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port; 0 picks a free one. Default 8000. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Where to keep the tables between runs; none (the default) keeps them in memory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** How often expired items are looked for once a table's TTL is enabled. Default one second. */
        public Builder ttlSweepInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("ttlSweepInterval must be positive: " + interval);
            }
            this.ttlSweepInterval = interval;
            return this;
        }

        /** The clock TTL compares expiry times with. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Starts the engine; it serves once this returns. */
        public DynamoDbEngine start() {
            throw new UnsupportedOperationException("not yet");
        }
    }
}
