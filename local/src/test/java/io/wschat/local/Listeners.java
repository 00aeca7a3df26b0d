package io.wschat.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The machine's listening TCP sockets as {@code ss -ltnpH} lists them, one row of columns per socket. */
public final class Listeners {

    /** The columns of a row: state, Recv-Q, Send-Q (a listener's backlog), local address:port, peer, process. */
    public static final int BACKLOG = 2;
    public static final int LOCAL_ADDRESS = 3;

    private Listeners() {
    }

    /** The listeners {@code filter} ({@code ss}'s filter words, none for all) selects. */
    public static List<String[]> matching(String... filter) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ss", "-ltnpH"));
        command.addAll(List.of(filter));
        Process ss = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ss.waitFor()).as("ss: %s", out).isZero();
        return out.lines().filter(line -> !line.isBlank()).map(line -> line.trim().split("\\s+")).toList();
    }

    /** The ports this JVM listens on. */
    public static List<Integer> portsOfThisProcess() throws IOException, InterruptedException {
        String mine = "pid=" + ProcessHandle.current().pid() + ",";
        return matching().stream()
                .filter(row -> Arrays.stream(row).anyMatch(column -> column.contains(mine)))
                .map(row -> Integer.parseInt(row[LOCAL_ADDRESS].substring(row[LOCAL_ADDRESS].lastIndexOf(':') + 1)))
                .toList();
    }
}
