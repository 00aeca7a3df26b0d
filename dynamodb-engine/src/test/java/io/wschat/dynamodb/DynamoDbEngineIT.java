package io.wschat.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The engine as a server: where it listens, whom it answers, what it keeps. */
class DynamoDbEngineIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void start_onPortZero_listensOnAFreeLoopbackPort() throws Exception {
        try (DynamoDbEngine engine = DynamoDbEngine.builder().port(0).start()) {
            assertThat(engine.port()).isPositive();
            assertThat(InetAddress.getByName(engine.endpoint().getHost()).isLoopbackAddress()).isTrue();
            assertThat(client(engine).listTables().tableNames()).isEmpty();
        }
    }

    @Test
    void start_onABoundChannel_servesOnItsPort_andClosesItWhenStopped() throws Exception {
        ServerSocketChannel channel = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int port = channel.socket().getLocalPort();
        try (DynamoDbEngine engine = DynamoDbEngine.builder().channel(channel).start()) {
            assertThat(engine.port()).isEqualTo(port);
            assertThat(client(engine).listTables().tableNames()).isEmpty();
        }
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void start_takesUnder200Milliseconds_onceTheJvmHasLoadedTheEngine() {
        DynamoDbEngine.builder().port(0).start().close();
        long started = System.nanoTime();
        try (DynamoDbEngine engine = DynamoDbEngine.builder().port(0).start()) {
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(millis).isLessThan(200);
        }
    }

    @Test
    void answers_withoutCorsHeaders_andRefusesAPreflight() throws Exception {
        try (DynamoDbEngine engine = DynamoDbEngine.builder().port(0).start()) {
            HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(engine.endpoint())
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://example.com")
                    .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> post = post(engine.endpoint(), "application/x-amz-json-1.0", "{}",
                    Map.of("Origin", "https://example.com"));
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(preflight.statusCode()).isNotEqualTo(200);
            assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void refusesABodyAWebPageCanSendWithoutPreflight() throws Exception {
        try (DynamoDbEngine engine = DynamoDbEngine.builder().port(0).start()) {
            HttpResponse<String> response = post(engine.endpoint(), "text/plain",
                    "{\"TableName\":\"t\"}", Map.of());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("SerializationException");
        }
    }

    @Test
    void refusesAHostHeaderThatIsNotLoopback_soARebindingPageCannotReachIt() throws Exception {
        try (DynamoDbEngine engine = DynamoDbEngine.builder().port(0).start()) {
            String request = "POST / HTTP/1.1\r\nHost: attacker.example:" + engine.port()
                    + "\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.ListTables"
                    + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
            try (Socket socket = new Socket(engine.endpoint().getHost(), engine.port())) {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 403").doesNotContain("TableNames");
            }
        }
    }

    @Test
    void dataDir_keepsTablesAndItemsAcrossACleanStop(@TempDir Path dataDir) {
        try (DynamoDbEngine engine = DynamoDbEngine.builder().port(0).dataDir(dataDir).start()) {
            DynamoDbClient client = client(engine);
            client.createTable(b -> b.tableName("kept").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(d -> d.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
            client.putItem(b -> b.tableName("kept").item(Map.of("id", AttributeValue.fromS("a"),
                    "n", AttributeValue.fromN("01.50"))));
        }
        assertThat(Files.exists(dataDir.resolve("dynamodb.mv.db"))).isTrue();
        try (DynamoDbEngine engine = DynamoDbEngine.builder().port(0).dataDir(dataDir).start()) {
            Map<String, AttributeValue> item = client(engine).getItem(b -> b.tableName("kept")
                    .key(Map.of("id", AttributeValue.fromS("a")))).item();
            assertThat(item).containsEntry("n", AttributeValue.fromN("1.5"));
        }
    }

    static DynamoDbClient client(DynamoDbEngine engine) {
        return client(engine.endpoint());
    }

    /** A client of an engine at this endpoint; the engine takes any credentials. */
    static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static HttpResponse<String> post(URI endpoint, String contentType, String body,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", contentType)
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
