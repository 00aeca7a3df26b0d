package io.wschat.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Posts presence notices ({@code joined}, {@code left}, {@code renamed}, {@code typing}) to a room's members, but only in rooms of
 * at most {@code PRESENCE_NOTICE_MAX_MEMBERS} connections: in a room of N members every join would otherwise cost N
 * posts, and N members joining cost O(N²). Members of bigger rooms ask {@code who} instead.
 *
 * <p>Notices are best effort: a failed room lookup is logged at WARN and posts nothing.
 */
public final class RoomNotices {

    private final ConnectionStore store;
    private final int maxMembers;

    public RoomNotices(ConnectionStore store, int maxMembers) {
        if (maxMembers < 1) {
            throw new IllegalArgumentException("maxMembers must be positive, was " + maxMembers);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.maxMembers = maxMembers;
    }

    /**
     * Posts a {@code joined} or {@code left} notice about {@code member} to the room's other connections, unless
     * another connection of the same user is in the room: a user with several devices is one member, so the room
     * hears of it joining with its first connection and leaving after its last. Rooms over the size limit get
     * nothing, as for {@link #post}.
     *
     * @return the broadcast's outcome, or empty when nothing was posted
     */
    public Optional<BroadcastResult> postPresence(String room, String frame, RoomMember member,
            Broadcaster broadcaster, Log log) {
        Optional<List<RoomMember>> members = smallRoom(room, () -> {
            ConnectionStore.RoomPage page = store.roomPresence(room, maxMembers);
            return Optional.of(page.members()).filter(all -> !page.more());
        }, log);
        if (members.isEmpty()) {
            return Optional.empty();
        }
        List<String> recipients = new ArrayList<>();
        for (RoomMember other : members.get()) {
            if (other.connectionId().equals(member.connectionId())) {
                continue;
            }
            if (other.userId().equals(member.userId())) {
                log.debug("presence notice skipped: the user has another connection in the room", "room", room);
                return Optional.empty();
            }
            recipients.add(other.connectionId());
        }
        return Optional.of(broadcaster.broadcast(recipients, frame));
    }

    /**
     * The {@code $connect} and {@code $disconnect} announcement: {@link #postPresence} through the broadcaster that
     * {@code broadcaster} gives, logging {@code "<kind> notice sent"} with the outcome, or why nothing was sent.
     * Never throws for a missing management endpoint: an announcement is best effort.
     */
    public void announce(String kind, String room, String frame, RoomMember member,
            Supplier<Broadcaster> broadcaster, Log log) {
        Broadcaster posts;
        try {
            posts = broadcaster.get();
        } catch (ConfigurationException e) {
            log.error(kind + " notice not sent: no management endpoint", e);
            return;
        }
        postPresence(room, frame, member, posts, log)
                .ifPresent(result -> log.info(kind + " notice sent", "room", room, "delivered", result.delivered(),
                        "gone", result.gone(), "failed", result.failed()));
    }

    /**
     * Posts {@code frame} to the room's connections other than {@code except} when the room has at most the
     * configured number of connections.
     *
     * @return the broadcast's outcome, or empty when the room was too big or could not be read
     */
    public Optional<BroadcastResult> post(String room, String frame, Set<String> except, Broadcaster broadcaster,
            Log log) {
        return smallRoom(room, () -> store.roomMembersUpTo(room, maxMembers), log).map(members -> {
            List<String> recipients = members.stream().filter(id -> !except.contains(id)).toList();
            return broadcaster.broadcast(recipients, frame);
        });
    }

    /**
     * What {@code lookup} reads of the room: empty, with the reason logged, when the room has more than
     * {@code maxMembers} connections (the lookup's answer is empty) or could not be read.
     */
    private <T> Optional<T> smallRoom(String room, Supplier<Optional<T>> lookup, Log log) {
        Optional<T> members;
        try {
            members = lookup.get();
        } catch (ConnectionStoreException e) {
            log.warn("presence notice not sent: room lookup failed", e, "room", room);
            return Optional.empty();
        }
        if (members.isEmpty()) {
            log.debug("presence notice skipped: room too big", "room", room, "maxMembers", maxMembers);
        }
        return members;
    }
}
