package io.wschat.shared;

import java.net.URI;

/** Gives the {@link Broadcaster} for one management API endpoint, logging through the caller's request logger. */
@FunctionalInterface
public interface BroadcasterFactory {

    Broadcaster forEndpoint(URI endpoint, Log log);
}
