package io.wschat.message;

import io.wschat.shared.BroadcastResult;
import io.wschat.shared.ChatMessage;
import io.wschat.shared.ChatProtocol;
import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;
import io.wschat.shared.ConnectionStore;
import io.wschat.shared.MessageStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The actions about reading a room's stored messages: {@code history} and {@code resume} for the sender alone, and
 * {@code read}, the user's read marker.
 *
 * @param markerLife how long a read marker is kept after its last move: as long as the messages it counts
 */
record MessageReads(ChatProtocol protocol, MessageStore messages, ConnectionStore store, Executor sideWork,
        Duration markerLife, Clock clock) {

    /**
     * {@code history}: the {@code limit} newest unexpired messages of the sender's room, in one {@code history}
     * frame, oldest first, trimmed (oldest left out) to fit API Gateway's 128 KB post limit, with the user's read
     * marker for the room (read beside the messages).
     */
    void history(ChatRequest.History request, Connection sender, Caller caller) {
        String room = sender.room();
        CompletableFuture<Long> lastRead = CompletableFuture.supplyAsync(
                () -> store.lastRead(room, sender.userId()), sideWork);
        List<ChatMessage> newestFirst = messages.latest(room, request.limit(), clock.instant());
        caller.reply(protocol.history(room, newestFirst, SideTasks.await(lastRead)));
        caller.log().info("history sent", "room", room, "messages", newestFirst.size());
    }

    /**
     * {@code read}: moves the user's read marker for the sender's room to {@code seq} (never back), and when it
     * moved tells every connection of the user with a {@code read} frame, so its other devices update their unread
     * counts. A marker already at or past {@code seq} changes nothing and sends nothing.
     */
    void read(ChatRequest.Read request, Connection sender, Caller caller) {
        String room = sender.room();
        if (!store.markRead(room, sender.userId(), request.seq(), markerLife)) {
            return;
        }
        BroadcastResult result = caller.broadcaster().broadcast(store.userConnections(sender.userId()),
                protocol.read(room, request.seq()));
        caller.log().info("read marker moved", "room", room, "seq", request.seq(), "delivered", result.delivered());
    }

    /**
     * {@code resume}: the messages of the sender's room after {@code after}, oldest first, at most
     * {@value ChatProtocol#MAX_RESUME_MESSAGES} per frame. When the first one kept is not {@code after + 1} (the
     * ones between expired) or {@code after} is beyond the room's newest number (its numbers started over), the
     * client cannot be brought up to date: the frame says {@code gap} and carries the room's newest page instead.
     *
     * <p>The connection is in the room before it asks, so every message stored after the read reaches it live; a
     * message both read here and delivered live has one sequence number, by which the client drops the second.
     */
    void resume(ChatRequest.Resume request, Connection sender, Caller caller) {
        String room = sender.room();
        Instant now = clock.instant();
        MessageStore.Page page = messages.after(room, request.after(), ChatProtocol.MAX_RESUME_MESSAGES, now);
        List<ChatMessage> missed = page.messages();
        boolean gap = !missed.isEmpty() && missed.get(0).seq() != request.after() + 1;
        if (missed.isEmpty() && request.after() > 0 && messages.lastSeq(room) < request.after()) {
            gap = true;
        }
        if (gap) {
            List<ChatMessage> latest = new ArrayList<>(
                    messages.latest(room, ChatProtocol.DEFAULT_HISTORY_LIMIT, now));
            Collections.reverse(latest);
            caller.reply(protocol.resumed(room, request.after(), latest, false, true));
            caller.log().info("resume gap", "room", room, "after", request.after(), "messages", latest.size());
            return;
        }
        caller.reply(protocol.resumed(room, request.after(), missed, page.more(), false));
        caller.log().info("resumed", "room", room, "after", request.after(), "messages", missed.size(),
                "more", page.more());
    }
}
