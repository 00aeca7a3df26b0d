package io.wschat.local.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the local runtime needs from template.yaml, resolved to local values: functions, the WebSocket API with
 * its routes, DynamoDB tables and SNS topics. Reading it from the template keeps local and cloud from drifting.
 */
public final class LocalTemplate {

    /** SAM's default Timeout (seconds) and MemorySize (MB). */
    static final int DEFAULT_TIMEOUT = 3;
    static final int DEFAULT_MEMORY = 128;
    private static final Pattern FUNCTION_IN_URI =
            Pattern.compile("arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:([A-Za-z0-9_-]+)(?::[A-Za-z0-9_$-]+)?");

    private final Map<String, FunctionDefinition> functions;
    private final WebSocketApiDefinition api;
    private final List<TableDefinition> tables;
    private final List<TopicDefinition> topics;
    private final List<String> warnings;

    private LocalTemplate(Map<String, FunctionDefinition> functions, WebSocketApiDefinition api,
            List<TableDefinition> tables, List<TopicDefinition> topics, List<String> warnings) {
        this.functions = functions;
        this.api = api;
        this.tables = List.copyOf(tables);
        this.topics = List.copyOf(topics);
        this.warnings = List.copyOf(warnings);
    }

    public static LocalTemplate load(Path file, Map<String, String> parameterOverrides, LocalNames names) {
        return from(CloudFormationYaml.read(file), parameterOverrides, names);
    }

    public static LocalTemplate from(Map<String, Object> template, Map<String, String> parameterOverrides,
            LocalNames names) {
        return new Reader(template, new Intrinsics(template, parameterOverrides, names)).read();
    }

    /** Functions by logical id, in template order. */
    public Map<String, FunctionDefinition> functions() {
        return functions;
    }

    public FunctionDefinition function(String logicalId) {
        FunctionDefinition function = functions.get(logicalId);
        if (function == null) {
            throw new TemplateException("unknown function " + logicalId);
        }
        return function;
    }

    public WebSocketApiDefinition api() {
        return api;
    }

    public List<TableDefinition> tables() {
        return tables;
    }

    public List<TopicDefinition> topics() {
        return topics;
    }

    /** Parts of the template the local runtime ignores, worth telling the user about. */
    public List<String> warnings() {
        return warnings;
    }

    private static final class Reader {

        private final Map<String, Object> resources;
        private final Map<String, Object> globalFunction;
        private final Intrinsics intrinsics;
        private final List<String> warnings = new ArrayList<>();

        Reader(Map<String, Object> template, Intrinsics intrinsics) {
            this.intrinsics = intrinsics;
            Object resourceSection = template.get("Resources");
            this.resources = resourceSection == null ? Map.of() : Intrinsics.asMap(resourceSection, "Resources");
            Object globals = template.get("Globals");
            Object function = globals == null ? null : Intrinsics.asMap(globals, "Globals").get("Function");
            this.globalFunction = function == null ? Map.of() : Intrinsics.asMap(function, "Globals.Function");
        }

        LocalTemplate read() {
            Map<String, FunctionDefinition> functions = new LinkedHashMap<>();
            List<TableDefinition> tables = new ArrayList<>();
            List<TopicDefinition> topics = new ArrayList<>();
            String apiLogicalId = null;
            for (String logicalId : resources.keySet()) {
                if (!intrinsics.isIncluded(logicalId)) {
                    continue;
                }
                String type = String.valueOf(intrinsics.resource(logicalId).get("Type"));
                switch (type) {
                    case "AWS::Serverless::Function", "AWS::Lambda::Function" ->
                            functions.put(logicalId, function(logicalId));
                    case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> tables.add(new TableDefinition(
                            logicalId, intrinsics.tableName(logicalId), type, resolvedProperties(logicalId)));
                    case "AWS::SNS::Topic" -> topics.add(new TopicDefinition(logicalId, intrinsics.topicName(logicalId),
                            String.valueOf(intrinsics.ref(logicalId))));
                    case "AWS::ApiGatewayV2::Api" -> {
                        String protocol = intrinsics.resolveString(intrinsics.properties(logicalId).get("ProtocolType"));
                        if ("WEBSOCKET".equals(protocol)) {
                            if (apiLogicalId == null) {
                                apiLogicalId = logicalId;
                            } else {
                                warnings.add("more than one WebSocket API; serving " + apiLogicalId + " only");
                            }
                        }
                    }
                    case "AWS::ApiGatewayV2::Authorizer" -> warnings.add(logicalId
                            + ": API Gateway authorizers are not run locally (the functions do their own auth)");
                    default -> {
                    }
                }
            }
            if (apiLogicalId == null) {
                throw new TemplateException("the template has no AWS::ApiGatewayV2::Api with ProtocolType WEBSOCKET");
            }
            return new LocalTemplate(Collections.unmodifiableMap(functions),
                    api(apiLogicalId, functions), tables, topics, warnings);
        }

        private FunctionDefinition function(String logicalId) {
            Map<String, Object> own = intrinsics.properties(logicalId);
            String handler = stringProperty(logicalId, own, "Handler");
            if (handler == null) {
                throw new TemplateException(logicalId + " has no Handler");
            }
            String timeout = stringProperty(logicalId, own, "Timeout");
            String memory = stringProperty(logicalId, own, "MemorySize");
            return new FunctionDefinition(logicalId, intrinsics.functionName(logicalId), handler,
                    timeout == null ? DEFAULT_TIMEOUT : Integer.parseInt(timeout),
                    memory == null ? DEFAULT_MEMORY : Integer.parseInt(memory),
                    environment(logicalId, own));
        }

        private String stringProperty(String logicalId, Map<String, Object> own, String name) {
            Object value = own.containsKey(name) ? own.get(name) : globalProperty(logicalId, name);
            return value == null ? null : intrinsics.resolveString(value);
        }

        private Object globalProperty(String logicalId, String name) {
            String type = String.valueOf(intrinsics.resource(logicalId).get("Type"));
            return type.equals("AWS::Serverless::Function") ? globalFunction.get(name) : null;
        }

        private Map<String, String> environment(String logicalId, Map<String, Object> own) {
            Map<String, String> environment = new LinkedHashMap<>();
            putVariables(environment, globalProperty(logicalId, "Environment"), "Globals.Function.Environment");
            putVariables(environment, own.get("Environment"), logicalId + ".Environment");
            return environment;
        }

        private void putVariables(Map<String, String> environment, Object section, String where) {
            if (section == null) {
                return;
            }
            Object resolved = intrinsics.resolve(section);
            if (resolved == null) {
                return;
            }
            Object variables = Intrinsics.asMap(resolved, where).get("Variables");
            if (variables == null) {
                return;
            }
            for (Map.Entry<String, Object> entry : Intrinsics.asMap(variables, where + ".Variables").entrySet()) {
                environment.put(entry.getKey(), intrinsics.resolveString(entry.getValue()));
            }
        }

        private Map<String, Object> resolvedProperties(String logicalId) {
            Object resolved = intrinsics.resolve(intrinsics.properties(logicalId));
            return resolved == null ? Map.of() : Intrinsics.asMap(resolved, logicalId + ".Properties");
        }

        private WebSocketApiDefinition api(String apiLogicalId, Map<String, FunctionDefinition> functions) {
            Map<String, Object> apiProperties = intrinsics.properties(apiLogicalId);
            String selection = intrinsics.resolveString(apiProperties.get("RouteSelectionExpression"));
            String apiId = String.valueOf(intrinsics.ref(apiLogicalId));
            String stage = null;
            List<String> twoWayRoutes = new ArrayList<>();
            List<String> routeIds = new ArrayList<>();
            for (String logicalId : resources.keySet()) {
                if (!intrinsics.isIncluded(logicalId)) {
                    continue;
                }
                String type = String.valueOf(intrinsics.resource(logicalId).get("Type"));
                Map<String, Object> properties = intrinsics.properties(logicalId);
                if (type.equals("AWS::ApiGatewayV2::Stage") && belongsTo(properties, apiId)) {
                    if (stage == null) {
                        stage = intrinsics.resolveString(properties.get("StageName"));
                    }
                } else if (type.equals("AWS::ApiGatewayV2::Route") && belongsTo(properties, apiId)) {
                    routeIds.add(logicalId);
                } else if (type.equals("AWS::ApiGatewayV2::RouteResponse") && belongsTo(properties, apiId)) {
                    twoWayRoutes.add(intrinsics.resolveString(properties.get("RouteId")));
                }
            }
            List<RouteDefinition> routes = new ArrayList<>();
            for (String routeId : routeIds) {
                route(routeId, functions, twoWayRoutes.contains(String.valueOf(intrinsics.ref(routeId))))
                        .ifPresent(routes::add);
            }
            return new WebSocketApiDefinition(apiLogicalId, selection, stage == null ? "local" : stage, routes);
        }

        private boolean belongsTo(Map<String, Object> properties, String apiId) {
            Object owner = properties.get("ApiId");
            return owner == null || apiId.equals(intrinsics.resolveString(owner));
        }

        private Optional<RouteDefinition> route(String logicalId, Map<String, FunctionDefinition> functions,
                boolean twoWay) {
            Map<String, Object> properties = intrinsics.properties(logicalId);
            String routeKey = intrinsics.resolveString(properties.get("RouteKey"));
            String target = intrinsics.resolveString(properties.get("Target"));
            if (target == null || !target.startsWith("integrations/")) {
                warnings.add("route " + routeKey + " has no integration Target; skipped");
                return Optional.empty();
            }
            String integrationId = target.substring("integrations/".length());
            if (!resources.containsKey(integrationId) || !intrinsics.isIncluded(integrationId)) {
                warnings.add("route " + routeKey + " targets unknown integration " + integrationId + "; skipped");
                return Optional.empty();
            }
            Map<String, Object> integration = intrinsics.properties(integrationId);
            String integrationType = intrinsics.resolveString(integration.get("IntegrationType"));
            if (!"AWS_PROXY".equals(integrationType)) {
                warnings.add("route " + routeKey + " uses a " + integrationType
                        + " integration; only AWS_PROXY runs locally; skipped");
                return Optional.empty();
            }
            String uri = intrinsics.resolveString(integration.get("IntegrationUri"));
            Matcher matcher = FUNCTION_IN_URI.matcher(uri == null ? "" : uri);
            if (!matcher.find()) {
                throw new TemplateException("route " + routeKey + ": no Lambda function in IntegrationUri " + uri);
            }
            String functionName = matcher.group(1);
            for (FunctionDefinition function : functions.values()) {
                if (function.functionName().equals(functionName)) {
                    return Optional.of(new RouteDefinition(logicalId, routeKey, function.logicalId(), twoWay));
                }
            }
            throw new TemplateException("route " + routeKey + ": IntegrationUri names function " + functionName
                    + ", which is not in the template");
        }
    }
}
