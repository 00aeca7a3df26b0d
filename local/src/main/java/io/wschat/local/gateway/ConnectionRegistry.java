package io.wschat.local.gateway;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The connections that exist: added once $connect succeeded and the socket opened, removed when it closes. */
public final class ConnectionRegistry {

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    void add(Connection connection) {
        connections.put(connection.id(), connection);
    }

    boolean remove(Connection connection) {
        return connections.remove(connection.id(), connection);
    }

    public Optional<Connection> find(String connectionId) {
        return Optional.ofNullable(connections.get(connectionId));
    }

    public Collection<Connection> all() {
        return connections.values();
    }

    public int size() {
        return connections.size();
    }
}
