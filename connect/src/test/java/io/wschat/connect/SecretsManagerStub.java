package io.wschat.connect;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wschat.shared.testing.HttpReplies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server answering Secrets Manager's {@code GetSecretValue} in its JSON protocol (1.1) from a map of
 * secret ids to values, recording each request: a test fixture for the {@code JWT_SECRET_ARN} path, not a
 * stand-in for the service.
 */
final class SecretsManagerStub implements AutoCloseable {

    /** One GetSecretValue call as received. */
    record Call(String target, String secretId, boolean signed) {
    }

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private SecretsManagerStub(HttpServer server) {
        this.server = server;
    }

    static SecretsManagerStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SecretsManagerStub stub = new SecretsManagerStub(server);
            server.createContext("/", stub::answer);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of {@code secretId} from now on. */
    SecretsManagerStub put(String secretId, String value) {
        secrets.put(secretId, value);
        return this;
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String secretId = JsonParser.parseString(body).getAsJsonObject().get("SecretId").getAsString();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            calls.add(new Call(target, secretId, authorization != null && authorization.startsWith("AWS4-HMAC-SHA256 ")));
            String value = secrets.get(secretId);
            JsonObject reply = new JsonObject();
            int status;
            if (!"secretsmanager.GetSecretValue".equals(target)) {
                status = 400;
                reply.addProperty("__type", "UnknownOperationException");
            } else if (value == null) {
                status = 400;
                reply.addProperty("__type", "ResourceNotFoundException");
                reply.addProperty("Message", "Secrets Manager can't find the specified secret.");
            } else {
                status = 200;
                reply.addProperty("ARN", secretId);
                reply.addProperty("Name", "jwt-signing-secret");
                reply.addProperty("SecretString", value);
                reply.addProperty("VersionId", "00000000-0000-0000-0000-000000000001");
                reply.addProperty("CreatedDate", 1.7e9);
            }
            HttpReplies.send(exchange, status, "application/x-amz-json-1.1", reply.toString());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
