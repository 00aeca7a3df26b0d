package io.wschat.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/**
 * A port of the stack, bound before anything starts. Port 0 is left to the kernel, and the number it picks is held
 * from then on: nothing can take it between being chosen and being listened on, as a port found free and then
 * bound again could be.
 */
final class ListeningSocket {

    private ListeningSocket() {
    }

    /** Binds {@code host:port} with {@code backlog} (0 for the JDK's); a port in use says which option moves it. */
    static ServerSocketChannel bind(String host, int port, int backlog, String what, String flag) {
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            // As Jetty binds its own: a port whose last connections linger in TIME_WAIT can be listened on again.
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(host, port), backlog);
            return channel;
        } catch (IOException e) {
            closeQuietly(channel, e);
            if (e instanceof BindException) {
                throw new PortInUseException(what, flag, port, e);
            }
            throw new UncheckedIOException(what + " cannot listen on " + host + ":" + port, e);
        }
    }

    static int port(ServerSocketChannel channel) {
        return channel.socket().getLocalPort();
    }

    private static void closeQuietly(ServerSocketChannel channel, Exception failure) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
