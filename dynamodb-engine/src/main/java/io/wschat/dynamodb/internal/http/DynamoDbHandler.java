package io.wschat.dynamodb.internal.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.api.Operations;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The DynamoDB JSON 1.0 protocol: {@code POST /} with {@code X-Amz-Target: DynamoDB_20120810.<Operation>} and an
 * {@code application/x-amz-json-1.0} body. No CORS headers are sent, and that content type (which a web page cannot
 * send without a preflight this endpoint never approves) and a known Host are required, so a page the developer
 * opens can neither read nor write the tables.
 */
public final class DynamoDbHandler extends Handler.Abstract {

    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private final Operations operations;
    private final Set<String> allowedHosts;

    /**
     * @param allowedHosts the host names a request's Host header may carry (without port)
     */
    public DynamoDbHandler(Operations operations, Set<String> allowedHosts) {
        this.operations = operations;
        this.allowedHosts = allowedHosts;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String host = Request.getServerName(request);
        if (host == null || !allowedHosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
            // Refused unread: the client must not send another request on this connection.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            write(response, callback, 403, "text/plain", "Host not allowed: " + host
                    + " (see the engine's allowed hosts)\n");
            return true;
        }
        if (!HttpMethod.POST.is(request.getMethod())) {
            if (HttpMethod.GET.is(request.getMethod()) && "/".equals(request.getHttpURI().getPath())) {
                write(response, callback, 200, "text/plain", "healthy: dynamodb-engine\n");
            } else {
                write(response, callback, 405, "text/plain", "DynamoDB takes POST /\n");
            }
            return true;
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String target = request.getHeaders().get("X-Amz-Target");
        String body = org.eclipse.jetty.io.Content.Source.asString(request, StandardCharsets.UTF_8);
        int status = 200;
        String answer;
        try {
            if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(CONTENT_TYPE)) {
                throw ApiException.serialization("Content-Type must be " + CONTENT_TYPE);
            }
            if (target == null || !target.startsWith(TARGET_PREFIX)) {
                throw ApiException.unknownOperation();
            }
            JsonObject json = parse(body);
            answer = operations.invoke(target.substring(TARGET_PREFIX.length()), json).toString();
        } catch (ApiException e) {
            status = e.status();
            answer = errorBody(e);
        } catch (RuntimeException e) {
            status = 500;
            answer = errorBody(ApiException.internal("The engine failed: " + e));
        }
        write(response, callback, status, CONTENT_TYPE, answer);
        return true;
    }

    private static JsonObject parse(String body) {
        JsonElement json;
        try {
            json = JsonParser.parseString(body.isEmpty() ? "{}" : body);
        } catch (JsonParseException e) {
            throw ApiException.serialization("Start of structure or map found where not expected");
        }
        if (!json.isJsonObject()) {
            throw ApiException.serialization("Start of list found where not expected");
        }
        return json.getAsJsonObject();
    }

    private static String errorBody(ApiException error) {
        JsonObject json = new JsonObject();
        json.addProperty("__type", error.type());
        if (error.getMessage() != null) {
            json.addProperty("message", error.getMessage());
        }
        for (Map.Entry<String, JsonElement> member : error.members().entrySet()) {
            json.add(member.getKey(), member.getValue());
        }
        return json.toString();
    }

    private static void write(Response response, Callback callback, int status, String type, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
        response.getHeaders().put("x-amz-crc32", Long.toString(crc.getValue()));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Integer.toString(bytes.length));
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
