package io.wschat.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The baseline: a plain Jetty 12 WebSocket broadcast server with the chat's room semantics and frame shape
 * ({@code sendmessage} goes to every other member of the sender's room as a {@code message} frame) and nothing
 * else: no Lambda, no DynamoDB, no management API.
 */
public final class BaselineServer implements AutoCloseable {

    private final Server server;
    private final int port;
    private final Map<String, Set<Member>> rooms = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private BaselineServer(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    public static BaselineServer start() throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("baseline");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        BaselineServer[] self = new BaselineServer[1];
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.setMaxOutgoingFrames(256);
            container.addMapping("/", (request, response, callback) -> {
                String room = queryParameter(request.getHttpURI().getQuery(), "room", "lobby");
                String name = queryParameter(request.getHttpURI().getQuery(), "name", "guest");
                return self[0].new Member(room, name);
            });
        }));
        server.start();
        self[0] = new BaselineServer(server, connector.getLocalPort());
        return self[0];
    }

    public URI webSocketUri() {
        return URI.create("ws://localhost:" + port);
    }

    /** Connections still open, across rooms. */
    public int connections() {
        return rooms.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private void broadcast(Member sender, String text) {
        String data;
        try {
            JsonElement parsed = JsonParser.parseString(text);
            JsonObject request = parsed.getAsJsonObject();
            if (!"sendmessage".equals(request.get("action").getAsString())) {
                return;
            }
            data = request.get("data").getAsString();
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            return;
        }
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("id", Long.toString(ids.incrementAndGet(), 36));
        message.addProperty("ts", System.currentTimeMillis());
        message.addProperty("room", sender.room);
        message.addProperty("from", sender.name);
        message.addProperty("data", data);
        String frame = message.toString();
        for (Member member : rooms.getOrDefault(sender.room, Set.of())) {
            if (member != sender && member.session != null && member.session.isOpen()) {
                member.session.sendText(frame, Callback.NOOP);
            }
        }
    }

    private static String queryParameter(String query, String name, String fallback) {
        if (query == null) {
            return fallback;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return pair.substring(equals + 1);
            }
        }
        return fallback;
    }

    /** One server-side connection. */
    public final class Member implements Session.Listener.AutoDemanding {

        private final String room;
        private final String name;
        private volatile Session session;

        Member(String room, String name) {
            this.room = room;
            this.name = name;
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
            rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(this);
        }

        @Override
        public void onWebSocketText(String text) {
            broadcast(this, text);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            Set<Member> members = rooms.get(room);
            if (members != null) {
                members.remove(this);
            }
        }
    }
}
