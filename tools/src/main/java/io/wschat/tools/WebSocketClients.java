package io.wschat.tools;

import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** One Jetty WebSocket client (one HttpClient, one thread pool) shared by every simulated member of a tool's run. */
public final class WebSocketClients implements AutoCloseable {

    /** How long a TCP connect to the gateway may take. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

    private final WebSocketClient client;

    private WebSocketClients(WebSocketClient client) {
        this.client = client;
    }

    /**
     * Starts a client for many connections to one host; a connection that neither sends nor receives for
     * {@code idleTimeout} is closed by the client.
     */
    public static WebSocketClients start(String threadName, Duration idleTimeout) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 8);
        threads.setName(threadName);
        threads.setDaemon(true);
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(20_000);
        http.setMaxRequestsQueuedPerDestination(20_000);
        http.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
        WebSocketClient client = new WebSocketClient(http);
        client.setIdleTimeout(idleTimeout);
        client.setMaxOutgoingFrames(1024);
        client.start();
        return new WebSocketClients(client);
    }

    public WebSocketClient client() {
        return client;
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
