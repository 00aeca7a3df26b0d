package io.wschat.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack's listening sockets, bound before anything starts, each then handed to its server. Port 0 is left to the
 * kernel, and the number it picks is held from then on: nothing can take it between being chosen and being listened
 * on, as a port found free and then bound again could be.
 *
 * @param dynamoDb null when the stack starts no DynamoDB
 */
record StackSockets(ServerSocketChannel gateway, ServerSocketChannel sns, ServerSocketChannel dynamoDb)
        implements AutoCloseable {

    /**
     * Connections the gateway's port queues before it accepts them (the kernel caps it at net.core.somaxconn). The
     * JDK's 50 is too few: a burst of broadcasts from several function instances opens more new connections than
     * that to the management API at once, and the kernel resets or drops the rest.
     */
    static final int GATEWAY_BACKLOG = 4096;

    /**
     * Binds the ports {@code options} ask for on its host; a port in use is refused with the option that moves it,
     * and the sockets bound before it are closed.
     */
    static StackSockets bind(LocalOptions options) {
        List<ServerSocketChannel> bound = new ArrayList<>();
        try {
            ServerSocketChannel gateway = bind(options.host(), options.port(), GATEWAY_BACKLOG, "The gateway",
                    "--port", bound);
            ServerSocketChannel sns = bind(options.host(), options.snsPort(), 0, "The SNS stand-in", "--sns-port",
                    bound);
            ServerSocketChannel dynamoDb = options.startDynamoDb()
                    ? bind(options.host(), options.dynamoDbPort(), 0, "DynamoDB", "--dynamodb-port", bound) : null;
            return new StackSockets(gateway, sns, dynamoDb);
        } catch (RuntimeException e) {
            closeAll(bound, e);
            throw e;
        }
    }

    int gatewayPort() {
        return port(gateway);
    }

    int snsPort() {
        return port(sns);
    }

    /** The DynamoDB port bound, or {@code requested} when the stack starts no DynamoDB. */
    int dynamoDbPort(int requested) {
        return dynamoDb == null ? requested : port(dynamoDb);
    }

    /** Closes the sockets; those a server has taken over it closes itself, and closing one twice does nothing. */
    @Override
    public void close() {
        List<ServerSocketChannel> all = new ArrayList<>(List.of(gateway, sns));
        if (dynamoDb != null) {
            all.add(dynamoDb);
        }
        IllegalStateException failure = new IllegalStateException("a listening socket did not close");
        closeAll(all, failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    /** Binds {@code host:port} with {@code backlog} (0 for the JDK's) and adds it to {@code bound}. */
    private static ServerSocketChannel bind(String host, int port, int backlog, String what, String flag,
            List<ServerSocketChannel> bound) {
        ServerSocketChannel channel;
        try {
            channel = ServerSocketChannel.open();
        } catch (IOException e) {
            throw new UncheckedIOException(what + " cannot open a socket", e);
        }
        bound.add(channel);
        try {
            // As Jetty binds its own: a port whose last connections linger in TIME_WAIT can be listened on again.
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(host, port), backlog);
            return channel;
        } catch (BindException e) {
            throw new PortInUseException(what, flag, port, e);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " cannot listen on " + host + ":" + port, e);
        }
    }

    private static int port(ServerSocketChannel channel) {
        return channel.socket().getLocalPort();
    }

    private static void closeAll(List<ServerSocketChannel> channels, Throwable failure) {
        for (ServerSocketChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
