package io.wschat.e2e.deploy;

import io.wschat.local.template.CloudFormationYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The project's template.yaml as plain maps, with the look-ups the deploy tests share. */
final class SamTemplate {

    static final String FUNCTION = "AWS::Serverless::Function";

    /** {@code ${Name}} or {@code ${Name.Attribute}} inside an {@code Fn::Sub} string; {@code ${!Literal}} is not a reference. */
    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final Path root;
    private final Map<String, Object> document;

    private SamTemplate(Path root, Map<String, Object> document) {
        this.root = root;
        this.document = document;
    }

    /** Loads template.yaml from the project root, found by walking up from the working directory. */
    static SamTemplate load() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no template.yaml above " + System.getProperty("user.dir"));
        }
        return load(dir);
    }

    static SamTemplate load(Path root) {
        return new SamTemplate(root, CloudFormationYaml.read(root.resolve("template.yaml")));
    }

    Path root() {
        return root;
    }

    Map<String, Object> document() {
        return document;
    }

    Map<String, Object> resources() {
        return map(document.get("Resources"));
    }

    Map<String, Object> resource(String logicalId) {
        Object resource = resources().get(logicalId);
        if (resource == null) {
            throw new AssertionError("template has no resource " + logicalId);
        }
        return map(resource);
    }

    String type(String logicalId) {
        return (String) resource(logicalId).get("Type");
    }

    /** Logical id to properties, in template order. */
    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(id, properties(id));
            }
        });
        return found;
    }

    Map<String, Object> properties(String logicalId) {
        Object properties = resource(logicalId).get("Properties");
        return properties == null ? Map.of() : map(properties);
    }

    Map<String, Object> functionGlobals() {
        Object globals = document.get("Globals");
        if (globals == null) {
            return Map.of();
        }
        Object function = map(globals).get("Function");
        return function == null ? Map.of() : map(function);
    }

    /** A function property as SAM resolves it: the function's own value, else the one in Globals. */
    Object functionProperty(String function, String name) {
        Object own = properties(function).get(name);
        return own != null ? own : functionGlobals().get(name);
    }

    /** Environment variables as SAM merges them: Globals first, the function's own on top. */
    Map<String, Object> environment(String function) {
        Map<String, Object> merged = new LinkedHashMap<>(variables(functionGlobals().get("Environment")));
        merged.putAll(variables(properties(function).get("Environment")));
        return merged;
    }

    private static Map<String, Object> variables(Object environment) {
        if (environment == null) {
            return Map.of();
        }
        Object variables = map(environment).get("Variables");
        return variables == null ? Map.of() : map(variables);
    }

    Object parameterDefault(String name) {
        return map(map(document.get("Parameters")).get(name)).get("Default");
    }

    /** The string of an {@code Fn::Sub} (short or list form), or null when the value is not one. */
    static String sub(Object value) {
        if (value instanceof Map<?, ?> function && function.size() == 1 && function.containsKey("Fn::Sub")) {
            Object body = function.get("Fn::Sub");
            if (body instanceof String text) {
                return text;
            }
            if (body instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String text) {
                return text;
            }
        }
        return null;
    }

    /**
     * What a {@code Ref}, {@code Fn::GetAtt} or single-reference {@code Fn::Sub} names: {@code ConnectFunction.Alias} for
     * {@code !Ref ConnectFunction.Alias}, {@code ConnectionsTable.Arn} for {@code !GetAtt ConnectionsTable.Arn}, {@code ChatTopic}
     * for {@code !Ref ChatTopic}; null for anything else.
     */
    static String reference(Object value) {
        if (value instanceof Map<?, ?> function && function.size() == 1) {
            if (function.get("Ref") instanceof String name) {
                return name;
            }
            if (function.get("Fn::GetAtt") instanceof List<?> parts && parts.size() == 2) {
                return parts.get(0) + "." + parts.get(1);
            }
        }
        return null;
    }

    /** Every name a Sub string references, pseudo parameters included. */
    static Set<String> subReferences(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = SUB_REFERENCE.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value instanceof List) {
            return (List<Object>) value;
        }
        return value == null ? List.of() : List.of(value);
    }
}
