package io.wschat.local.management;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.wschat.local.faults.Fault;
import io.wschat.local.faults.FaultInjector;
import io.wschat.local.gateway.Connection;
import io.wschat.local.gateway.ConnectionRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;

/**
 * The API Gateway management API at the callback URL: {@code POST}, {@code GET} and {@code DELETE}
 * {@code /{stage}/@connections/{connectionId}}, with API Gateway's status codes, bodies and
 * {@code x-amzn-ErrorType} headers, so the AWS SDK and CLI raise the same exceptions as in the cloud.
 */
public final class ManagementApiHandler extends Handler.Abstract {

    /** PostToConnection's largest payload. */
    public static final int MAX_PAYLOAD_BYTES = 128 * 1024;
    private static final String CONNECTIONS = "@connections";
    private static final Gson JSON = new GsonBuilder().disableHtmlEscaping().create();

    private final String stage;
    private final ConnectionRegistry connections;
    private final Consumer<ManagementCall> observer;
    private final SigV4 signatures;
    private final FaultInjector faults;

    /**
     * @param signatures checks each request's SigV4 signature against the keys the stack hands out
     * @param faults     asked first on every {@code POST} (see docs/LOCAL.md, "Fault injection")
     */
    public ManagementApiHandler(String stage, ConnectionRegistry connections, Consumer<ManagementCall> observer,
            Signatures signatures, FaultInjector faults) {
        super(InvocationType.NON_BLOCKING);
        this.stage = stage;
        this.connections = connections;
        this.observer = observer;
        this.signatures = new SigV4(signatures.secretKeys(), signatures.acceptAnySignature());
        this.faults = faults;
    }

    /**
     * Which signatures the management API accepts: those made with a secret {@code secretKeys} knows for the
     * access key id, or with {@code acceptAnySignature} any well-formed one.
     */
    public record Signatures(Function<String, Optional<String>> secretKeys, boolean acceptAnySignature) {
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String[] segments = path.split("/", -1);
        int marker = indexOfConnections(segments);
        if (marker < 0) {
            return false;
        }
        String method = request.getMethod();
        String connectionId = marker + 1 < segments.length ? segments[marker + 1] : "";
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (SigV4.isPresigned(request.getHttpURI().getQuery()) || authorization == null) {
            // Only the Authorization header counts: a signed link could be replayed from any web page.
            refuse(response, callback, method, connectionId, null, SigV4.MISSING);
            return true;
        }
        SigV4.Authorization signed;
        try {
            signed = SigV4.parse(authorization, request.getHeaders().contains("X-Amz-Date")
                    || request.getHeaders().contains(HttpHeader.DATE));
        } catch (SigV4.RefusedException e) {
            refuse(response, callback, method, connectionId, null, e.refusal());
            return true;
        }
        String key = signed.accessKeyId();
        if (marker != 2 || !segments[1].equals(stage) || segments.length != marker + 2 || connectionId.isEmpty()
                || !Set.of("POST", "GET", "DELETE").contains(method)) {
            observe(method, connectionId, 403, key, 0);
            error(response, callback, 403, "ForbiddenException", "Forbidden");
            return true;
        }
        long declared = request.getLength();
        if (method.equals("POST") && declared > MAX_PAYLOAD_BYTES) {
            payloadTooLarge(response, callback, connectionId, key, declared);
            return true;
        }
        Content.Source.asByteArrayAsync(request, MAX_PAYLOAD_BYTES, Promise.Invocable.from(InvocationType.NON_BLOCKING,
                (bytes, failure) -> {
                    if (failure != null) {
                        unreadable(failure, declared, method, response, callback, connectionId, key);
                        return;
                    }
                    Optional<SigV4.Refusal> refusal = signatures.verify(signed, signedRequest(request, bytes),
                            Instant.now());
                    if (refusal.isPresent()) {
                        refuse(response, callback, method, connectionId, key, refusal.get());
                        return;
                    }
                    switch (method) {
                        case "POST" -> deliver(bytes, request, response, callback, connectionId, key);
                        case "GET" -> get(response, callback, connectionId, key);
                        default -> delete(response, callback, connectionId, key);
                    }
                }));
        return true;
    }

    private static SigV4.SignedRequest signedRequest(Request request, byte[] body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getLowerCaseName(), name -> new ArrayList<>()).add(field.getValue());
        }
        String path = request.getHttpURI().getPath();
        return new SigV4.SignedRequest(request.getMethod(), path == null ? "/" : path, request.getHttpURI().getQuery(),
                headers, body);
    }

    private void refuse(Response response, Callback callback, String method, String connectionId, String key,
            SigV4.Refusal refusal) {
        observe(method, connectionId, refusal.status(), key, 0);
        error(response, callback, refusal.status(), refusal.type(), refusal.message());
    }

    private void unreadable(Throwable failure, long declared, String method, Response response, Callback callback,
            String connectionId, String key) {
        if (method.equals("POST") && declared < 0) {
            // A chunked body without a length fails here once it passes the limit.
            payloadTooLarge(response, callback, connectionId, key, MAX_PAYLOAD_BYTES + 1);
        } else {
            observe(method, connectionId, 400, key, 0);
            error(response, callback, 400, "BadRequestException", "Could not read the request body");
        }
    }

    private static int indexOfConnections(String[] segments) {
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals(CONNECTIONS)) {
                return i;
            }
        }
        return -1;
    }

    private void deliver(byte[] bytes, Request request, Response response, Callback callback, String connectionId,
            String key) {
        Optional<Fault> fault = faults.onPost(connectionId);
        if (fault.isPresent()) {
            injectFault(fault.get(), request, response, callback, connectionId, key, bytes.length);
            return;
        }
        Optional<Connection> connection = connections.find(connectionId);
        Connection.Delivery delivery = connection.map(open -> open.send(new String(bytes, StandardCharsets.UTF_8)))
                .orElse(Connection.Delivery.GONE);
        switch (delivery) {
            case QUEUED -> {
                response.setStatus(200);
                headers(response);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                observe("POST", connectionId, 200, key, bytes.length);
                response.write(true, ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8)), callback);
            }
            case GONE -> gone(response, callback, "POST", connectionId, key);
            case THROTTLED -> {
                observe("POST", connectionId, 429, key, bytes.length);
                error(response, callback, 429, "LimitExceededException", "Rate exceeded");
            }
        }
    }

    /** Answers as API Gateway would in that failure, or not at all for a hang; the frame is never delivered. */
    private void injectFault(Fault fault, Request request, Response response, Callback callback, String connectionId,
            String key, int bytes) {
        int status = switch (fault) {
            case POST_GONE -> 410;
            case POST_THROTTLED -> 429;
            case POST_ERROR -> 500;
            case POST_HANG -> ManagementCall.NO_ANSWER;
            default -> throw new IllegalStateException("not a management API fault: " + fault);
        };
        // Counted before the answer: once the caller has its answer, its invocation may end at any moment.
        observer.accept(new ManagementCall("POST", connectionId, status, key, bytes, fault.key()));
        switch (fault) {
            case POST_GONE -> error(response, callback, 410, "GoneException", null);
            case POST_THROTTLED -> error(response, callback, 429, "LimitExceededException", "Rate exceeded");
            case POST_ERROR -> error(response, callback, 500, "InternalServerErrorException", "Internal server error");
            default -> {
                // A hang. Jetty's idle timeout must not answer for us; the injector drops the connection at the
                // latest.
                request.addIdleTimeoutListener(timeout -> false);
                faults.hold(() -> {
                    request.getConnectionMetaData().getConnection().getEndPoint().close();
                    callback.failed(new TimeoutException("injected hang"));
                });
            }
        }
    }

    private void payloadTooLarge(Response response, Callback callback, String connectionId, String key, long bytes) {
        observe("POST", connectionId, 413, key, (int) Math.min(bytes, Integer.MAX_VALUE));
        error(response, callback, 413, "PayloadTooLargeException",
                "Request payload is too large. Maximum allowed payload size is " + MAX_PAYLOAD_BYTES + " bytes.");
    }

    private void get(Response response, Callback callback, String connectionId, String key) {
        Optional<Connection> connection = connections.find(connectionId).filter(Connection::isOpen);
        if (connection.isEmpty()) {
            gone(response, callback, "GET", connectionId, key);
            return;
        }
        Connection open = connection.get();
        StringBuilder json = new StringBuilder();
        json.append("{\"connectedAt\":\"").append(Instant.ofEpochMilli(open.connectedAt())).append("\",");
        json.append("\"identity\":{\"sourceIp\":").append(quote(open.sourceIp()));
        if (open.userAgent() != null) {
            json.append(",\"userAgent\":").append(quote(open.userAgent()));
        }
        json.append("},\"lastActiveAt\":\"").append(Instant.ofEpochMilli(open.lastActiveAt())).append("\"}");
        response.setStatus(200);
        headers(response);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        observe("GET", connectionId, 200, key, 0);
        response.write(true, ByteBuffer.wrap(json.toString().getBytes(StandardCharsets.UTF_8)), callback);
    }

    private void delete(Response response, Callback callback, String connectionId, String key) {
        Optional<Connection> connection = connections.find(connectionId).filter(Connection::isOpen);
        if (connection.isEmpty()) {
            gone(response, callback, "DELETE", connectionId, key);
            return;
        }
        connection.get().close(1000, "Connection Closed Normally");
        response.setStatus(204);
        headers(response);
        observe("DELETE", connectionId, 204, key, 0);
        response.write(true, null, callback);
    }

    private void gone(Response response, Callback callback, String method, String connectionId, String key) {
        observe(method, connectionId, 410, key, 0);
        error(response, callback, 410, "GoneException", null);
    }

    private static void error(Response response, Callback callback, int status, String type, String message) {
        response.setStatus(status);
        headers(response);
        response.getHeaders().put("x-amzn-ErrorType", type);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        String body = "{\"message\":" + (message == null ? "null" : quote(message)) + "}";
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static void headers(Response response) {
        response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
    }

    /**
     * Reports a call to the observer, which attributes it to the invocation that made it. Always called before the
     * answer is written: once the caller has its answer, its invocation may end, and a late report would be lost.
     */
    private void observe(String method, String connectionId, int status, String key, int bytes) {
        observer.accept(new ManagementCall(method, connectionId, status, key, bytes));
    }

    private static String quote(String value) {
        return JSON.toJson(value);
    }
}
