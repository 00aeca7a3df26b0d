package io.wschat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds TCP connections closed recently on a port, from Linux's {@code /proc/net/tcp*}: every closed connection
 * stays in TIME_WAIT for 60 s on the side that closed it, so the entries present after a run and not before it are
 * the connections opened and closed during it (HTTP keep-alive misses, for the management API); a run longer than
 * 60 s loses its earliest ones.
 */
final class TcpConnections {

    private static final String TIME_WAIT = "06";

    private TcpConnections() {
    }

    /** Whether this machine exposes the tables (Linux); elsewhere {@link #timeWait} is always 0. */
    static boolean available() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** Connections in TIME_WAIT with {@code port} at either end, as "local remote" address pairs. */
    static Set<String> timeWait(int port) {
        Set<String> found = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                continue;
            }
            for (String line : lines) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 3 && TIME_WAIT.equals(fields[3])
                        && (port(fields[1]) == port || port(fields[2]) == port)) {
                    found.add(fields[1] + " " + fields[2]);
                }
            }
        }
        return found;
    }

    /** How many of {@code after}'s connections were not in {@code before}. */
    static long closedBetween(Set<String> before, Set<String> after) {
        return after.stream().filter(pair -> !before.contains(pair)).count();
    }

    private static int port(String address) {
        int colon = address.lastIndexOf(':');
        try {
            return colon < 0 ? -1 : Integer.parseInt(address.substring(colon + 1), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
