package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The functions' management API poster, as {@link AwsClients} builds it in a JVM started as template.yaml starts it,
 * against a loopback server that reads raw HTTP/1.1: what reaches the wire, and that a post is sent once.
 */
@Timeout(30)
class BufferedBodyHttpClientIT {

    private static final String FRAME = "{\"type\":\"message\",\"data\":\"h\u00e9llo\"}";

    /** One request as the server read it, and on which of its connections. */
    private record Received(int connection, String head, Map<String, String> headers, byte[] body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket server;
    private volatile int dropFromRequest = Integer.MAX_VALUE;
    private AwsClients clients;

    BufferedBodyHttpClientIT() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "raw-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws IOException {
        if (clients != null) {
            clients.close();
        }
        server.close();
    }

    private ConnectionPoster poster() {
        clients = new AwsClients(ChatConfig.from(Map.of(
                "CONNECTIONS_TABLE", "unused",
                "MESSAGES_TABLE", "unused",
                "TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:unused",
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "raw",
                "AWS_SECRET_ACCESS_KEY", "raw",
                "POST_TIMEOUT_MS", "5000")));
        return clients.connectionPoster(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/test"));
    }

    private static void post(ConnectionPoster poster, String connectionId) throws IOException {
        assertThat(poster.post(connectionId, FRAME.getBytes(StandardCharsets.UTF_8)).delivered()).isTrue();
    }

    @Test
    void posts_arriveWithTheirWholeBodyAndItsLength_oneAfterAnother_onOneKeptAliveConnection() throws IOException {
        ConnectionPoster api = poster();

        post(api, "first=");
        post(api, "second=");

        byte[] frame = FRAME.getBytes(StandardCharsets.UTF_8);
        assertThat(received).hasSize(2);
        assertThat(received).extracting(Received::connection).containsOnly(1);
        assertThat(received).extracting(Received::head)
                .containsExactly("POST /test/@connections/first%3D HTTP/1.1",
                        "POST /test/@connections/second%3D HTTP/1.1");
        for (Received request : received) {
            assertThat(request.headers()).containsEntry("content-length", Integer.toString(frame.length))
                    .doesNotContainKey("transfer-encoding")
                    .containsKey("authorization");
            assertThat(request.body()).isEqualTo(frame);
        }
    }

    @Test
    void aPostOnAReusedConnectionThatIsDroppedUnanswered_isSentOnce_andFails() throws IOException {
        ConnectionPoster api = poster();
        post(api, "first=");
        dropFromRequest = 2;

        assertThatThrownBy(() -> post(api, "second=")).isInstanceOf(IOException.class);

        // The server read the second post whole before it dropped the connection: the frame may have been
        // delivered, so neither the JDK nor the poster may send it again.
        assertThat(received).extracting(Received::head).containsExactly(
                "POST /test/@connections/first%3D HTTP/1.1", "POST /test/@connections/second%3D HTTP/1.1");
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                int connection = connections.incrementAndGet();
                Thread serving = new Thread(() -> serve(socket, connection), "raw-http-" + connection);
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = line(in);
                if (head == null) {
                    return;
                }
                Map<String, String> headers = new java.util.LinkedHashMap<>();
                for (String field = line(in); field != null && !field.isEmpty(); field = line(in)) {
                    int colon = field.indexOf(':');
                    headers.put(field.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            field.substring(colon + 1).trim());
                }
                byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                received.add(new Received(connection, head, headers, body));
                if (received.size() >= dropFromRequest) {
                    return;
                }
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 0\r\n"
                        + "x-amzn-RequestId: raw\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }
}
