package io.wschat.sns;

import io.wschat.local.access.AllowedHosts;
import io.wschat.local.access.AllowedOrigins;
import io.wschat.local.access.BindAddress;
import io.wschat.local.access.HostCheckHandler;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A local stand-in for Amazon SNS: speaks the SNS Query API on its own Jetty server so the real
 * {@code SnsClient} and {@code aws sns --endpoint-url} work, and delivers to HTTP/HTTPS subscribers with the
 * real SNS envelopes, filter policies and retries. See docs/SNS-LOCAL.md.
 */
public final class SnsStandIn implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SnsStandIn.class.getName());

    private final Server server;
    private final URI endpoint;
    private final SnsService service;
    private final EventFeed feed;
    private final HttpDelivery delivery;
    private final List<Consumer<PublishedMessage>> listeners = new CopyOnWriteArrayList<>();

    private SnsStandIn(Builder builder) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("sns-stand-in");
        threads.setDaemon(true);
        this.server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(builder.host);
        connector.setPort(builder.port);
        // No per-connection header cache: every SDK call's Authorization header (its SigV4 signature) is new, and
        // Jetty would learn each one and soon drop it again.
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().setHeaderCacheSize(0);
        server.addConnector(connector);
        this.feed = new EventFeed(builder.recentEvents, builder.maxEventStreams);
        Faults faults = builder.faults;
        this.delivery = new HttpDelivery(builder.deliveryPolicy, () -> faults);
        try {
            // Bind first: the port goes into every SubscribeURL and UnsubscribeURL.
            if (builder.channel != null) {
                connector.open(builder.channel);
            } else {
                connector.open();
            }
            this.endpoint = URI.create("http://" + advertisedHost(builder.host) + ":" + connector.getLocalPort());
            this.service = new SnsService(builder.region, builder.accountId, endpoint, delivery, this::published,
                    builder.allowRemoteEndpoints);
            AllowedOrigins ownPage = AllowedOrigins.of(connector.getLocalPort(), builder.host, List.of());
            server.setHandler(new HostCheckHandler(AllowedHosts.forBind(builder.host),
                    new QueryApiHandler(service, feed, () -> faults, ownPage)));
            server.start();
        } catch (Exception e) {
            close();
            int port = builder.channel != null ? builder.channel.socket().getLocalPort() : builder.port;
            throw new IllegalStateException("SNS stand-in failed to start on " + builder.host + ":" + port, e);
        }
    }

    /** Starts a stand-in on {@code 127.0.0.1:port} ({@code 0} picks a free port) with the defaults. */
    public static SnsStandIn start(int port) {
        return builder().port(port).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where SDK clients, the CLI and browsers reach the stand-in, e.g. {@code http://127.0.0.1:4575}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Creates the topic if it does not exist (as SNS, idempotently) and returns its ARN. */
    public String createTopic(String name) {
        try {
            return service.createTopic(name);
        } catch (SnsErrorException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The ARN a topic of that name has here, whether or not it exists yet. */
    public String topicArn(String name) {
        return service.topicArn(name);
    }

    /**
     * Calls the listener on the publisher's thread for every accepted message, after it is queued for
     * delivery. Listeners must be quick; what they throw is logged and never fails the publish.
     */
    public void addListener(Consumer<PublishedMessage> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<PublishedMessage> listener) {
        listeners.remove(listener);
    }

    /** The most recently published messages, oldest first, as {@code /events.json} shows them. */
    public List<PublishedMessage> recentMessages() {
        return feed.recent();
    }

    @Override
    public void close() {
        feed.close();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "sns stand-in did not stop cleanly", e);
        }
        delivery.close();
    }

    private void published(PublishedMessage message) {
        feed.record(message);
        for (Consumer<PublishedMessage> listener : listeners) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "sns publish listener failed messageId=" + message.messageId(), e);
            }
        }
    }

    private static String advertisedHost(String host) {
        return BindAddress.urlHost(host, "localhost");
    }

    /**
     * Runs a stand-in from the command line: {@code SnsStandIn [port] [topic...]}, printing one line per
     * published message until interrupted.
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 4575;
        SnsStandIn sns = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(sns::close, "sns-stand-in-shutdown"));
        sns.addListener(message -> System.out.println(message.summary()));
        for (int i = 1; i < args.length; i++) {
            System.out.println("topic " + sns.createTopic(args[i]));
        }
        System.out.println("SNS stand-in at " + sns.endpoint() + "  (watch: curl -N " + sns.endpoint()
                + "/events/stream)");
        try {
            sns.server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Options for a stand-in; every one has a default suited to local runs. */
    public static final class Builder {
        private int port;
        private String host = "127.0.0.1";
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private DeliveryPolicy deliveryPolicy = DeliveryPolicy.defaults();
        private Faults faults = Faults.NONE;
        private int recentEvents = 100;
        private int maxEventStreams = 16;
        private boolean allowRemoteEndpoints;
        private ServerSocketChannel channel;

        private Builder() {}

        /** The port to listen on; {@code 0} (the default) picks a free one. */
        public Builder port(int port) {
            this.port = checked(port, port >= 0 && port <= 65535, "port out of range: " + port);
            return this;
        }

        /**
         * Serves on a channel its caller has already bound (to the {@link #host(String) host}, whose names the Host
         * check allows) in place of binding {@link #port(int) port}: the caller knows the port, and holds it, before
         * the stand-in starts. The stand-in closes it when it stops.
         */
        public Builder channel(ServerSocketChannel channel) {
            this.channel = Objects.requireNonNull(channel, "channel");
            return this;
        }

        /** The interface to bind, {@code 127.0.0.1} by default; {@code 0.0.0.0} exposes it to other hosts. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = checked(accountId, accountId.matches("\\d{12}"),
                    "account id must be 12 digits: " + accountId);
            return this;
        }

        public Builder deliveryPolicy(DeliveryPolicy deliveryPolicy) {
            this.deliveryPolicy = Objects.requireNonNull(deliveryPolicy, "deliveryPolicy");
            return this;
        }

        /** The fault-injection hook, asked before every API call and delivery attempt. */
        public Builder faults(Faults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /** How many published messages {@code /events.json} keeps, 100 by default. */
        public Builder recentEvents(int recentEvents) {
            this.recentEvents = checked(recentEvents, recentEvents >= 0, "recentEvents must not be negative");
            return this;
        }

        /** How many {@code /events/stream} clients at once, 16 by default; more get 503. */
        public Builder maxEventStreams(int maxEventStreams) {
            this.maxEventStreams = checked(maxEventStreams, maxEventStreams >= 1, "maxEventStreams must be at least 1");
            return this;
        }

        /** Whether HTTP(S) subscriptions may deliver to other hosts; by default only to this machine. */
        public Builder allowRemoteEndpoints(boolean allowRemoteEndpoints) {
            this.allowRemoteEndpoints = allowRemoteEndpoints;
            return this;
        }

        public SnsStandIn start() {
            return new SnsStandIn(this);
        }

        private static <T> T checked(T value, boolean valid, String problem) {
            if (!valid) {
                throw new IllegalArgumentException(problem);
            }
            return value;
        }
    }
}
