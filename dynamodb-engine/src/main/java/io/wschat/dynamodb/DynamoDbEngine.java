package io.wschat.dynamodb;

import io.wschat.dynamodb.internal.api.Database;
import io.wschat.dynamodb.internal.api.Operations;
import io.wschat.dynamodb.internal.api.TtlSweeper;
import io.wschat.dynamodb.internal.http.DynamoDbHandler;
import io.wschat.dynamodb.internal.storage.MvStore;
import io.wschat.dynamodb.internal.storage.Store;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

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

    private static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private final URI endpoint;
    private final Server server;
    private final ScheduledExecutorService sweeper;
    private final Database database;

    /** Starts the engine with these options; it serves once this returns. */
    private DynamoDbEngine(Builder options) {
        String host = options.host;
        // Unless told, Jetty asks the platform MBean server whether oops are compressed, only to size the padding
        // of its queues; starting JMX for that costs about 200 ms of a fresh JVM's start. 64-byte cache lines of
        // 4-byte references, as on every heap under 32 GB. Set it before any Jetty class reads it.
        if (System.getProperty(JETTY_REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
        }
        // Jetty's Server makes a MimeTypes, whose static initialiser lists the JVM's locales: in a fresh JVM a
        // scan of the locale data, 70 to 100 ms. Begun here on a thread of its own, it runs while this thread
        // opens the store and loads Jetty; later calls return the list the JDK keeps.
        Thread locales = new Thread(Locale::getAvailableLocales, "dynamodb-engine-locales");
        locales.setDaemon(true);
        locales.start();
        database = new Database(options.dataDir == null ? Store.none() : MvStore.open(options.dataDir), options.clock);
        QueuedThreadPool threads = new QueuedThreadPool(200, 2);
        threads.setName("dynamodb-engine");
        threads.setDaemon(true);
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(options.port);
        // No per-connection header cache: every SDK call's Authorization header (its SigV4 signature) is new, and
        // Jetty would learn each one and soon drop it again.
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().setHeaderCacheSize(0);
        server.addConnector(connector);
        server.setHandler(new DynamoDbHandler(new Operations(database), allowedHosts(host)));
        try {
            if (options.channel != null) {
                connector.open(options.channel);
            }
            server.start();
        } catch (Exception e) {
            connector.close();
            database.close();
            int port = options.channel != null ? options.channel.socket().getLocalPort() : options.port;
            throw new IllegalStateException("the DynamoDB engine did not start on " + host + ":" + port, e);
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dynamodb-engine-ttl");
            thread.setDaemon(true);
            return thread;
        });
        TtlSweeper ttl = new TtlSweeper(database);
        long every = options.ttlSweepInterval.toMillis();
        sweeper.scheduleWithFixedDelay(ttl::sweep, every, every, TimeUnit.MILLISECONDS);
        String shown = host.contains(":") ? "[" + host + "]" : host;
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            shown = "127.0.0.1";
        }
        endpoint = URI.create("http://" + shown + ":" + connector.getLocalPort());
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
        sweeper.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the DynamoDB engine did not stop cleanly", e);
        } finally {
            database.close();
        }
    }

    /**
     * Runs the engine from the command line until it is stopped: {@code --port 8000}, {@code --host 127.0.0.1},
     * {@code --data-dir PATH} (omit for in memory), {@code --ttl-sweep-seconds 1}.
     */
    public static void main(String[] args) {
        Builder builder = builder();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if ("--help".equals(option) || "-h".equals(option)) {
                System.out.println("usage: dynamodb-engine [--port 8000] [--host 127.0.0.1] [--data-dir PATH] "
                        + "[--ttl-sweep-seconds 1]");
                return;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> builder.port(Integer.parseInt(value));
                case "--host" -> builder.host(value);
                case "--data-dir" -> builder.dataDir(Path.of(value));
                case "--ttl-sweep-seconds" -> builder.ttlSweepInterval(Duration.ofSeconds(Long.parseLong(value)));
                default -> throw new IllegalArgumentException("unknown option " + option + " (try --help)");
            }
        }
        long started = System.nanoTime();
        DynamoDbEngine engine = builder.start();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "dynamodb-engine-stop"));
        System.out.println("DynamoDB engine at " + engine.endpoint() + " (started in " + millis + " ms)");
        try {
            engine.server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Loopback names always; the bound address and this machine's names when bound to another address. */
    private static Set<String> allowedHosts(String host) {
        Set<String> hosts = new HashSet<>(List.of("localhost", "127.0.0.1", "[::1]", "::1"));
        hosts.add(host.toLowerCase(Locale.ROOT));
        if (!isLoopback(host)) {
            try {
                InetAddress local = InetAddress.getLocalHost();
                hosts.add(local.getHostName().toLowerCase(Locale.ROOT));
                hosts.add(local.getHostAddress());
            } catch (UnknownHostException e) {
                // only the names above then
            }
        }
        return hosts;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The engine's options; {@link #start()} starts it. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8000;
        private Path dataDir;
        private Duration ttlSweepInterval = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();
        private ServerSocketChannel channel;

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

        /**
         * Serves on a channel its caller has already bound (to the {@link #host(String) host}, whose names the Host
         * check allows) in place of binding {@link #port(int) port}: the caller knows the port, and holds it, before
         * the engine starts. The engine closes it when it stops.
         */
        public Builder channel(ServerSocketChannel channel) {
            this.channel = Objects.requireNonNull(channel, "channel");
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
            return new DynamoDbEngine(this);
        }
    }
}
