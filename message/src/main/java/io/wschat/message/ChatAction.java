package io.wschat.message;

import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;

/**
 * One client action (sendmessage, join, leave, whisper, history, who, rename): a small class per action, registered
 * with the {@link MessageRouter}.
 *
 * <p>An action may let {@link io.wschat.shared.ConnectionStoreException} and
 * {@link io.wschat.shared.MessageStoreException} escape when it cannot do its work at all; the router answers them
 * with {@code INTERNAL_ERROR}.
 *
 * @param <R> the request record this action handles
 */
interface ChatAction<R extends ChatRequest> {

    Class<R> requestType();

    /** Handles a validated request from a sender known to the store and within its rate limit. */
    void handle(R request, Connection sender, Caller caller);
}
