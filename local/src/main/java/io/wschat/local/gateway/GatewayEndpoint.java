package io.wschat.local.gateway;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** The Jetty end of one client connection (public because Jetty binds its methods by handle). */
public record GatewayEndpoint(WebSocketGateway gateway, Connection connection)
        implements Session.Listener.AutoDemanding {

    @Override
    public void onWebSocketOpen(Session openSession) {
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
        connection.pong(payload);
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
