package io.wschat.e2e.deploy;

import static io.wschat.e2e.deploy.SamTemplate.FUNCTION;
import static io.wschat.e2e.deploy.SamTemplate.list;
import static io.wschat.e2e.deploy.SamTemplate.map;
import static io.wschat.e2e.deploy.SamTemplate.reference;
import static io.wschat.e2e.deploy.SamTemplate.sub;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.wschat.local.template.Intrinsics;
import io.wschat.local.template.LocalNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What template.yaml sets up to run the chat: log retention, the stage's access log, tracing, the functions' metric
 * namespace, the alarms with their topic, and the dashboard (docs/OPERATIONS.md describes each).
 */
class OperationsTemplateTest {

    private static final String LOG_GROUP = "AWS::Logs::LogGroup";
    private static final String ALARM = "AWS::CloudWatch::Alarm";
    private static final String METRICS_NAMESPACE = "wschat/${AWS::StackName}";
    private static final Map<String, Object> ALARM_TOPIC = Map.of("Ref", "AlarmTopic");
    private static final LocalNames NAMES = LocalNames.of("wschat", "local", "ws://localhost:3001");

    /** The functions' own metrics (EMF), each published without dimensions and, but for ConnectionsAccepted, with one. */
    private static final Map<String, String> FUNCTION_METRICS = Map.ofEntries(
            entry("Recipients", "Route"),
            entry("Delivered", "Route"),
            entry("Gone", "Route"),
            entry("Failed", "Route"),
            entry("Throttled", "Route"),
            entry("BroadcastDuration", "Route"),
            entry("ConnectionsAccepted", ""),
            entry("ConnectionsRejected", "Reason"),
            entry("RateLimited", "Limit"),
            entry("Actions", "Route"));

    /** Access log field to the WebSocket $context variable it holds. */
    private static final Map<String, String> ACCESS_LOG_FIELDS = Map.ofEntries(
            entry("requestId", "$context.requestId"),
            entry("connectionId", "$context.connectionId"),
            entry("routeKey", "$context.routeKey"),
            entry("eventType", "$context.eventType"),
            entry("status", "$context.status"),
            entry("integrationLatency", "$context.integrationLatency"),
            entry("integrationError", "$context.integration.error"),
            entry("ip", "$context.identity.sourceIp"),
            entry("requestTime", "$context.requestTime"),
            entry("messageId", "$context.messageId"));

    private static final Pattern SEARCH_METRIC = Pattern.compile("MetricName=\"(\\w+)\"");
    private static final Pattern SEARCH_SCHEMA = Pattern.compile("SEARCH\\('\\{(.+?),(\\w+)} ");

    private static final SamTemplate TEMPLATE = SamTemplate.load();

    @Test
    void everyLogGroup_keepsLogsForLogRetentionDays_defaultTwoWeeks() {
        Map<String, Map<String, Object>> groups = TEMPLATE.resourcesOfType(LOG_GROUP);

        assertThat(groups).containsKeys("ConnectLogGroup", "DisconnectLogGroup", "MessageLogGroup", "AccessLogGroup");
        groups.forEach((id, group) -> assertThat(group.get("RetentionInDays")).as("%s RetentionInDays", id)
                .isEqualTo(Map.of("Ref", "LogRetentionDays")));
        assertThat(TEMPLATE.parameterDefault("LogRetentionDays")).isEqualTo(14);
        for (String function : TEMPLATE.resourcesOfType(FUNCTION).keySet()) {
            Object logGroup = map(TEMPLATE.properties(function).get("LoggingConfig")).get("LogGroup");
            assertThat(groups).as("%s logs to a log group of this template", function).containsKey(reference(logGroup));
        }
    }

    @Test
    void stage_writesJsonAccessLogs_withRequestConnectionRouteStatusErrorAndAddressFields_toTheAccessLogGroup() {
        Map<String, Object> settings = map(TEMPLATE.properties("ChatStage").get("AccessLogSettings"));

        assertThat(reference(settings.get("DestinationArn"))).isEqualTo("AccessLogGroup.Arn");
        JsonObject format = JsonParser.parseString((String) settings.get("Format")).getAsJsonObject();
        Map<String, String> fields = new LinkedHashMap<>();
        format.entrySet().forEach(field -> fields.put(field.getKey(), field.getValue().getAsString()));
        assertThat(fields).containsAllEntriesOf(ACCESS_LOG_FIELDS);
        assertThat(fields.values()).as("no body, no query string: the token is in it")
                .allMatch(variable -> variable.matches("\\$context\\.[\\w.]+"))
                .noneMatch(variable -> variable.contains("body") || variable.contains("querystring"));
    }

    @Test
    void stage_waitsForTheAccountsCloudWatchRole_whenTheStackSetsIt() {
        List<Object> description = list(map(TEMPLATE.properties("ChatStage").get("Description")).get("Fn::If"));

        assertThat(description.get(0)).isEqualTo("CreatesApiGatewayLoggingRole");
        assertThat(SamTemplate.subReferences(sub(description.get(1)))).containsExactly("ApiGatewayAccount");
        assertThat(description.get(2)).isInstanceOf(String.class);
        assertThat(TEMPLATE.type("ApiGatewayAccount")).isEqualTo("AWS::ApiGateway::Account");
        assertThat(TEMPLATE.resource("ApiGatewayAccount").get("Condition")).isEqualTo("CreatesApiGatewayLoggingRole");
        assertThat(reference(TEMPLATE.properties("ApiGatewayAccount").get("CloudWatchRoleArn")))
                .isEqualTo("ApiGatewayCloudWatchRole.Arn");
        assertThat(included("ApiGatewayAccount", Map.of())).as("by default, so a fresh account can log").isTrue();
        assertThat(included("ApiGatewayAccount", Map.of("CreateApiGatewayLoggingRole", "false"))).isFalse();
    }

    @Test
    void eachFunction_hasItsReservedConcurrencyFromAParameter_noneWhenItIsEmpty() {
        Map<String, String> parameters = Map.of("ConnectFunction", "ConnectReservedConcurrency",
                "DisconnectFunction", "DisconnectReservedConcurrency", "MessageFunction", "MessageReservedConcurrency");
        Map<String, Object> conditions = map(TEMPLATE.document().get("Conditions"));
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            List<Object> choice = list(map(TEMPLATE.properties(entry.getKey()).get("ReservedConcurrentExecutions"))
                    .get("Fn::If"));
            String condition = (String) choice.get(0);

            assertThat(TEMPLATE.parameterDefault(entry.getValue())).as(entry.getValue()).isEqualTo("");
            assertThat(choice.get(1)).isEqualTo(Map.of("Ref", entry.getValue()));
            assertThat(choice.get(2)).isEqualTo(Map.of("Ref", "AWS::NoValue"));
            assertThat(map(conditions.get(condition))).as(condition).isEqualTo(Map.of("Fn::Not", List.of(
                    Map.of("Fn::Equals", List.of(Map.of("Ref", entry.getValue()), "")))));
        }
    }

    @Test
    void functions_traceActively() {
        assertThat(TEMPLATE.functionGlobals().get("Tracing")).isEqualTo("Active");
        for (String function : TEMPLATE.resourcesOfType(FUNCTION).keySet()) {
            assertThat(TEMPLATE.functionProperty(function, "Tracing")).as("%s Tracing", function).isEqualTo("Active");
        }
    }

    @Test
    void everyFunction_publishesItsMetricsUnderTheStacksOwnNamespace() {
        for (String function : TEMPLATE.resourcesOfType(FUNCTION).keySet()) {
            assertThat(sub(TEMPLATE.environment(function).get("METRICS_NAMESPACE"))).as("%s METRICS_NAMESPACE", function)
                    .isEqualTo(METRICS_NAMESPACE);
        }
    }

    @Test
    void everyAlarm_notifiesTheAlarmTopic_whenItFires_andWhenItRecovers() {
        Map<String, Map<String, Object>> alarms = TEMPLATE.resourcesOfType(ALARM);

        assertThat(alarms).isNotEmpty();
        assertThat(TEMPLATE.type("AlarmTopic")).isEqualTo("AWS::SNS::Topic");
        alarms.forEach((id, alarm) -> {
            assertThat(list(alarm.get("AlarmActions"))).as("%s AlarmActions", id).containsExactly(ALARM_TOPIC);
            assertThat(list(alarm.get("OKActions"))).as("%s OKActions", id).containsExactly(ALARM_TOPIC);
            assertThat(alarm.get("TreatMissingData")).as("%s: no data means nothing happened", id).isEqualTo("notBreaching");
        });
    }

    @Test
    void functionAlarms_fireOnOneError_orOneThrottle_ofEachFunction_inFiveMinutes() {
        for (String function : TEMPLATE.resourcesOfType(FUNCTION).keySet()) {
            for (String metric : List.of("Errors", "Throttles")) {
                Map<String, Object> alarm = singleMetricAlarm("AWS/Lambda", metric,
                        Map.of("FunctionName", Map.of("Ref", function)));
                assertThat(alarm.get("Statistic")).isEqualTo("Sum");
                assertThat(alarm.get("Period")).isEqualTo(300);
                assertThat(alarm.get("Threshold")).isEqualTo(1);
                assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
            }
        }
    }

    @Test
    void deliveryAlarm_firesWhenFailedAndThrottledPosts_exceedTheParametersShareOfRecipients_onlyWithRecipients() {
        Map<String, Object> alarm = TEMPLATE.properties("DeliveryFailureAlarm");
        Map<String, Map<String, Object>> queries = metricQueries(alarm);

        assertThat(queries).containsOnlyKeys("failedPercent", "recipients", "failed", "throttled");
        assertThat(queries.get("failedPercent").get("Expression"))
                .isEqualTo("IF(recipients > 0, 100 * (FILL(failed, 0) + FILL(throttled, 0)) / recipients, 0)");
        assertThat(queries.get("failedPercent").get("ReturnData")).isEqualTo(true);
        Map<String, String> metricOf = Map.of("recipients", "Recipients", "failed", "Failed", "throttled", "Throttled");
        metricOf.forEach((id, name) -> {
            Map<String, Object> stat = map(queries.get(id).get("MetricStat"));
            Map<String, Object> metric = map(stat.get("Metric"));
            assertThat(sub(metric.get("Namespace"))).as(id).isEqualTo(METRICS_NAMESPACE);
            assertThat(metric.get("MetricName")).as(id).isEqualTo(name);
            assertThat(metric).as("%s: the series of all routes, without dimensions", id).doesNotContainKey("Dimensions");
            assertThat(stat.get("Stat")).as(id).isEqualTo("Sum");
            assertThat(stat.get("Period")).as(id).isEqualTo(300);
            assertThat(queries.get(id).get("ReturnData")).as(id).isEqualTo(false);
        });
        assertThat(alarm.get("Threshold")).isEqualTo(Map.of("Ref", "DeliveryFailureAlarmPercent"));
        assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
        assertThat(TEMPLATE.parameterDefault("DeliveryFailureAlarmPercent")).isEqualTo(5);
    }

    @Test
    void tableAlarms_fireOnOneThrottledReadOrWrite_ofEachTable_andEachOfItsIndexes() {
        for (String table : TEMPLATE.resourcesOfType("AWS::DynamoDB::Table").keySet()) {
            Map<String, Object> alarm = TEMPLATE.properties(table.replace("Table", "") + "ThrottleAlarm");
            Map<String, Map<String, Object>> queries = metricQueries(alarm);

            Set<String> expected = new LinkedHashSet<>();
            Set<String> watched = new LinkedHashSet<>();
            List<String> summed = new ArrayList<>();
            List<String> scopes = new ArrayList<>(List.of(""));
            list(TEMPLATE.properties(table).get("GlobalSecondaryIndexes"))
                    .forEach(index -> scopes.add((String) map(index).get("IndexName")));
            for (String scope : scopes) {
                expected.add("ReadThrottleEvents " + scope);
                expected.add("WriteThrottleEvents " + scope);
            }
            String expression = null;
            for (Map.Entry<String, Map<String, Object>> query : queries.entrySet()) {
                if (query.getValue().containsKey("Expression")) {
                    expression = (String) query.getValue().get("Expression");
                    continue;
                }
                summed.add(query.getKey());
                Map<String, Object> metric = map(map(query.getValue().get("MetricStat")).get("Metric"));
                assertThat(metric.get("Namespace")).isEqualTo("AWS/DynamoDB");
                assertThat(map(query.getValue().get("MetricStat")).get("Stat")).isEqualTo("Sum");
                Map<String, Object> dimensions = dimensions(metric.get("Dimensions"));
                assertThat(dimensions.get("TableName")).as("%s %s", table, query.getKey()).isEqualTo(Map.of("Ref", table));
                watched.add(metric.get("MetricName") + " " + dimensions.getOrDefault("GlobalSecondaryIndexName", ""));
            }
            assertThat(watched).as("%s throttle series", table).isEqualTo(expected);
            assertThat(expression).as("%s", table).isEqualTo("SUM([" + String.join(", ", summed) + "])");
            assertThat(alarm.get("Threshold")).isEqualTo(1);
            assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
        }
    }

    @Test
    void stageAlarm_firesOnOneExecutionError_ofThisApisStage() {
        Map<String, Object> alarm = singleMetricAlarm("AWS/ApiGateway", "ExecutionError",
                Map.of("ApiId", Map.of("Ref", "ChatApi"), "Stage", Map.of("Ref", "StageName")));

        assertThat(alarm.get("Statistic")).isEqualTo("Sum");
        assertThat(alarm.get("Threshold")).isEqualTo(1);
        assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
    }

    @Test
    void alarmEmail_isSubscribedToTheAlarmTopic_onlyWhenSet() {
        Map<String, Object> subscription = TEMPLATE.properties("AlarmEmailSubscription");

        assertThat(TEMPLATE.type("AlarmEmailSubscription")).isEqualTo("AWS::SNS::Subscription");
        assertThat(subscription.get("TopicArn")).isEqualTo(ALARM_TOPIC);
        assertThat(subscription.get("Protocol")).isEqualTo("email");
        assertThat(subscription.get("Endpoint")).isEqualTo(Map.of("Ref", "AlarmEmail"));
        assertThat(TEMPLATE.parameterDefault("AlarmEmail")).isEqualTo("");
        assertThat(included("AlarmEmailSubscription", Map.of())).isFalse();
        assertThat(included("AlarmEmailSubscription", Map.of("AlarmEmail", "ops@example.com"))).isTrue();
        assertThat(TEMPLATE.resourcesOfType("AWS::SNS::Subscription")).containsOnlyKeys("AlarmEmailSubscription");
    }

    @Test
    void dashboard_showsEveryFunctionMetric_dimensionlessOrByItsDimension_andTheServicesMetrics() {
        String body = sub(TEMPLATE.properties("Dashboard").get("DashboardBody"));
        assertThat(body).as("DashboardBody is a !Sub").isNotNull();
        for (String name : SamTemplate.subReferences(body)) {
            assertThat(name.startsWith("AWS::") || TEMPLATE.resources().containsKey(name)
                    || map(TEMPLATE.document().get("Parameters")).containsKey(name))
                    .as("${%s} in the dashboard names a parameter or resource", name).isTrue();
        }

        Set<String> plain = new LinkedHashSet<>();
        Set<String> searched = new LinkedHashSet<>();
        JsonObject dashboard = JsonParser.parseString(body).getAsJsonObject();
        for (JsonElement widget : dashboard.getAsJsonArray("widgets")) {
            for (JsonElement row : widget.getAsJsonObject().getAsJsonObject("properties").getAsJsonArray("metrics")) {
                JsonArray metric = row.getAsJsonArray();
                if (metric.get(0).isJsonObject()) {
                    String expression = metric.get(0).getAsJsonObject().get("expression").getAsString();
                    Matcher schema = SEARCH_SCHEMA.matcher(expression);
                    Matcher name = SEARCH_METRIC.matcher(expression);
                    assertThat(schema.find() && name.find()).as(expression).isTrue();
                    searched.add(schema.group(1) + " " + name.group(1) + " by " + schema.group(2));
                } else {
                    StringBuilder series = new StringBuilder(metric.get(0).getAsString() + " " + metric.get(1).getAsString());
                    for (int i = 2; i + 1 < metric.size() && metric.get(i).isJsonPrimitive(); i += 2) {
                        series.append(' ').append(metric.get(i).getAsString());
                    }
                    plain.add(series.toString());
                }
            }
        }

        FUNCTION_METRICS.forEach((metric, dimension) -> {
            boolean dimensionless = plain.contains(METRICS_NAMESPACE + " " + metric);
            boolean byDimension = searched.contains(METRICS_NAMESPACE + " " + metric + " by " + dimension);
            assertThat(dimensionless || byDimension).as("%s on the dashboard", metric).isTrue();
        });
        assertThat(plain).contains(METRICS_NAMESPACE + " ConnectionsAccepted");
        assertThat(searched).contains(METRICS_NAMESPACE + " ConnectionsRejected by Reason",
                METRICS_NAMESPACE + " RateLimited by Limit", METRICS_NAMESPACE + " Actions by Route");
        for (String function : TEMPLATE.resourcesOfType(FUNCTION).keySet()) {
            for (String metric : List.of("Errors", "Throttles", "Duration")) {
                assertThat(plain).contains("AWS/Lambda " + metric + " FunctionName");
            }
            assertThat(body).contains("\"FunctionName\", \"${" + function + "}\"");
        }
        assertThat(plain).contains("AWS/DynamoDB ReadThrottleEvents TableName", "AWS/DynamoDB WriteThrottleEvents TableName",
                "AWS/DynamoDB ReadThrottleEvents TableName GlobalSecondaryIndexName",
                "AWS/ApiGateway ExecutionError ApiId Stage", "AWS/ApiGateway IntegrationError ApiId Stage");
    }

    /** The one alarm on this metric and these dimensions, checked to evaluate one five-minute period. */
    private static Map<String, Object> singleMetricAlarm(String namespace, String metric, Map<String, Object> dimensions) {
        List<Map<String, Object>> found = new ArrayList<>();
        TEMPLATE.resourcesOfType(ALARM).forEach((id, alarm) -> {
            if (namespace.equals(alarm.get("Namespace")) && metric.equals(alarm.get("MetricName"))
                    && dimensions.equals(dimensions(alarm.get("Dimensions")))) {
                found.add(alarm);
            }
        });
        assertThat(found).as("alarms on %s %s %s", namespace, metric, dimensions).hasSize(1);
        Map<String, Object> alarm = found.get(0);
        assertThat(alarm.get("Period")).isEqualTo(300);
        assertThat(alarm.get("EvaluationPeriods")).isEqualTo(1);
        return alarm;
    }

    private static Map<String, Map<String, Object>> metricQueries(Map<String, Object> alarm) {
        Map<String, Map<String, Object>> queries = new LinkedHashMap<>();
        list(alarm.get("Metrics")).forEach(query -> queries.put((String) map(query).get("Id"), map(query)));
        assertThat(queries.values().stream().filter(q -> Boolean.TRUE.equals(q.get("ReturnData")))).hasSize(1);
        return queries;
    }

    private static Map<String, Object> dimensions(Object dimensions) {
        Map<String, Object> byName = new LinkedHashMap<>();
        list(dimensions).forEach(d -> byName.put((String) map(d).get("Name"), map(d).get("Value")));
        return byName;
    }

    private static boolean included(String logicalId, Map<String, String> parameters) {
        return new Intrinsics(TEMPLATE.document(), parameters, NAMES).isIncluded(logicalId);
    }
}
