package io.wschat.message;

import io.wschat.shared.ChatRequest;
import io.wschat.shared.Connection;

/**
 * What the message function does for one client action, registered with {@link MessageRouter.Routes#on} for the
 * action's request record.
 *
 * <p>Adding an action: its record in {@link ChatRequest}, its decoder in {@link io.wschat.shared.ChatProtocol}, a
 * route in {@code template.yaml} (and a new name for the {@code ChatDeploymentV3} resource), its registration in
 * {@link MessageHandler}, and its frames in docs/PROTOCOL.md.
 *
 * <p>An action may let {@link io.wschat.shared.ConnectionStoreException} and
 * {@link io.wschat.shared.MessageStoreException} escape when it cannot do its work at all; the router answers them
 * with {@code INTERNAL_ERROR}.
 *
 * @param <R> the request record this action handles
 */
@FunctionalInterface
interface ChatAction<R extends ChatRequest> {

    /** Handles a validated request from a sender known to the store and within its rate limit. */
    void handle(R request, Connection sender, Caller caller);
}
