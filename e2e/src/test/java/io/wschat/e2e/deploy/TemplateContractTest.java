package io.wschat.e2e.deploy;

import static io.wschat.e2e.deploy.SamTemplate.FUNCTION;
import static io.wschat.e2e.deploy.SamTemplate.list;
import static io.wschat.e2e.deploy.SamTemplate.map;
import static io.wschat.e2e.deploy.SamTemplate.reference;
import static io.wschat.e2e.deploy.SamTemplate.sub;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.wschat.shared.Dependencies;
import io.wschat.shared.testing.Required;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** template.yaml against the contract in docs/ARCHITECTURE.md and the handler classes on the classpath. */
class TemplateContractTest {

    private static final String CONNECT = "io.wschat.connect.ConnectHandler";
    private static final String DISCONNECT = "io.wschat.disconnect.DisconnectHandler";
    private static final String MESSAGE = "io.wschat.message.MessageHandler";

    /** Every route of the chat protocol and the handler that serves it. */
    private static final Map<String, String> ROUTE_HANDLERS = Map.ofEntries(
            entry("$connect", CONNECT),
            entry("$disconnect", DISCONNECT),
            entry("sendmessage", MESSAGE),
            entry("join", MESSAGE),
            entry("leave", MESSAGE),
            entry("whisper", MESSAGE),
            entry("history", MESSAGE),
            entry("who", MESSAGE),
            entry("rename", MESSAGE),
            entry("resume", MESSAGE),
            entry("edit", MESSAGE),
            entry("delete", MESSAGE),
            entry("typing", MESSAGE),
            entry("read", MESSAGE),
            entry("$default", MESSAGE));

    private static final Pattern INTEGRATION_URI = Pattern.compile(
            "arn:\\$\\{AWS::Partition}:apigateway:\\$\\{AWS::Region}:lambda:path/2015-03-31/functions/"
                    + "\\$\\{(\\w+)\\.(Alias|Arn)}/invocations");
    private static final String EXECUTE_API_PREFIX = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ChatApi}/";

    private static final SamTemplate TEMPLATE = SamTemplate.load();

    @Test
    void handlers_areRequestStreamHandlers_withRuntimeAndDependenciesConstructors() throws Exception {
        Map<String, Map<String, Object>> functions = TEMPLATE.resourcesOfType(FUNCTION);
        assertThat(functions).isNotEmpty();

        for (String function : functions.keySet()) {
            String handler = (String) TEMPLATE.functionProperty(function, "Handler");
            assertThat(handler).as("%s Handler", function).matches("[\\w.]+::\\w+");
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            String method = handler.substring(handler.indexOf("::") + 2);

            assertThat(RequestStreamHandler.class).as("%s implements RequestStreamHandler", type.getName())
                    .isAssignableFrom(type);
            assertThat(Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers()))
                    .as("%s is a public concrete class", type.getName()).isTrue();
            assertThat(publicConstructor(type)).as("%s() for the Lambda runtime", type.getName()).isNotNull();
            assertThat(publicConstructor(type, Dependencies.class))
                    .as("%s(Dependencies) for tests and the local runtime", type.getName()).isNotNull();
            assertThat(type.getMethod(method, InputStream.class, OutputStream.class, Context.class))
                    .as("%s has the runtime's %s(InputStream, OutputStream, Context)", type.getName(), method)
                    .isNotNull();
        }
    }

    @Test
    void codeUri_isTheShadedJarOfTheModuleHoldingTheHandler() throws IOException {
        for (String function : TEMPLATE.resourcesOfType(FUNCTION).keySet()) {
            String handler = (String) TEMPLATE.functionProperty(function, "Handler");
            Matcher handlerPackage = Pattern.compile("io\\.wschat\\.(\\w+)\\.\\w+::\\w+").matcher(handler);
            assertThat(handlerPackage.matches()).as("%s handler %s is in io.wschat.<module>", function, handler).isTrue();
            String module = handlerPackage.group(1);

            assertThat(TEMPLATE.functionProperty(function, "CodeUri")).as("%s CodeUri", function)
                    .isEqualTo(module + "/target/" + module + ".jar");
            // The parent's pluginManagement names the shaded jar after the module's artifactId.
            String pom = Files.readString(TEMPLATE.root().resolve(module).resolve("pom.xml"));
            assertThat(pom).as("%s/pom.xml shades to target/%s.jar", module, module)
                    .contains("maven-shade-plugin")
                    .contains("<artifactId>" + module + "</artifactId>");
            assertThat(Files.readString(TEMPLATE.root().resolve("pom.xml")))
                    .as("the parent pom names each shaded jar after its module")
                    .contains("<finalName>${project.artifactId}</finalName>");
            assertThat(Files.isRegularFile(TEMPLATE.root().resolve(module).resolve(
                    "src/main/java/" + handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".java")))
                    .as("%s source lives in module %s", handler, module).isTrue();
        }
    }

    @Test
    void codeUriJar_holdsTheHandlerAndTheSharedCode_onceBuilt() throws IOException {
        for (String function : TEMPLATE.resourcesOfType(FUNCTION).keySet()) {
            Path jar = TEMPLATE.root().resolve((String) TEMPLATE.functionProperty(function, "CodeUri"));
            Required.present(Files.isRegularFile(jar), jar + " is not built; mvn package builds it before this"
                    + " module's tests in a full build, and under CI (.ci/run runs mvn verify) it is required");
            String handler = (String) TEMPLATE.functionProperty(function, "Handler");
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                assertThat(zip.getEntry(handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".class"))
                        .as("%s in %s", handler, jar).isNotNull();
                assertThat(zip.getEntry(Dependencies.class.getName().replace('.', '/') + ".class"))
                        .as("shared code shaded into %s", jar).isNotNull();
            }
        }
    }

    @Test
    void api_isWebSocket_routingOnTheBodysAction() {
        Map<String, Object> api = TEMPLATE.properties("ChatApi");

        assertThat(TEMPLATE.type("ChatApi")).isEqualTo("AWS::ApiGatewayV2::Api");
        assertThat(api.get("ProtocolType")).isEqualTo("WEBSOCKET");
        assertThat(api.get("RouteSelectionExpression")).isEqualTo("$request.body.action");
    }

    @Test
    void routes_areExactlyTheChatProtocolRoutes_eachOnItsHandler() {
        Map<String, String> routed = new LinkedHashMap<>();
        TEMPLATE.resourcesOfType("AWS::ApiGatewayV2::Route").forEach((id, route) -> {
            assertThat(reference(route.get("ApiId"))).as("%s ApiId", id).isEqualTo("ChatApi");
            String function = functionOf(integrationOf(id));
            String handler = (String) TEMPLATE.functionProperty(function, "Handler");
            routed.put((String) route.get("RouteKey"), handler.substring(0, handler.indexOf("::")));
        });

        assertThat(routed).isEqualTo(ROUTE_HANDLERS);
    }

    @Test
    void integrations_areLambdaProxy_invokingThePublishedAlias_whenSnapStartIsOn() {
        Map<String, Map<String, Object>> integrations = TEMPLATE.resourcesOfType("AWS::ApiGatewayV2::Integration");
        assertThat(integrations).isNotEmpty();

        integrations.forEach((id, integration) -> {
            assertThat(reference(integration.get("ApiId"))).as("%s ApiId", id).isEqualTo("ChatApi");
            assertThat(integration.get("IntegrationType")).as("%s IntegrationType", id).isEqualTo("AWS_PROXY");
            Matcher uri = integrationUri(id);
            String function = uri.group(1);
            assertThat(TEMPLATE.type(function)).as("%s invokes a function of this template", id).isEqualTo(FUNCTION);

            Object snapStart = TEMPLATE.functionProperty(function, "SnapStart");
            if (snapStart != null && "PublishedVersions".equals(map(snapStart).get("ApplyOn"))) {
                assertThat(uri.group(2)).as("%s: SnapStart only runs on published versions, so invoke the alias", id)
                        .isEqualTo("Alias");
            }
            if (uri.group(2).equals("Alias")) {
                assertThat(TEMPLATE.functionProperty(function, "AutoPublishAlias")).as("%s AutoPublishAlias", function).isNotNull();
            }
        });
    }

    @Test
    void everyRoutedFunction_mayBeInvokedByThisApi_onEachOfItsRoutes() {
        String stage = (String) TEMPLATE.parameterDefault("StageName");
        Map<String, Map<String, Object>> permissions = TEMPLATE.resourcesOfType("AWS::Lambda::Permission");

        TEMPLATE.resourcesOfType("AWS::ApiGatewayV2::Route").forEach((routeId, route) -> {
            String routeKey = (String) route.get("RouteKey");
            Matcher uri = integrationUri(integrationOf(routeId));
            String invoked = uri.group(2).equals("Alias") ? uri.group(1) + ".Alias" : uri.group(1);

            List<String> granting = new ArrayList<>();
            permissions.forEach((id, permission) -> {
                String sourceArn = sub(permission.get("SourceArn"));
                if (invoked.equals(invokedName(permission.get("FunctionName")))
                        && "lambda:InvokeFunction".equals(permission.get("Action"))
                        && "apigateway.amazonaws.com".equals(permission.get("Principal"))
                        && sourceArn != null && sourceArn.startsWith(EXECUTE_API_PREFIX)
                        && glob(sourceArn.substring(EXECUTE_API_PREFIX.length()).replace("${StageName}", stage))
                                .matcher(stage + "/" + routeKey).matches()) {
                    granting.add(id);
                }
            });
            assertThat(granting).as("a permission lets ChatApi invoke %s for route %s", invoked, routeKey).isNotEmpty();
        });
    }

    @Test
    void everyPermission_isScopedToThisApi() {
        TEMPLATE.resourcesOfType("AWS::Lambda::Permission").forEach((id, permission) -> {
            assertThat(permission.get("Principal")).as("%s Principal", id).isEqualTo("apigateway.amazonaws.com");
            assertThat(sub(permission.get("SourceArn"))).as("%s SourceArn", id).startsWith(EXECUTE_API_PREFIX);
        });
    }

    @Test
    void stage_isDeployedAfterEveryRoute_withThrottlingAndNoDataTrace() {
        Map<String, Map<String, Object>> stages = TEMPLATE.resourcesOfType("AWS::ApiGatewayV2::Stage");
        assertThat(stages).hasSize(1);
        Map<String, Object> stage = stages.values().iterator().next();

        assertThat(reference(stage.get("ApiId"))).isEqualTo("ChatApi");
        assertThat(reference(stage.get("StageName"))).isEqualTo("StageName");
        String deployment = reference(stage.get("DeploymentId"));
        assertThat(TEMPLATE.type(deployment)).isEqualTo("AWS::ApiGatewayV2::Deployment");
        assertThat(list(TEMPLATE.resource(deployment).get("DependsOn")))
                .as("a deployment taken before a route exists would leave the route out")
                .containsAll(TEMPLATE.resourcesOfType("AWS::ApiGatewayV2::Route").keySet());

        Map<String, Object> settings = map(stage.get("DefaultRouteSettings"));
        assertThat(settings.get("DataTraceEnabled")).as("data trace logs message bodies and tokens").isEqualTo(false);
        assertThat(settings.get("ThrottlingBurstLimit")).isInstanceOf(Integer.class);
        assertThat(settings.get("ThrottlingRateLimit")).isInstanceOf(Number.class);
    }

    @Test
    void connectionsTable_matchesTheDataModel() {
        Map<String, Object> table = table("ConnectionsTable");

        assertThat(keySchema(table.get("KeySchema"))).containsExactly(entry("connectionId", "HASH"));
        assertThat(attributeTypes(table)).containsOnly(entry("connectionId", "S"), entry("room", "S"), entry("userId", "S"));
        Map<String, Map<String, Object>> indexes = new LinkedHashMap<>();
        list(table.get("GlobalSecondaryIndexes")).forEach(index -> indexes.put((String) map(index).get("IndexName"), map(index)));
        assertThat(indexes).containsOnlyKeys("room-index", "user-index");

        Map<String, Object> room = indexes.get("room-index");
        assertThat(keySchema(room.get("KeySchema"))).containsExactly(entry("room", "HASH"), entry("connectionId", "RANGE"));
        assertThat(map(room.get("Projection")).get("ProjectionType")).isEqualTo("INCLUDE");
        assertThat(list(map(room.get("Projection")).get("NonKeyAttributes")))
                .containsExactlyInAnyOrder("name", "userId", "expiresAt");

        Map<String, Object> user = indexes.get("user-index");
        assertThat(keySchema(user.get("KeySchema"))).containsExactly(entry("userId", "HASH"), entry("connectionId", "RANGE"));
        assertThat(map(user.get("Projection")).get("ProjectionType")).isEqualTo("INCLUDE");
        assertThat(list(map(user.get("Projection")).get("NonKeyAttributes"))).containsExactly("expiresAt");
    }

    @Test
    void messagesTable_matchesTheDataModel() {
        Map<String, Object> table = table("MessagesTable");

        assertThat(keySchema(table.get("KeySchema"))).containsExactly(entry("room", "HASH"), entry("seq", "RANGE"));
        assertThat(attributeTypes(table)).containsOnly(entry("room", "S"), entry("seq", "N"));
        assertThat(table.get("GlobalSecondaryIndexes")).isNull();
    }

    @Test
    void everyFunction_isConfiguredWithThisStacksTablesAndTopic() {
        for (String function : TEMPLATE.resourcesOfType(FUNCTION).keySet()) {
            Map<String, Object> environment = TEMPLATE.environment(function);

            assertThat(reference(environment.get("CONNECTIONS_TABLE"))).as("%s CONNECTIONS_TABLE", function).isEqualTo("ConnectionsTable");
            assertThat(reference(environment.get("MESSAGES_TABLE"))).as("%s MESSAGES_TABLE", function).isEqualTo("MessagesTable");
            assertThat(reference(environment.get("TOPIC_ARN"))).as("%s TOPIC_ARN", function).isEqualTo("ChatTopic");
        }
        assertThat(TEMPLATE.type("ConnectionsTable")).isEqualTo("AWS::DynamoDB::Table");
        assertThat(TEMPLATE.type("MessagesTable")).isEqualTo("AWS::DynamoDB::Table");
        assertThat(TEMPLATE.type("ChatTopic")).isEqualTo("AWS::SNS::Topic");
    }

    @Test
    void tuningParameters_reachEveryFunction() {
        Map<String, String> tuning = Map.of(
                "HISTORY_TTL_HOURS", "HistoryTtlHours",
                "RATE_LIMIT_MESSAGES", "RateLimitMessages",
                "RATE_LIMIT_WINDOW_SECONDS", "RateLimitWindowSeconds",
                "PRESENCE_NOTICE_MAX_MEMBERS", "PresenceNoticeMaxMembers");
        for (String function : TEMPLATE.resourcesOfType(FUNCTION).keySet()) {
            Map<String, Object> environment = TEMPLATE.environment(function);
            tuning.forEach((variable, parameter) -> {
                assertThat(reference(environment.get(variable))).as("%s %s", function, variable).isEqualTo(parameter);
                assertThat(TEMPLATE.parameterDefault(parameter)).as("%s default", parameter).isNotNull();
            });
        }
    }

    @Test
    void everyFunctionJvm_neverResendsAPostByItself_asTheBuildsTestJvmsAndRunLocalDo() throws IOException {
        String setting = "-Dsun.net.http.retryPost=false";
        for (String function : TEMPLATE.resourcesOfType(FUNCTION).keySet()) {
            assertThat(TEMPLATE.environment(function).get("JAVA_TOOL_OPTIONS")).as("%s JAVA_TOOL_OPTIONS", function)
                    .asString().contains(setting);
        }
        assertThat(System.getProperty("sun.net.http.retryPost")).as("this test JVM").isEqualTo("false");
        assertThat(Files.readString(TEMPLATE.root().resolve("run-local"))).contains(setting);
        assertThat(Files.readString(TEMPLATE.root().resolve("run-bench"))).contains(setting);
    }

    @Test
    void runtime_isAJavaRuntimeThatRunsTheCompiledBytecode() throws IOException {
        Matcher release = Pattern.compile("<maven\\.compiler\\.release>(\\d+)</maven\\.compiler\\.release>")
                .matcher(Files.readString(TEMPLATE.root().resolve("pom.xml")));
        assertThat(release.find()).as("root pom sets maven.compiler.release").isTrue();

        for (String function : TEMPLATE.resourcesOfType(FUNCTION).keySet()) {
            Object runtime = TEMPLATE.functionProperty(function, "Runtime");
            assertThat(runtime).as("%s Runtime", function).asString().matches("java\\d+");
            assertThat(Integer.parseInt(((String) runtime).substring("java".length())))
                    .as("%s runs bytecode compiled for Java %s", function, release.group(1))
                    .isGreaterThanOrEqualTo(Integer.parseInt(release.group(1)));
        }
    }

    @Test
    void outputs_giveTheWebSocketAndCallbackUrlsOfTheStage() {
        Map<String, Object> outputs = map(TEMPLATE.document().get("Outputs"));
        String host = "${ChatApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${StageName}";

        assertThat(sub(map(outputs.get("WebSocketUrl")).get("Value"))).isEqualTo("wss://" + host);
        assertThat(sub(map(outputs.get("CallbackUrl")).get("Value"))).isEqualTo("https://" + host);
        assertThat(reference(map(outputs.get("TopicArn")).get("Value"))).isEqualTo("ChatTopic");
        assertThat(reference(map(outputs.get("ConnectionsTableName")).get("Value"))).isEqualTo("ConnectionsTable");
        assertThat(reference(map(outputs.get("MessagesTableName")).get("Value"))).isEqualTo("MessagesTable");
    }

    private static Constructor<?> publicConstructor(Class<?> type, Class<?>... parameters) {
        try {
            Constructor<?> constructor = type.getConstructor(parameters);
            return Modifier.isPublic(constructor.getModifiers()) ? constructor : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The integration a route targets, checked to be one of this template's. */
    private static String integrationOf(String routeId) {
        String target = sub(TEMPLATE.properties(routeId).get("Target"));
        assertThat(target).as("%s Target", routeId).matches("integrations/\\$\\{\\w+}");
        String integration = target.substring("integrations/${".length(), target.length() - 1);
        assertThat(TEMPLATE.type(integration)).as("%s targets an integration", routeId).isEqualTo("AWS::ApiGatewayV2::Integration");
        return integration;
    }

    private static Matcher integrationUri(String integrationId) {
        String uri = sub(TEMPLATE.properties(integrationId).get("IntegrationUri"));
        assertThat(uri).as("%s IntegrationUri", integrationId).isNotNull();
        Matcher matcher = INTEGRATION_URI.matcher(uri);
        assertThat(matcher.matches()).as("%s IntegrationUri %s invokes a function of this template", integrationId, uri).isTrue();
        return matcher;
    }

    private static String functionOf(String integrationId) {
        String function = integrationUri(integrationId).group(1);
        assertThat(TEMPLATE.type(function)).as("%s invokes a function of this template", integrationId).isEqualTo(FUNCTION);
        return function;
    }

    /** {@code ConnectFunction.Alias} for the alias, {@code ConnectFunction} for the unqualified function. */
    private static String invokedName(Object functionName) {
        String name = reference(functionName);
        return name != null && name.endsWith(".Arn") ? name.substring(0, name.length() - ".Arn".length()) : name;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }

    private static Map<String, Object> table(String logicalId) {
        assertThat(TEMPLATE.type(logicalId)).isEqualTo("AWS::DynamoDB::Table");
        Map<String, Object> table = TEMPLATE.properties(logicalId);
        assertThat(table.get("BillingMode")).as("%s BillingMode", logicalId).isEqualTo("PAY_PER_REQUEST");
        Map<String, Object> ttl = map(table.get("TimeToLiveSpecification"));
        assertThat(ttl.get("AttributeName")).as("%s TTL attribute", logicalId).isEqualTo("expiresAt");
        assertThat(ttl.get("Enabled")).as("%s TTL enabled", logicalId).isEqualTo(true);
        return table;
    }

    private static Map<String, String> keySchema(Object schema) {
        Map<String, String> keys = new LinkedHashMap<>();
        list(schema).forEach(key -> keys.put((String) map(key).get("AttributeName"), (String) map(key).get("KeyType")));
        return keys;
    }

    private static Map<String, String> attributeTypes(Map<String, Object> table) {
        Map<String, String> types = new LinkedHashMap<>();
        list(table.get("AttributeDefinitions")).forEach(a -> types.put((String) map(a).get("AttributeName"), (String) map(a).get("AttributeType")));
        return types;
    }
}
