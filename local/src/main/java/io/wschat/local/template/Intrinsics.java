package io.wschat.local.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions to local values: {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub},
 * {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split}, {@code Fn::If}, {@code Fn::Equals}, {@code Fn::Not},
 * {@code Fn::And}, {@code Fn::Or}, {@code Fn::FindInMap}, {@code Fn::Base64} and {@code Condition}.
 *
 * <p>A table's Ref is its TableName (or logical id), a topic's Ref its ARN, a function's Ref its FunctionName
 * (or logical id), a parameter's Ref its override or Default. {@code AWS::NoValue} removes the property.
 */
public final class Intrinsics {

    /** Marks a value that {@code AWS::NoValue} removed. */
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, Object> parameters;
    private final Map<String, Object> resources;
    private final Map<String, Object> conditions;
    private final Map<String, Object> mappings;
    private final Map<String, Object> globalFunction;
    private final Map<String, String> parameterOverrides;
    private final LocalNames names;
    private final Map<String, Boolean> evaluatedConditions = new HashMap<>();

    public Intrinsics(Map<String, Object> template, Map<String, String> parameterOverrides, LocalNames names) {
        this.parameters = section(template, "Parameters");
        this.resources = section(template, "Resources");
        this.conditions = section(template, "Conditions");
        this.mappings = section(template, "Mappings");
        Object function = section(template, "Globals").get("Function");
        this.globalFunction = function == null ? Map.of() : asMap(function, "Globals.Function");
        this.parameterOverrides = Map.copyOf(parameterOverrides);
        this.names = names;
        for (String name : parameterOverrides.keySet()) {
            if (!parameters.containsKey(name)) {
                throw new TemplateException("parameter override " + name + " is not a template parameter");
            }
        }
    }

    public LocalNames names() {
        return names;
    }

    /** Deep-resolves a template value to plain strings, numbers, booleans, lists and maps. */
    public Object resolve(Object value) {
        Object resolved = resolveValue(value);
        return resolved == NO_VALUE ? null : resolved;
    }

    /** Resolves a value that must end up a scalar, rendering it as a string. */
    public String resolveString(Object value) {
        Object resolved = resolve(value);
        if (resolved == null) {
            return null;
        }
        if (resolved instanceof Map || resolved instanceof List) {
            throw new TemplateException("expected a scalar but got " + resolved);
        }
        return scalarString(resolved);
    }

    /** Whether a named condition of the Conditions section holds. */
    public boolean condition(String name) {
        Boolean known = evaluatedConditions.get(name);
        if (known != null) {
            return known;
        }
        if (!conditions.containsKey(name)) {
            throw new TemplateException("unknown condition " + name);
        }
        boolean result = asBoolean(resolveValue(conditions.get(name)));
        evaluatedConditions.put(name, result);
        return result;
    }

    /** Whether a resource exists locally, i.e. has no Condition or a Condition that holds. */
    public boolean isIncluded(String logicalId) {
        Object condition = resource(logicalId).get("Condition");
        return condition == null || condition(String.valueOf(condition));
    }

    /** The Ref value of a parameter, pseudo parameter or resource. */
    public Object ref(String name) {
        switch (name) {
            case "AWS::Region":
                return names.region();
            case "AWS::AccountId":
                return names.accountId();
            case "AWS::StackName":
                return names.stackName();
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + names.region() + ":" + names.accountId() + ":stack/"
                        + names.stackName() + "/00000000-0000-0000-0000-000000000000";
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NotificationARNs":
                return List.of();
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameter(name);
        }
        if (resources.containsKey(name)) {
            return resourceRef(name);
        }
        int dot = name.indexOf('.');
        if (dot > 0 && name.endsWith(".Alias") && resources.containsKey(name.substring(0, dot))) {
            return functionAliasArn(name.substring(0, dot));
        }
        String[] alias = samAlias(name);
        if (alias != null) {
            return names.functionArn(functionName(alias[0])) + ":" + alias[1];
        }
        throw new TemplateException("Ref to unknown name " + name);
    }

    /** The Fn::GetAtt value of a resource attribute. */
    public Object getAtt(String logicalId, String attribute) {
        Map<String, Object> resource = resource(logicalId);
        String type = String.valueOf(resource.get("Type"));
        switch (type) {
            case "AWS::Serverless::Function":
            case "AWS::Lambda::Function":
                if (attribute.equals("Arn")) {
                    return names.functionArn(functionName(logicalId));
                }
                break;
            case "AWS::DynamoDB::Table":
            case "AWS::Serverless::SimpleTable":
                if (attribute.equals("Arn")) {
                    return names.tableArn(tableName(logicalId));
                }
                if (attribute.equals("StreamArn")) {
                    return names.tableArn(tableName(logicalId)) + "/stream/1970-01-01T00:00:00.000";
                }
                break;
            case "AWS::SNS::Topic":
                if (attribute.equals("TopicArn")) {
                    return resourceRef(logicalId);
                }
                if (attribute.equals("TopicName")) {
                    return topicName(logicalId);
                }
                break;
            case "AWS::ApiGatewayV2::Api":
                if (attribute.equals("ApiEndpoint")) {
                    return names.webSocketEndpoint();
                }
                if (attribute.equals("ApiId")) {
                    return names.apiId();
                }
                break;
            default:
                break;
        }
        return logicalId + "." + attribute;
    }

    public String functionName(String logicalId) {
        Object explicit = properties(logicalId).get("FunctionName");
        return explicit == null ? logicalId : resolveString(explicit);
    }

    public String tableName(String logicalId) {
        Map<String, Object> properties = properties(logicalId);
        Object explicit = properties.get("TableName");
        return explicit == null ? logicalId : resolveString(explicit);
    }

    public String topicName(String logicalId) {
        Object explicit = properties(logicalId).get("TopicName");
        return explicit == null ? logicalId : resolveString(explicit);
    }

    Map<String, Object> resource(String logicalId) {
        Object resource = resources.get(logicalId);
        if (!(resource instanceof Map)) {
            throw new TemplateException("unknown resource " + logicalId);
        }
        return asMap(resource, logicalId);
    }

    Map<String, Object> properties(String logicalId) {
        Object properties = resource(logicalId).get("Properties");
        return properties == null ? Map.of() : asMap(properties, logicalId + ".Properties");
    }

    private Object resourceRef(String logicalId) {
        String type = String.valueOf(resource(logicalId).get("Type"));
        switch (type) {
            case "AWS::Serverless::Function":
            case "AWS::Lambda::Function":
                return functionName(logicalId);
            case "AWS::DynamoDB::Table":
            case "AWS::Serverless::SimpleTable":
                return tableName(logicalId);
            case "AWS::SNS::Topic":
                return names.topicArn(topicName(logicalId));
            case "AWS::ApiGatewayV2::Api":
                return names.apiId();
            case "AWS::ApiGatewayV2::Stage":
                return resolveString(properties(logicalId).get("StageName"));
            case "AWS::Lambda::Alias":
                return names.functionArn(functionName(referencedFunction(properties(logicalId).get("FunctionName"))))
                        + ":" + resolveString(properties(logicalId).get("Name"));
            default:
                return logicalId;
        }
    }

    private String referencedFunction(Object functionName) {
        String name = resolveString(functionName);
        for (String logicalId : resources.keySet()) {
            String type = String.valueOf(resource(logicalId).get("Type"));
            if ((type.equals("AWS::Serverless::Function") || type.equals("AWS::Lambda::Function"))
                    && (functionName(logicalId).equals(name) || names.functionArn(functionName(logicalId)).equals(name))) {
                return logicalId;
            }
        }
        throw new TemplateException("no function named " + name);
    }

    /** A function's AutoPublishAlias, its own or (for SAM functions) the one in Globals. */
    private Object autoPublishAlias(String functionLogicalId) {
        Object own = properties(functionLogicalId).get("AutoPublishAlias");
        if (own != null || !"AWS::Serverless::Function".equals(resource(functionLogicalId).get("Type"))) {
            return own;
        }
        return globalFunction.get("AutoPublishAlias");
    }

    private Object functionAliasArn(String functionLogicalId) {
        Object alias = autoPublishAlias(functionLogicalId);
        if (alias == null) {
            throw new TemplateException(functionLogicalId + ".Alias needs AutoPublishAlias on " + functionLogicalId);
        }
        return names.functionArn(functionName(functionLogicalId)) + ":" + resolveString(alias);
    }

    /** SAM's AutoPublishAlias creates {@code <Function>Alias<alias>}: returns {function, alias} or null. */
    private String[] samAlias(String name) {
        int at = name.indexOf("Alias");
        while (at > 0) {
            String function = name.substring(0, at);
            String alias = name.substring(at + "Alias".length());
            if (resources.containsKey(function)) {
                Object published = autoPublishAlias(function);
                if (published != null && resolveString(published).equals(alias)) {
                    return new String[] {function, alias};
                }
            }
            at = name.indexOf("Alias", at + 1);
        }
        return null;
    }

    private Object parameter(String name) {
        if (parameterOverrides.containsKey(name)) {
            return parameterOverrides.get(name);
        }
        Map<String, Object> declaration = asMap(parameters.get(name), "Parameters." + name);
        if (!declaration.containsKey("Default")) {
            throw new TemplateException("parameter " + name + " has no Default; pass --parameter " + name + "=...");
        }
        Object value = declaration.get("Default");
        return value instanceof String ? value : scalarString(value);
    }

    private Object resolveValue(Object value) {
        if (value instanceof Map) {
            Map<String, Object> map = asMap(value, "value");
            if (map.size() == 1) {
                Map.Entry<String, Object> only = map.entrySet().iterator().next();
                String key = only.getKey();
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return intrinsic(key, only.getValue());
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : map.entrySet()) {
                Object entryValue = resolveValue(entry.getValue());
                if (entryValue != NO_VALUE) {
                    resolved.put(entry.getKey(), entryValue);
                }
            }
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object element : list) {
                Object elementValue = resolveValue(element);
                if (elementValue != NO_VALUE) {
                    resolved.add(elementValue);
                }
            }
            return resolved;
        }
        return value;
    }

    private Object intrinsic(String function, Object argument) {
        switch (function) {
            case "Ref":
                return ref(String.valueOf(resolveValue(argument)));
            case "Condition":
                return condition(String.valueOf(argument));
            case "Fn::GetAtt": {
                List<?> parts = argument instanceof String s ? List.of(s.split("\\.", 2)) : list(argument, function);
                return getAtt(scalarString(resolveValue(parts.get(0))), scalarString(resolveValue(parts.get(1))));
            }
            case "Fn::Sub":
                return sub(argument);
            case "Fn::Join": {
                List<?> parts = list(argument, function);
                String delimiter = scalarString(resolveValue(parts.get(0)));
                List<String> values = new ArrayList<>();
                for (Object element : list(resolveValue(parts.get(1)), function)) {
                    values.add(scalarString(element));
                }
                return String.join(delimiter, values);
            }
            case "Fn::Select": {
                List<?> parts = list(argument, function);
                int index = Integer.parseInt(scalarString(resolveValue(parts.get(0))));
                return list(resolveValue(parts.get(1)), function).get(index);
            }
            case "Fn::Split": {
                List<?> parts = list(argument, function);
                String delimiter = scalarString(resolveValue(parts.get(0)));
                String source = scalarString(resolveValue(parts.get(1)));
                return List.of(source.split(Pattern.quote(delimiter), -1));
            }
            case "Fn::If": {
                List<?> parts = list(argument, function);
                return condition(scalarString(parts.get(0))) ? resolveValue(parts.get(1)) : resolveValue(parts.get(2));
            }
            case "Fn::Equals": {
                List<?> parts = list(argument, function);
                return scalarString(resolveValue(parts.get(0))).equals(scalarString(resolveValue(parts.get(1))));
            }
            case "Fn::Not":
                return !asBoolean(resolveValue(list(argument, function).get(0)));
            case "Fn::And": {
                boolean all = true;
                for (Object element : list(argument, function)) {
                    all &= asBoolean(resolveValue(element));
                }
                return all;
            }
            case "Fn::Or": {
                boolean any = false;
                for (Object element : list(argument, function)) {
                    any |= asBoolean(resolveValue(element));
                }
                return any;
            }
            case "Fn::FindInMap": {
                List<?> parts = list(argument, function);
                Object top = asMap(mappings.get(scalarString(resolveValue(parts.get(0)))), "Mappings");
                Object second = asMap(top, "Mappings").get(scalarString(resolveValue(parts.get(1))));
                return resolveValue(asMap(second, "Mappings").get(scalarString(resolveValue(parts.get(2)))));
            }
            case "Fn::Base64":
                return Base64.getEncoder().encodeToString(
                        scalarString(resolveValue(argument)).getBytes(StandardCharsets.UTF_8));
            default:
                throw new TemplateException(function + " has no local value");
        }
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> parts) {
            text = scalarString(parts.get(0));
            variables = parts.size() > 1 ? asMap(parts.get(1), "Fn::Sub variables") : Map.of();
        } else {
            text = scalarString(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}";
            } else if (variables.containsKey(name)) {
                replacement = scalarString(resolveValue(variables.get(name)));
            } else if (name.contains(".") && !parameters.containsKey(name) && resources.containsKey(name.split("\\.", 2)[0])
                    && !name.endsWith(".Alias")) {
                String[] parts = name.split("\\.", 2);
                replacement = scalarString(getAtt(parts[0], parts[1]));
            } else {
                replacement = scalarString(ref(name));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static boolean asBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return Boolean.parseBoolean(String.valueOf(value));
    }

    private static String scalarString(Object value) {
        if (value == null || value == NO_VALUE) {
            return "";
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return String.valueOf(d.longValue());
        }
        if (value instanceof Map || value instanceof List) {
            throw new TemplateException("expected a scalar but got " + value);
        }
        return String.valueOf(value);
    }

    private static List<?> list(Object value, String function) {
        if (!(value instanceof List<?> list)) {
            throw new TemplateException(function + " expects a list but got " + value);
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new TemplateException(what + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> section(Map<String, Object> template, String name) {
        Object section = template.get(name);
        return section == null ? Map.of() : asMap(section, name);
    }
}
