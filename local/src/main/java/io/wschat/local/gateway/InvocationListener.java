package io.wschat.local.gateway;

import io.wschat.local.lambda.InvocationResult;

/** Observes every integration call the gateway makes: the event JSON it built and what the function returned. */
@FunctionalInterface
public interface InvocationListener {

    void invoked(String routeKey, String functionLogicalId, String eventJson, InvocationResult result);
}
