package io.wschat.local.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** What an address given to {@code --host} means: this machine only (loopback), every interface, or one of them. */
public final class BindAddress {

    private BindAddress() {
    }

    /** Whether binding {@code host} keeps a listener on this machine: {@code localhost}, 127.x.x.x, ::1. */
    public static boolean isLoopback(String host) {
        String bare = unbracket(host).toLowerCase(Locale.ROOT);
        if (bare.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Whether {@code host}, as written in a URL, is this machine without asking DNS: {@code localhost},
     * 127.x.x.x as four decimal numbers, {@code ::1}. A name that resolves to loopback today may not tomorrow.
     */
    public static boolean isLoopbackLiteral(String host) {
        String bare = unbracket(host).toLowerCase(Locale.ROOT);
        if (bare.endsWith(".")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        if (bare.equals("localhost") || bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = bare.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** {@code 0.0.0.0} or {@code ::}: every interface. */
    public static boolean isWildcard(String host) {
        String bare = unbracket(host);
        return bare.equals("0.0.0.0") || bare.equals("::") || bare.equals("0:0:0:0:0:0:0:0");
    }

    /**
     * The host part of a URL that reaches a listener bound to {@code host} from this machine: {@code wildcardName}
     * for every interface, else the address itself (bracketed when IPv6).
     */
    public static String urlHost(String host, String wildcardName) {
        if (isWildcard(host)) {
            return wildcardName;
        }
        String bare = unbracket(host);
        return bare.contains(":") ? "[" + bare + "]" : bare;
    }

    static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
