package io.wschat.message;

import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;

/**
 * One client action (sendmessage, later join, leave, whisper, history, who, rename): a small class per action,
 * registered with the {@link MessageRouter}.
 *
 * @param <R> the request record this action handles
 */
interface ChatAction<R extends ChatRequest> {

    Class<R> requestType();

    /** Handles a validated request from a sender known to the store. */
    void handle(R request, Connection sender, Caller caller);
}
