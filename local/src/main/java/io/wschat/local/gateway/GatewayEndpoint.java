package io.wschat.local.gateway;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** The Jetty end of one client connection (public because Jetty binds its methods by handle). */
public final class GatewayEndpoint implements Session.Listener.AutoDemanding {

    private final WebSocketGateway gateway;
    private final Connection connection;
    private volatile Session session;

    GatewayEndpoint(WebSocketGateway gateway, Connection connection) {
        this.gateway = gateway;
        this.connection = connection;
    }

    @Override
    public void onWebSocketOpen(Session openSession) {
        this.session = openSession;
        gateway.opened(connection, openSession);
    }

    @Override
    public void onWebSocketText(String message) {
        gateway.received(connection, message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        gateway.binaryReceived(connection);
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        connection.touch();
        Session current = session;
        if (current != null) {
            current.sendPong(payload, Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        connection.touch();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        try {
            gateway.closed(connection, statusCode, reason);
        } finally {
            callback.succeed();
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        gateway.failed(connection, cause);
    }
}
