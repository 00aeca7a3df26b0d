package io.wschat.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One open WebSocket connection as stored in the connections table.
 *
 * @param connectionId API Gateway's connection id
 * @param room         the room the connection is in
 * @param name         the display name the server accepted; the only name ever shown as a message's sender
 * @param userId       the user the connection belongs to
 * @param connectedAt  when API Gateway accepted the connection (stored in epoch milliseconds)
 * @param sourceIp     the client's address, when known
 * @param userAgent    the client's user agent, when known
 * @param expiresAt    when DynamoDB's TTL may remove the row (stored in epoch seconds)
 * @param anonymous    true when the identity was taken on trust from the query string (no token was checked);
 *                     only such connections may {@code rename}
 */
public record Connection(
        String connectionId,
        String room,
        String name,
        String userId,
        Instant connectedAt,
        Optional<String> sourceIp,
        Optional<String> userAgent,
        Instant expiresAt,
        boolean anonymous) {

    /**
     * How long a row outlives its connect time: API Gateway closes every connection after 2 hours and
     * {@code $disconnect} is best effort, so TTL removes rows that no disconnect did, with 10 minutes of slack.
     */
    public static final Duration TIME_TO_LIVE = Duration.ofHours(2).plusMinutes(10);

    public Connection {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A new anonymous connection whose expiry is {@link #TIME_TO_LIVE} after {@code connectedAt}. */
    public static Connection open(String connectionId, String room, String name, String userId, Instant connectedAt,
            Optional<String> sourceIp, Optional<String> userAgent) {
        return open(connectionId, room, name, userId, connectedAt, sourceIp, userAgent, true);
    }

    /** A new connection whose expiry is {@link #TIME_TO_LIVE} after {@code connectedAt}. */
    public static Connection open(String connectionId, String room, String name, String userId, Instant connectedAt,
            Optional<String> sourceIp, Optional<String> userAgent, boolean anonymous) {
        return new Connection(connectionId, room, name, userId, connectedAt, sourceIp, userAgent,
                connectedAt.plus(TIME_TO_LIVE), anonymous);
    }

    /** This connection as a member of its room. */
    public RoomMember asMember() {
        return new RoomMember(connectionId, name, userId);
    }
}
