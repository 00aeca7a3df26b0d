package io.wschat.connect.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Whether a URL's host is a loopback address, decided from the text alone: no name is ever resolved. */
final class LoopbackHost {

    /** Four decimal octets without leading zeros (which some parsers read as octal). */
    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]+]");

    private LoopbackHost() {
    }

    /**
     * True for {@code localhost}, a literal IPv4 address in 127.0.0.0/8 and a bracketed literal IPv6 loopback
     * ({@code [::1]}); false for every other name, such as {@code 127.evil.example}.
     */
    static boolean is(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (IPV4.matcher(host).matches()) {
            String[] octets = host.split("\\.");
            for (String octet : octets) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return octets[0].equals("127");
        }
        if (IPV6_LITERAL.matcher(host).matches()) {
            try {
                // A bracketed host is parsed as an IPv6 literal or refused; it is never looked up.
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
