package io.wschat.shared;

import java.util.Objects;

/**
 * One connection in a room, as the {@code room-index} lists it.
 *
 * @param connectionId the connection
 * @param name         its display name
 * @param userId       the user it belongs to
 */
public record RoomMember(String connectionId, String name, String userId) {

    public RoomMember {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(userId, "userId");
    }
}
