package io.wschat.local;

import io.wschat.local.access.BindAddress;
import java.util.ArrayList;
import java.util.List;

/** The warning the banner prints when {@code --host} opens the stack to other machines, naming what they can reach. */
final class NetworkExposure {

    private NetworkExposure() {
    }

    /** Nothing for a loopback bind; otherwise one line per listener that other hosts can now reach. */
    static List<String> warning(String host, int port, String stage, Integer dynamoDbPort, int snsPort) {
        if (BindAddress.isLoopback(host)) {
            return List.of();
        }
        String where = BindAddress.isWildcard(host) ? "every interface (" + host + ")" : host;
        List<String> lines = new ArrayList<>();
        lines.add("WARNING: listening on " + where + ", not just this machine. Other hosts on the network "
                + "(the same Wi-Fi, say) can reach, without any credentials but the documented local ones:");
        lines.add("  - the WebSocket chat on port " + port + ": connect, read rooms, post as anyone");
        lines.add("  - the management API on port " + port + " (/" + stage
                + "/@connections): post to, read and close any connection, signed with the documented local keys");
        if (dynamoDbPort != null) {
            lines.add("  - DynamoDB on port " + dynamoDbPort + ": read, change and delete every table");
        }
        lines.add("  - the SNS stand-in on port " + snsPort + ": publish to and subscribe to the topic, and its live "
                + "events at /events (every published message)");
        lines.add("Use --host 127.0.0.1 (the default) unless another machine must connect.");
        return lines;
    }
}
