package io.wschat.local.gateway;

import java.util.List;
import java.util.Map;

/**
 * The parts of a WebSocket handshake that API Gateway passes to {@code $connect}: headers in arrival order,
 * query string parameters, the client's address and user agent.
 */
record ConnectRequest(List<Map.Entry<String, String>> headers, Map<String, List<String>> query, String sourceIp,
        String userAgent, int serverPort) {

    ConnectRequest {
        headers = List.copyOf(headers);
        query = Map.copyOf(query);
    }
}
