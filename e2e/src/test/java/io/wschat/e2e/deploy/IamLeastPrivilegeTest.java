package io.wschat.e2e.deploy;

import static io.wschat.e2e.deploy.SamTemplate.FUNCTION;
import static io.wschat.e2e.deploy.SamTemplate.list;
import static io.wschat.e2e.deploy.SamTemplate.map;
import static io.wschat.e2e.deploy.SamTemplate.reference;
import static io.wschat.e2e.deploy.SamTemplate.sub;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each function's IAM policy grants what its handler needs, on this stack's resources only. */
class IamLeastPrivilegeTest {

    private static final String CONNECTIONS = "ConnectionsTable";
    private static final String ROOM_INDEX = "ConnectionsTable/index/room-index";
    private static final String USER_INDEX = "ConnectionsTable/index/user-index";
    private static final String MESSAGES = "MessagesTable";
    private static final String TOPIC = "ChatTopic";
    private static final String POST_TO_CONNECTIONS = "ChatApi/${StageName}/POST/@connections/*";
    private static final String JWT_SECRET = "JwtSigningSecret";

    /**
     * What each handler does: Connect registers the connection and announces it to the room (removing rows of members a
     * post finds gone) and counts it in its user's row of open connections (GetItem, UpdateItem, and BatchGetItem to
     * check a full row against the connection rows); Disconnect removes it (reading the row through DeleteItem's
     * ALL_OLD), gives its place in the user's row back (UpdateItem) and announces the leave;
     * Message serves every chat action: the rate limit counter, join and rename are UpdateItems, the room and user
     * lookups Query the indexes, history reads and writes the messages table (a message is stored in one
     * TransactWriteItems with its room's counter, a PutItem and an UpdateItem; the counter is read with GetItem; edit
     * and delete are UpdateItems). Connect alone reads the HS256 key, once at start-up, and only that one secret (a
     * grant the template adds only when it creates the secret). A change here is a change to what the code may do.
     */
    private static final Map<String, Set<String>> EXPECTED_GRANTS = Map.of(
            "ConnectFunction", Set.of(
                    "dynamodb:PutItem on " + CONNECTIONS,
                    "dynamodb:DeleteItem on " + CONNECTIONS,
                    "dynamodb:GetItem on " + CONNECTIONS,
                    "dynamodb:UpdateItem on " + CONNECTIONS,
                    "dynamodb:BatchGetItem on " + CONNECTIONS,
                    "dynamodb:Query on " + ROOM_INDEX,
                    "sns:Publish on " + TOPIC,
                    "execute-api:ManageConnections on " + POST_TO_CONNECTIONS,
                    "secretsmanager:GetSecretValue on " + JWT_SECRET + " if GeneratesJwtSecret"),
            "DisconnectFunction", Set.of(
                    "dynamodb:DeleteItem on " + CONNECTIONS,
                    "dynamodb:UpdateItem on " + CONNECTIONS,
                    "dynamodb:Query on " + ROOM_INDEX,
                    "sns:Publish on " + TOPIC,
                    "execute-api:ManageConnections on " + POST_TO_CONNECTIONS),
            "MessageFunction", Set.of(
                    "dynamodb:UpdateItem on " + CONNECTIONS,
                    "dynamodb:DeleteItem on " + CONNECTIONS,
                    "dynamodb:Query on " + ROOM_INDEX,
                    "dynamodb:Query on " + USER_INDEX,
                    "dynamodb:PutItem on " + MESSAGES,
                    "dynamodb:UpdateItem on " + MESSAGES,
                    "dynamodb:GetItem on " + MESSAGES,
                    "dynamodb:Query on " + MESSAGES,
                    "sns:Publish on " + TOPIC,
                    "execute-api:ManageConnections on " + POST_TO_CONNECTIONS));

    /**
     * Services a function's statements may call at all. X-Ray is not among them: with {@code Tracing} set, SAM attaches
     * the AWS managed policy {@code AWSXrayWriteOnlyAccess} to each role it generates (aws-sam-translator's
     * {@code _construct_role}), so a statement of the template's own would only grant the same again.
     */
    private static final Set<String> SERVICES = Set.of("dynamodb", "sns", "execute-api", "secretsmanager");

    /** Actions AWS only authorises on Resource "*"; none of the functions' statements needs one. */
    private static final Set<String> WILDCARD_RESOURCE_ALLOWED = Set.of();

    /** The one IAM resource of the template: API Gateway's account-wide CloudWatch Logs role, when asked for. */
    private static final String API_GATEWAY_LOGGING_ROLE = "ApiGatewayCloudWatchRole";

    private static final String EXECUTE_API_PREFIX = "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ChatApi}/";
    private static final Pattern TABLE_SUB = Pattern.compile("\\$\\{(\\w+)\\.Arn}(?:/index/([\\w.-]+))?");

    private static final SamTemplate TEMPLATE = SamTemplate.load();

    @Test
    void functionPolicies_areInlineStatements_notManagedPoliciesOrRoles() {
        TEMPLATE.resources().forEach((id, r) -> {
            if (!id.equals(API_GATEWAY_LOGGING_ROLE)) {
                assertThat(String.valueOf(map(r).get("Type"))).as("%s: IAM resources would escape these checks", id)
                        .doesNotStartWith("AWS::IAM::");
            }
        });
        assertThat(TEMPLATE.functionGlobals()).doesNotContainKeys("Policies", "Role");

        for (String function : TEMPLATE.resourcesOfType(FUNCTION).keySet()) {
            Map<String, Object> properties = TEMPLATE.properties(function);
            assertThat(properties).as("%s brings its own role", function).doesNotContainKey("Role");
            List<Object> policies = list(properties.get("Policies"));
            assertThat(policies).as("%s Policies", function).isNotEmpty();
            for (Object policy : policies) {
                assertThat(policy).as("%s: a managed policy or SAM policy template instead of statements", function)
                        .isInstanceOf(Map.class);
                assertThat(map(policy)).as("%s policy document", function).containsKey("Statement");
            }
        }
    }

    @Test
    void noStatement_allowsEveryActionOrEveryResource() {
        forEachStatement((function, statement) -> {
            assertThat(statement).as("%s: NotAction / NotResource grant everything else", function)
                    .doesNotContainKeys("NotAction", "NotResource");
            List<Object> actions = list(statement.get("Action"));
            assertThat(actions).as("%s actions", function).isNotEmpty()
                    .allSatisfy(action -> assertThat((String) action).as("%s action", function).doesNotContain("*"));
            for (Object resource : list(statement.get("Resource"))) {
                if ("*".equals(resource)) {
                    assertThat(actions).as("%s: Resource \"*\" only for actions without resource-level permissions", function)
                            .allMatch(WILDCARD_RESOURCE_ALLOWED::contains);
                }
            }
        });
    }

    @Test
    void functions_callOnlyTheServicesTheChatUses() {
        forEachStatement((function, statement) -> list(statement.get("Action")).forEach(action ->
                assertThat(((String) action).split(":")[0]).as("%s action %s", function, action).isIn(SERVICES)));
    }

    @Test
    void manageConnections_isScopedToThisApisStage_andItsConnectionsEndpoint() {
        forEachStatement((function, statement) -> {
            if (list(statement.get("Action")).stream().anyMatch(a -> ((String) a).startsWith("execute-api:"))) {
                assertThat(list(statement.get("Action"))).as("%s", function).containsOnly("execute-api:ManageConnections");
                for (Object resource : list(statement.get("Resource"))) {
                    assertThat(sub(resource)).as("%s ManageConnections resource", function)
                            .isIn(EXECUTE_API_PREFIX + "${StageName}/POST/@connections/*",
                                    EXECUTE_API_PREFIX + "${StageName}/GET/@connections/*");
                }
            }
        });
    }

    @Test
    void dynamodbActions_onlyOnThisStacksTablesAndTheirIndexes() {
        forEachStatement((function, statement) -> {
            if (list(statement.get("Action")).stream().anyMatch(a -> ((String) a).startsWith("dynamodb:"))) {
                for (Object resource : list(statement.get("Resource"))) {
                    String name = resourceName(resource);
                    String[] parts = name.split("/index/", 2);
                    assertThat(TEMPLATE.resources().containsKey(parts[0]) && "AWS::DynamoDB::Table".equals(TEMPLATE.type(parts[0])))
                            .as("%s: %s is a table of this template", function, name).isTrue();
                    if (parts.length == 2) {
                        assertThat(indexNames(parts[0])).as("%s: index of %s", function, name).contains(parts[1]);
                    }
                }
            }
        });
    }

    @Test
    void snsActions_areOnlyPublish_onTheChatTopic() {
        forEachStatement((function, statement) -> {
            if (list(statement.get("Action")).stream().anyMatch(a -> ((String) a).startsWith("sns:"))) {
                assertThat(list(statement.get("Action"))).as("%s", function).containsOnly("sns:Publish");
                assertThat(list(statement.get("Resource"))).as("%s sns resources", function)
                        .allMatch(resource -> TOPIC.equals(reference(resource)));
            }
        });
    }

    @Test
    void noFunction_scansATable() {
        forEachStatement((function, statement) -> assertThat(list(statement.get("Action")))
                .as("%s: a broadcast must Query room-index, never Scan every connection", function)
                .doesNotContain("dynamodb:Scan"));
    }

    @Test
    void eachFunction_hasExactlyTheGrantsItsHandlerNeeds() {
        Map<String, Set<String>> grants = new LinkedHashMap<>();
        TEMPLATE.resourcesOfType(FUNCTION).keySet().forEach(function -> grants.put(function, new LinkedHashSet<>()));
        forEachStatement((function, condition, statement) -> {
            if ("Allow".equals(statement.get("Effect"))) {
                for (Object action : list(statement.get("Action"))) {
                    for (Object resource : list(statement.get("Resource"))) {
                        grants.get(function).add(action + " on " + resourceName(resource)
                                + (condition == null ? "" : " if " + condition));
                    }
                }
            }
        });

        assertThat(grants).isEqualTo(EXPECTED_GRANTS);
    }

    @Test
    void jwtSettings_reachOnlyTheFunctionThatChecksTokens_andTheKeyIsNeverAParameterOrInAnEnvironment() {
        assertThat(TEMPLATE.functionGlobals().toString()).doesNotContain("JWT_");
        for (String function : TEMPLATE.resourcesOfType(FUNCTION).keySet()) {
            Map<String, Object> environment = TEMPLATE.environment(function);
            assertThat(environment).as("%s environment", function).doesNotContainKey("JWT_SECRET");
            if (function.equals("ConnectFunction")) {
                assertThat(reference(environment.get("AUTH_MODE"))).isEqualTo("AuthMode");
                assertThat(environment.get("JWT_SECRET_ARN")).isEqualTo(Map.of("Fn::If", List.of(
                        "GeneratesJwtSecret", Map.of("Ref", JWT_SECRET), Map.of("Ref", "AWS::NoValue"))));
            } else {
                assertThat(environment.keySet()).as("%s environment", function).noneMatch(n -> n.startsWith("JWT_"));
            }
        }
        assertThat(map(TEMPLATE.document().get("Parameters")).keySet()).as("parameters")
                .noneMatch(name -> name.toLowerCase(Locale.ROOT).contains("secret"));
    }

    @Test
    void hs256Key_isGeneratedBySecretsManager_longAndWithoutPunctuation() {
        Map<String, Object> secret = TEMPLATE.resource(JWT_SECRET);
        Map<String, Object> generate = map(TEMPLATE.properties(JWT_SECRET).get("GenerateSecretString"));

        assertThat(secret.get("Type")).isEqualTo("AWS::SecretsManager::Secret");
        assertThat(secret.get("Condition")).isEqualTo("GeneratesJwtSecret");
        assertThat(map(map(TEMPLATE.document().get("Conditions")).get("GeneratesJwtSecret")))
                .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "AuthMode"), "hs256")));
        assertThat(generate.get("ExcludePunctuation")).isEqualTo(true);
        assertThat(((Number) generate.get("PasswordLength")).intValue()).isGreaterThanOrEqualTo(32);
        assertThat(generate).as("the whole string is the key, not a JSON document")
                .doesNotContainKeys("SecretStringTemplate", "GenerateStringKey");
        assertThat(TEMPLATE.properties(JWT_SECRET)).doesNotContainKey("SecretString");
    }

    /**
     * Tracing's grant is SAM's, not the template's: SAM adds {@code AWSXrayWriteOnlyAccess} (xray:PutTraceSegments and
     * xray:PutTelemetryRecords, which Lambda needs to send the traces, and the sampling rule reads GetSamplingRules,
     * GetSamplingTargets and GetSamplingStatisticSummaries) to each role it generates; it cannot be narrowed without
     * giving each function a role of its own.
     */
    @Test
    void tracing_isActive_andGrantedOnlyBySamsXrayPolicy_noStatementAddsXray() {
        assertThat(TEMPLATE.functionGlobals().get("Tracing")).isEqualTo("Active");
        forEachStatement((function, statement) -> assertThat(list(statement.get("Action")))
                .as("%s: SAM grants X-Ray already", function)
                .noneMatch(action -> ((String) action).startsWith("xray:")));
        for (String function : TEMPLATE.resourcesOfType(FUNCTION).keySet()) {
            assertThat(TEMPLATE.properties(function)).as("%s: a role of its own gets no X-Ray policy from SAM", function)
                    .doesNotContainKey("Role");
        }
    }

    /**
     * CreateApiGatewayLoggingRole=true: API Gateway, and only API Gateway, assumes the role, which holds the AWS managed
     * policy made for it. It is the account's role for every API in the region (AWS::ApiGateway::Account), so it cannot
     * be narrowed to this stack's log group without breaking the logging of the account's other APIs.
     */
    @Test
    void apiGatewayLoggingRole_isAssumedOnlyByApiGateway_withThePushToCloudWatchLogsPolicy_onlyWhenAskedFor() {
        Map<String, Object> role = TEMPLATE.resource(API_GATEWAY_LOGGING_ROLE);
        Map<String, Object> properties = TEMPLATE.properties(API_GATEWAY_LOGGING_ROLE);

        assertThat(role.get("Type")).isEqualTo("AWS::IAM::Role");
        assertThat(role.get("Condition")).isEqualTo("CreatesApiGatewayLoggingRole");
        assertThat(map(map(TEMPLATE.document().get("Conditions")).get("CreatesApiGatewayLoggingRole")))
                .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "CreateApiGatewayLoggingRole"), "true")));
        List<Object> trust = list(map(properties.get("AssumeRolePolicyDocument")).get("Statement"));
        assertThat(trust).singleElement().isEqualTo(Map.of("Effect", "Allow",
                "Principal", Map.of("Service", "apigateway.amazonaws.com"), "Action", "sts:AssumeRole"));
        assertThat(list(properties.get("ManagedPolicyArns"))).extracting(SamTemplate::sub).containsExactly(
                "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs");
        assertThat(properties).doesNotContainKeys("Policies", "RoleName");
        assertThat(TEMPLATE.resourcesOfType("AWS::ApiGateway::Account").keySet()).containsExactly("ApiGatewayAccount");
    }

    private interface StatementCheck {
        void check(String function, Map<String, Object> statement);
    }

    private interface ConditionalStatementCheck {
        /** {@code condition}: the template condition the statement exists under, or null. */
        void check(String function, String condition, Map<String, Object> statement);
    }

    private static void forEachStatement(StatementCheck check) {
        forEachStatement((function, condition, statement) -> check.check(function, statement));
    }

    /**
     * Every statement of every function, a conditional one ({@code !If [condition, statement, !Ref AWS::NoValue]})
     * with its condition; any other intrinsic in place of a statement fails the test, since these checks could not
     * see through it.
     */
    private static void forEachStatement(ConditionalStatementCheck check) {
        List<String> functions = new ArrayList<>(TEMPLATE.resourcesOfType(FUNCTION).keySet());
        assertThat(functions).isNotEmpty();
        for (String function : functions) {
            for (Object policy : list(TEMPLATE.properties(function).get("Policies"))) {
                if (policy instanceof Map<?, ?>) {
                    for (Object statement : list(map(policy).get("Statement"))) {
                        Map<String, Object> entry = map(statement);
                        if (entry.containsKey("Fn::If")) {
                            List<Object> branches = list(entry.get("Fn::If"));
                            assertThat(branches).as("%s conditional statement", function).hasSize(3);
                            assertThat(branches.get(2)).as("%s: a conditional statement is there or not at all",
                                    function).isEqualTo(Map.of("Ref", "AWS::NoValue"));
                            check.check(function, (String) branches.get(0), map(branches.get(1)));
                        } else {
                            assertThat(entry.keySet()).as("%s statement", function).noneMatch(k -> k.startsWith("Fn::"));
                            check.check(function, null, entry);
                        }
                    }
                }
            }
        }
    }

    /**
     * A policy resource by what it names: {@code ConnectionsTable}, {@code ConnectionsTable/index/room-index},
     * {@code ChatTopic}, {@code ChatApi/${StageName}/POST/@connections/*}; anything else as written.
     */
    private static String resourceName(Object resource) {
        String reference = reference(resource);
        if (reference != null) {
            return reference.endsWith(".Arn") ? reference.substring(0, reference.length() - ".Arn".length()) : reference;
        }
        String text = sub(resource);
        if (text != null) {
            Matcher table = TABLE_SUB.matcher(text);
            if (table.matches()) {
                return table.group(2) == null ? table.group(1) : table.group(1) + "/index/" + table.group(2);
            }
            if (text.startsWith(EXECUTE_API_PREFIX)) {
                return "ChatApi/" + text.substring(EXECUTE_API_PREFIX.length());
            }
            return text;
        }
        return String.valueOf(resource);
    }

    private static Set<String> indexNames(String table) {
        Set<String> names = new LinkedHashSet<>();
        list(TEMPLATE.properties(table).get("GlobalSecondaryIndexes")).forEach(i -> names.add((String) map(i).get("IndexName")));
        list(TEMPLATE.properties(table).get("LocalSecondaryIndexes")).forEach(i -> names.add((String) map(i).get("IndexName")));
        return names;
    }
}
