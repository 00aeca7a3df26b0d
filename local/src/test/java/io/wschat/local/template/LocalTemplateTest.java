package io.wschat.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.wschat.shared.testing.Required;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalTemplateTest {

    private static final LocalNames NAMES = LocalNames.of("wschat", "local", "ws://localhost:3001");

    private static Path template(String name) throws URISyntaxException {
        return Path.of(LocalTemplateTest.class.getResource("/templates/" + name).toURI());
    }

    @Test
    void architectureTemplate_yieldsFunctionsRoutesTablesAndTopic() throws Exception {
        LocalTemplate template = LocalTemplate.load(template("wschat.yaml"), Map.of(), NAMES);

        assertThat(template.api().routeSelectionExpression()).isEqualTo("$request.body.action");
        assertThat(template.api().stage()).isEqualTo("prod");
        assertThat(template.api().routes())
                .extracting(RouteDefinition::routeKey, RouteDefinition::functionLogicalId, RouteDefinition::twoWay)
                .containsExactly(
                        tuple("$connect", "ConnectFunction", false),
                        tuple("$disconnect", "DisconnectFunction", false),
                        tuple("sendmessage", "MessageFunction", false),
                        tuple("$default", "MessageFunction", true));
        assertThat(template.tables()).extracting(TableDefinition::tableName)
                .containsExactly("wschat-connections", "MessagesTable");
        assertThat(template.topics()).extracting(TopicDefinition::topicArn)
                .containsExactly("arn:aws:sns:us-east-1:000000000000:wschat-chat-events");
    }

    @Test
    void functions_mergeGlobals_withTheirOwnSettingsWinning() throws Exception {
        LocalTemplate template = LocalTemplate.load(template("wschat.yaml"), Map.of(), NAMES);

        FunctionDefinition connect = template.function("ConnectFunction");
        assertThat(connect.handlerClass()).isEqualTo("io.wschat.connect.ConnectHandler");
        assertThat(connect.handlerMethod()).isEqualTo("handleRequest");
        assertThat(connect.timeoutSeconds()).isEqualTo(10);
        assertThat(connect.memorySizeMb()).isEqualTo(512);
        assertThat(connect.environment()).containsEntry("CONNECTIONS_TABLE", "wschat-connections")
                .containsEntry("MESSAGES_TABLE", "MessagesTable")
                .containsEntry("TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:wschat-chat-events")
                .containsEntry("HISTORY_TTL_HOURS", "24")
                .containsEntry("AUTH_MODE", "jwt");
        assertThat(template.function("DisconnectFunction").timeoutSeconds()).isEqualTo(5);
        assertThat(template.function("MessageFunction").environment())
                .containsEntry("CALLBACK_URL", "https://local.execute-api.us-east-1.amazonaws.com/prod")
                .containsEntry("FANOUT_CONCURRENCY", "32")
                .containsEntry("LOG_LEVEL", "INFO");
    }

    @Test
    void parameters_canBeOverridden() throws Exception {
        LocalTemplate template = LocalTemplate.load(template("wschat.yaml"),
                Map.of("StageName", "dev", "AuthMode", "none"), NAMES);

        assertThat(template.api().stage()).isEqualTo("dev");
        assertThat(template.function("ConnectFunction").environment()).containsEntry("AUTH_MODE", "none");
    }

    @Test
    void conditionalRoutes_disappearWithTheirCondition() throws Exception {
        LocalTemplate template = LocalTemplate.load(template("gateway-test.yaml"),
                Map.of("WithDefaultRoute", "false"), NAMES);

        assertThat(template.api().route("$default")).isEmpty();
        assertThat(template.functions()).doesNotContainKey("DefaultFunction");
        assertThat(template.api().route("echo")).hasValueSatisfying(route -> assertThat(route.twoWay()).isTrue());
        assertThat(template.api().route("$connect")).hasValueSatisfying(route ->
                assertThat(route.functionLogicalId()).isEqualTo("ConnectFunction"));
        assertThat(template.function("EchoFunction").timeoutSeconds()).isEqualTo(5);
        assertThat(template.function("HangFunction").timeoutSeconds()).isEqualTo(1);
    }

    @Test
    void projectTemplate_loadsWhenPresent() {
        Path project = Path.of("..", "template.yaml");
        Required.present(Files.isRegularFile(project),
                "no template.yaml at the repository root; it is required under CI");

        LocalTemplate template = LocalTemplate.load(project, Map.of(), NAMES);

        assertThat(template.api().route("$connect")).isPresent();
        assertThat(template.api().route("$disconnect")).isPresent();
        assertThat(template.api().route("sendmessage")).isPresent();
        assertThat(template.functions().values()).allSatisfy(function ->
                assertThat(function.environment()).containsKeys("CONNECTIONS_TABLE", "MESSAGES_TABLE", "TOPIC_ARN"));
        assertThat(template.tables()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(template.topics()).isNotEmpty();
    }

    @Test
    void projectTemplate_givesConnectTheCreatedUserPool_theGeneratedSecretsArn_orTheOutsideIdentityProvider() {
        Path project = Path.of("..", "template.yaml");
        Required.present(Files.isRegularFile(project),
                "no template.yaml at the repository root; it is required under CI");

        Map<String, String> pool = LocalTemplate.load(project, Map.of("AuthMode", "jwks", "CreateUserPool", "true"),
                NAMES).function("ConnectFunction").environment();
        Map<String, String> hs256 = LocalTemplate.load(project, Map.of(), NAMES)
                .function("ConnectFunction").environment();
        Map<String, String> outside = LocalTemplate.load(project, Map.of("AuthMode", "jwks",
                "JwksUrl", "https://idp.example/jwks.json", "JwtIssuer", "https://idp.example/",
                "JwtAudience", "chat-api", "JwtTokenUse", "id", "JwtMaxAgeSeconds", "3600"), NAMES)
                .function("ConnectFunction").environment();

        // Locally a user pool's Ref is its logical id; in AWS, the pool id and the app client id.
        assertThat(pool)
                .containsEntry("AUTH_MODE", "jwks")
                .containsEntry("JWKS_URL", "https://cognito-idp.us-east-1.amazonaws.com/UserPool/.well-known/jwks.json")
                .containsEntry("JWT_ISSUER", "https://cognito-idp.us-east-1.amazonaws.com/UserPool")
                .containsEntry("JWT_AUDIENCE", "UserPoolClient")
                .containsEntry("JWT_TOKEN_USE", "access")
                .doesNotContainKeys("JWT_SECRET", "JWT_SECRET_ARN", "JWT_MAX_AGE_SECONDS");
        assertThat(hs256)
                .containsEntry("AUTH_MODE", "hs256")
                .containsEntry("JWT_SECRET_ARN", "JwtSigningSecret")
                .doesNotContainKeys("JWT_SECRET", "JWT_MAX_AGE_SECONDS");
        assertThat(outside)
                .containsEntry("JWKS_URL", "https://idp.example/jwks.json")
                .containsEntry("JWT_ISSUER", "https://idp.example/")
                .containsEntry("JWT_AUDIENCE", "chat-api")
                .containsEntry("JWT_TOKEN_USE", "id")
                .containsEntry("JWT_MAX_AGE_SECONDS", "3600")
                .doesNotContainKeys("JWT_SECRET", "JWT_SECRET_ARN");
    }

    @Test
    void aliasInGlobals_resolvesSubAliasReferences() {
        LocalTemplate template = LocalTemplate.from(CloudFormationYaml.parse("""
                Globals:
                  Function: { AutoPublishAlias: live, Timeout: 7 }
                Resources:
                  Api: { Type: AWS::ApiGatewayV2::Api, Properties: { ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action } }
                  Fn: { Type: AWS::Serverless::Function, Properties: { Handler: a.B::handleRequest } }
                  Integration:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                      IntegrationType: AWS_PROXY
                      IntegrationUri: !Sub "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Alias}/invocations"
                  Route: { Type: AWS::ApiGatewayV2::Route, Properties: { ApiId: !Ref Api, RouteKey: $connect, Target: !Sub "integrations/${Integration}" } }
                """), Map.of(), NAMES);

        assertThat(template.api().route("$connect")).hasValueSatisfying(route ->
                assertThat(route.functionLogicalId()).isEqualTo("Fn"));
        assertThat(template.function("Fn").timeoutSeconds()).isEqualTo(7);
    }

    @Test
    void functionsWithoutTimeoutOrMemory_getSamDefaults() {
        LocalTemplate template = LocalTemplate.from(CloudFormationYaml.parse("""
                Resources:
                  Api: { Type: AWS::ApiGatewayV2::Api, Properties: { ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.type } }
                  Fn: { Type: AWS::Lambda::Function, Properties: { Handler: a.B } }
                """), Map.of(), NAMES);

        assertThat(template.function("Fn").timeoutSeconds()).isEqualTo(3);
        assertThat(template.function("Fn").memorySizeMb()).isEqualTo(128);
        assertThat(template.function("Fn").handlerMethod()).isEqualTo("handleRequest");
        assertThat(template.api().stage()).isEqualTo("local");
        assertThat(template.api().routes()).isEmpty();
    }
}
