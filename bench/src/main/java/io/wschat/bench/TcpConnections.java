package io.wschat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Counts TCP connections closed recently on a port, from Linux's {@code /proc/net/tcp*}: every closed connection
 * stays in TIME_WAIT for 60 s on the side that closed it, so the difference over a shorter run is the number of
 * connections opened and closed during it (HTTP keep-alive misses, for the management API).
 */
final class TcpConnections {

    private static final String TIME_WAIT = "06";

    private TcpConnections() {
    }

    /** Whether this machine exposes the tables (Linux); elsewhere {@link #timeWait} is always 0. */
    static boolean available() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** Connections in TIME_WAIT with {@code port} at either end. */
    static long timeWait(int port) {
        long count = 0;
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
                    count++;
                }
            }
        }
        return count;
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
