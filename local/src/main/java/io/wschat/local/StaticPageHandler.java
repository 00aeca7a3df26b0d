package io.wschat.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Serves the files under {@code public/} on the classpath at {@code /}, or a short text page when there are none. */
final class StaticPageHandler extends Handler.Abstract {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    private final String fallback;

    StaticPageHandler(String fallback) {
        super(InvocationType.BLOCKING);
        this.fallback = fallback;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            return false;
        }
        String path = Request.getPathInContext(request);
        if (path.endsWith("/")) {
            path = path + "index.html";
        }
        if (path.contains("..")) {
            return false;
        }
        byte[] content = resource("public" + path);
        String type;
        if (content == null) {
            if (!path.equals("/index.html")) {
                return false;
            }
            content = fallback.getBytes(StandardCharsets.UTF_8);
            type = TYPES.get("txt");
        } else {
            String extension = path.substring(path.lastIndexOf('.') + 1);
            type = TYPES.getOrDefault(extension, "application/octet-stream");
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.write(true, ByteBuffer.wrap(content), callback);
        return true;
    }

    private static byte[] resource(String name) {
        try (InputStream in = StaticPageHandler.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
