package io.wschat.shared.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The variables a handler needs to run against the DynamoDB engine and the HTTP fakes, as the template would set them. */
public final class TestEnvironment {

    /**
     * A loopback port held for this JVM by a socket that is bound and never listens: every connection to it is
     * refused, and no server can take it meanwhile, as it could a port found free and then let go.
     */
    private static final Socket CLOSED_PORT = holdClosedPort();

    private TestEnvironment() {
    }

    /**
     * Tables and endpoint from {@code dynamo}, topic and endpoint from {@code sns}, {@code CALLBACK_URL} from
     * {@code api}, a post timeout, WARN logging and no per-user limits. Callers may change any entry of the returned
     * map.
     */
    public static Map<String, String> forHandlers(DynamoDbExtension dynamo, FakeSns sns, FakeManagementApi api) {
        Map<String, String> env = new HashMap<>(dynamo.environment());
        env.put("TOPIC_ARN", FakeSns.TOPIC_ARN);
        env.put("SNS_ENDPOINT", sns.endpoint().toString());
        env.put("CALLBACK_URL", api.callbackUrl().toString());
        // Generous: on a loaded two-core machine a healthy local post can take a second; hang tests still end.
        env.put("POST_TIMEOUT_MS", "3000");
        env.put("POST_MAX_ATTEMPTS", "3");
        env.put("FANOUT_CONCURRENCY", "4");
        env.put("LOG_LEVEL", "WARN");
        // Handler tests make a fresh recipient gone at once and expect its row to go.
        env.put("GONE_GRACE_SECONDS", "0");
        // Their connections share a few user ids and one source address, and are rarely closed: the per-user and
        // per-address limits are for the tests of those limits to set.
        for (String limit : List.of("MAX_CONNECTIONS_PER_USER", "MAX_CONNECTIONS_PER_ADDRESS",
                "USER_RATE_LIMIT_MESSAGES", "ADDRESS_RATE_LIMIT_MESSAGES", "ROOM_CHANGE_LIMIT",
                "ADDRESS_ROOM_CHANGE_LIMIT")) {
            env.put(limit, "0");
        }
        return env;
    }

    /** An {@code http} endpoint on a loopback port that nothing listens on: every connection to it is refused. */
    public static String closedEndpoint() {
        return "http://127.0.0.1:" + closedPort();
    }

    /** A loopback port that nothing listens on, nor will while the tests run. */
    public static int closedPort() {
        return CLOSED_PORT.getLocalPort();
    }

    private static Socket holdClosedPort() {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
