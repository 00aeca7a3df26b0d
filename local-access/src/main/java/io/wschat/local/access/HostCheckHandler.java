package io.wschat.local.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Answers 403 to any request whose {@code Host} header names another server (DNS rebinding), before its handler. */
public final class HostCheckHandler extends Handler.Wrapper {

    private final AllowedHosts hosts;

    public HostCheckHandler(AllowedHosts hosts, Handler handler) {
        super(handler);
        this.hosts = hosts;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (hosts.allows(request.getHeaders().get(HttpHeader.HOST))) {
            return super.handle(request, response, callback);
        }
        // The request is refused unread: tell the client not to send another on this connection.
        response.setStatus(403);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        byte[] body = "Forbidden: this local server answers only to localhost, 127.0.0.1 and its configured --host\n"
                .getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
