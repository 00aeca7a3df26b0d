package io.wschat.local.template;

import java.util.List;
import java.util.Optional;

/** The template's WebSocket API: route selection expression, stage name and routes. */
public record WebSocketApiDefinition(String logicalId, String routeSelectionExpression, String stage,
        List<RouteDefinition> routes) {

    public WebSocketApiDefinition {
        routes = List.copyOf(routes);
    }

    public Optional<RouteDefinition> route(String routeKey) {
        return routes.stream().filter(route -> route.routeKey().equals(routeKey)).findFirst();
    }
}
