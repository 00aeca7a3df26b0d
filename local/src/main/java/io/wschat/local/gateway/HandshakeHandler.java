package io.wschat.local.gateway;

import io.wschat.local.access.AllowedOrigins;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * Takes WebSocket handshakes at {@code /} and {@code /{stage}} and hands them to the gateway's {@code $connect}; a
 * handshake from a web page of another origin is refused with 403 first, so a site the developer happens to open
 * cannot join the chat in their name.
 */
public final class HandshakeHandler extends Handler.Abstract.NonBlocking {

    private final WebSocketGateway gateway;
    private final ServerWebSocketContainer container;
    private final AllowedOrigins origins;

    public HandshakeHandler(WebSocketGateway gateway, ServerWebSocketContainer container, AllowedOrigins origins) {
        this.gateway = gateway;
        this.container = container;
        this.origins = origins;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!gateway.accepts(request)) {
            return false;
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (!origins.allows(origin)) {
            gateway.refusedOrigin(request, origin);
            response.setStatus(403);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap("{\"message\": \"Forbidden\"}".getBytes(StandardCharsets.UTF_8)),
                    callback);
            return true;
        }
        gateway.connect(request, response, callback, container);
        return true;
    }
}
