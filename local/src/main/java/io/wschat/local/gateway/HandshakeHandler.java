package io.wschat.local.gateway;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/** Takes WebSocket handshakes at {@code /} and {@code /{stage}} and hands them to the gateway's {@code $connect}. */
public final class HandshakeHandler extends Handler.Abstract.NonBlocking {

    private final WebSocketGateway gateway;
    private final ServerWebSocketContainer container;

    public HandshakeHandler(WebSocketGateway gateway, ServerWebSocketContainer container) {
        this.gateway = gateway;
        this.container = container;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!gateway.accepts(request)) {
            return false;
        }
        gateway.connect(request, response, callback, container);
        return true;
    }
}
