package io.wschat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stack on a developer's machine: every listener on loopback, WebSocket handshakes only from its own page (or
 * from programs, which send no Origin) and HTTP only for requests that name this machine in their Host header.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalAccessIT {

    private static final String EXTRA_ORIGIN = "http://localhost:5173";

    @RegisterExtension
    static final StackExtension STACK = StackExtension.of(TestStacks.gatewayOnly().withStartDynamoDb(true)
            .withAccess(AccessOptions.defaults().withAllowedOrigin(EXTRA_ORIGIN)));

    @Test
    void everyListener_bindsLoopbackOnly_byDefault() throws Exception {
        // A listener bound to 127.0.0.1 alone refuses 127.0.0.2, which a wildcard bind (every interface, the ones
        // other hosts reach included) would accept; so the test proves the bind without sending off loopback.
        InetAddress other = InetAddress.getByName("127.0.0.2");
        List<Integer> ports = List.of(STACK.stack().port(), STACK.stack().dynamoDbEndpoint().orElseThrow().getPort(),
                STACK.stack().snsEndpoint().getPort());

        for (int port : ports) {
            assertThat(connects(InetAddress.getLoopbackAddress(), port)).as("127.0.0.1:" + port).isTrue();
            assertThat(connects(other, port)).as("127.0.0.2:" + port).isFalse();
        }
    }

    @Test
    void handshakeWithoutOrigin_orFromTheStacksOwnPage_orAnAllowedOrigin_connects() throws Exception {
        int port = STACK.stack().port();
        List<String> origins = List.of("http://localhost:" + port, "http://127.0.0.1:" + port, EXTRA_ORIGIN);
        try (TestClient noOrigin = TestClient.connect(STACK.stack().webSocketUri())) {
            assertThat(noOrigin.socket().isOutputClosed()).isFalse();
        }
        for (String origin : origins) {
            try (TestClient client = TestClient.connect(STACK.stack().webSocketUri(), Map.of("Origin", origin),
                    List.of())) {
                assertThat(client.socket().isOutputClosed()).as(origin).isFalse();
            }
        }
    }

    @Test
    void handshakeFromAnotherOrigin_isRefusedWith403_beforeConnectRuns() throws Exception {
        URI refused = URI.create(STACK.stack().webSocketUri() + "/?probe=evil");

        assertThatThrownBy(() -> TestClient.connect(refused, Map.of("Origin", "http://evil.example"), List.of()))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(403));

        // a marker: once its $connect is recorded, a $connect for the refused handshake would have been too
        try (TestClient marker = TestClient.connect(URI.create(STACK.stack().webSocketUri() + "/?probe=marker"))) {
            STACK.invocations().await(invocation -> invocation.routeKey().equals("$connect")
                    && invocation.event().toString().contains("marker"));
        }
        assertThat(STACK.invocations().count(invocation -> invocation.event().toString().contains("evil"))).isZero();
    }

    @Test
    void httpWithAForeignHostHeader_isRefusedWith403_everywhere() throws Exception {
        int port = STACK.stack().port();
        int sns = STACK.stack().snsEndpoint().getPort();
        String foreign = "rebind.evil.example";

        assertThat(RawHttp.get(port, "/", foreign + ":" + port).status()).isEqualTo(403);
        assertThat(RawHttp.get(port, "/test/@connections/abc%3D", foreign).status()).isEqualTo(403);
        assertThat(RawHttp.get(sns, "/", foreign + ":" + sns).status()).isEqualTo(403);
        assertThat(RawHttp.get(sns, "/events.json", foreign).status()).isEqualTo(403);
        assertThat(RawHttp.get(sns, "/events", "192.0.2.99:" + sns).status()).isEqualTo(403);
    }

    @Test
    void httpNamingThisMachine_isServed() throws Exception {
        int port = STACK.stack().port();
        int sns = STACK.stack().snsEndpoint().getPort();

        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "127.1.2.3", "[::1]:" + port)) {
            assertThat(RawHttp.get(port, "/", host).status()).as(host).isEqualTo(200);
        }
        assertThat(RawHttp.get(sns, "/events.json", "127.0.0.1:" + sns).status()).isEqualTo(200);
    }

    @Test
    void aPageOfAnotherOrigin_cannotDriveTheManagementApi_itsPreflightIsRefused_withoutCorsHeaders()
            throws Exception {
        int port = STACK.stack().port();
        String path = "/" + STACK.stack().gateway().stage() + "/@connections/abc%3D";

        // A signed POST needs an Authorization header, which makes a browser ask first; the answer must not allow it.
        RawHttp.Response preflight = RawHttp.send(port, "OPTIONS " + path + " HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nOrigin: http://evil.example\r\nAccess-Control-Request-Method: POST\r\n"
                + "Access-Control-Request-Headers: authorization, x-amz-date\r\nConnection: close\r\n\r\n");
        // What a page can send without asking: a form-like POST, which carries no signature.
        RawHttp.Response simplePost = RawHttp.send(port, "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nOrigin: http://evil.example\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\nhi");

        assertThat(preflight.status()).isGreaterThanOrEqualTo(400);
        assertThat(preflight.text().toLowerCase(java.util.Locale.ROOT)).doesNotContain("access-control-allow");
        assertThat(simplePost.status()).isEqualTo(403);
        assertThat(simplePost.text().toLowerCase(java.util.Locale.ROOT)).doesNotContain("access-control-allow");
    }

    private static boolean connects(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }

}
