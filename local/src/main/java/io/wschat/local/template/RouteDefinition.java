package io.wschat.local.template;

/** A WebSocket route: its key, the function its AWS_PROXY integration invokes, and whether it has a route response. */
public record RouteDefinition(String logicalId, String routeKey, String functionLogicalId, boolean twoWay) {
}
