package io.wschat.local.access;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The names a listener answers to in the {@code Host} header: loopback names always, the bound address, and with a
 * wildcard bind this machine's name and addresses. A web page on another site that points its own DNS name at
 * 127.0.0.1 (DNS rebinding) sends that name, which is not among them.
 */
public final class AllowedHosts {

    private final Set<String> names;

    private AllowedHosts(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** The names a listener bound to {@code bindHost} answers to. */
    public static AllowedHosts forBind(String bindHost) {
        Set<String> names = new HashSet<>(Set.of("localhost", "::1", "0:0:0:0:0:0:0:1"));
        String bare = BindAddress.unbracket(bindHost).toLowerCase(Locale.ROOT);
        if (BindAddress.isWildcard(bindHost)) {
            names.addAll(machineNames());
        } else {
            names.add(bare);
        }
        return new AllowedHosts(names);
    }

    /**
     * Whether a request's {@code Host} header names this listener. A request without one (HTTP/1.0 tools) passes:
     * browsers always send it.
     */
    public boolean allows(String hostHeader) {
        if (hostHeader == null) {
            return true;
        }
        String host = withoutPort(hostHeader.trim()).toLowerCase(Locale.ROOT);
        return names.contains(host) || BindAddress.isLoopbackLiteral(host);
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.lastIndexOf(':');
        return colon >= 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host;
    }

    private static Set<String> machineNames() {
        Set<String> names = new HashSet<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(local.getHostName().toLowerCase(Locale.ROOT));
            names.add(local.getHostAddress());
        } catch (UnknownHostException e) {
            // the interface addresses below then
        }
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    String text = address.getHostAddress();
                    int scope = text.indexOf('%');
                    names.add((scope < 0 ? text : text.substring(0, scope)).toLowerCase(Locale.ROOT));
                }
            }
        } catch (SocketException e) {
            // loopback names only
        }
        return names;
    }
}
