package io.wschat.local.template;

import java.util.Map;

/**
 * A Lambda function of the template: its handler ({@code package.Class::method}), Timeout, MemorySize and
 * Environment Variables with Globals merged and intrinsics resolved.
 */
public record FunctionDefinition(String logicalId, String functionName, String handler, int timeoutSeconds,
        int memorySizeMb, Map<String, String> environment) {

    public FunctionDefinition {
        environment = Map.copyOf(environment);
    }

    public String handlerClass() {
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }

    public String handlerMethod() {
        int separator = handler.indexOf("::");
        return separator < 0 ? "handleRequest" : handler.substring(separator + 2);
    }
}
