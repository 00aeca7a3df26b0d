package io.wschat.sns;

import static io.wschat.sns.FilterPolicy.Scope.MESSAGE_ATTRIBUTES;
import static io.wschat.sns.FilterPolicy.Scope.MESSAGE_BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterPolicyTest {

    /** The message the SNS developer guide's filter policy examples are written against. */
    private static final Map<String, MessageAttribute> DOC_ATTRIBUTES = attributes(
            "customer_interests", new MessageAttribute("String.Array", "[\"soccer\", \"rugby\", \"hockey\"]"),
            "store", MessageAttribute.string("example_corp"),
            "event", MessageAttribute.string("order_placed"),
            "price_usd", MessageAttribute.number("210.75"));

    private static boolean matches(String policy, Map<String, MessageAttribute> attributes) {
        return FilterPolicy.parse(policy, MESSAGE_ATTRIBUTES).matches(attributes, "ignored");
    }

    private static boolean matchesBody(String policy, String body) {
        return FilterPolicy.parse(policy, MESSAGE_BODY).matches(Map.of(), body);
    }

    private static Arguments doc(String behaviour, String policy, boolean expected) {
        return arguments("guide: " + behaviour, policy, DOC_ATTRIBUTES, expected);
    }

    private static Map<String, MessageAttribute> chat(String eventType, String room) {
        return attributes("eventType", MessageAttribute.string(eventType), "room", MessageAttribute.string(room));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("attributeCases")
    void messageAttributes_scope(String behaviour, String policy, Map<String, MessageAttribute> attributes,
            boolean expected) {
        assertThat(matches(policy, attributes)).isEqualTo(expected);
    }

    /** The SNS developer guide's examples against {@link #DOC_ATTRIBUTES}, then other messages, then chat events. */
    static Stream<Arguments> attributeCases() {
        String orPolicy = """
                {"source": ["aws.cloudwatch"],
                 "$or": [{"metricName": ["CPUUtilization", "ReadLatency"]},
                         {"namespace": ["AWS/EC2", "AWS/ES"]}]}""";
        String lobbyMessages = "{\"eventType\": [\"message\"], \"room\": [\"lobby\"]}";
        Map<String, MessageAttribute> binary = attributes("blob", new MessageAttribute("Binary", "AAEC"));
        return Stream.of(
                doc("policy from the guide matches when every key matches", """
                        {"store": ["example_corp"],
                         "event": [{"anything-but": "order_cancelled"}],
                         "customer_interests": ["rugby", "football", "baseball"],
                         "price_usd": [{"numeric": [">=", 100]}]}""", true),
                doc("and fails when one key does not match",
                        "{\"store\": [\"example_corp\"], \"event\": [\"order_cancelled\"]}", false),
                doc("exact string matches only an equal value", "{\"store\": [\"example_corp\"]}", true),
                doc("exact string matches only an equal value", "{\"store\": [\"Example_Corp\"]}", false),
                doc("exact string matches only an equal value", "{\"store\": [\"example\"]}", false),
                doc("or within a key matches when any value matches",
                        "{\"event\": [\"order_cancelled\", \"order_placed\"]}", true),
                doc("or within a key matches when any value matches",
                        "{\"event\": [\"order_cancelled\", \"order_failed\"]}", false),
                doc("String.Array attribute matches when any element matches",
                        "{\"customer_interests\": [\"rugby\"]}", true),
                doc("String.Array attribute matches when any element matches",
                        "{\"customer_interests\": [\"baseball\", \"basketball\"]}", false),
                doc("missing attribute does not match value conditions", "{\"encrypted\": [\"false\"]}", false),
                doc("missing attribute does not match value conditions",
                        "{\"encrypted\": [{\"anything-but\": \"true\"}]}", false),
                doc("missing attribute does not match value conditions",
                        "{\"encrypted\": [{\"numeric\": [\">\", 0]}]}", false),
                doc("anything-but a value", "{\"event\": [{\"anything-but\": \"order_placed\"}]}", false),
                doc("anything-but a list",
                        "{\"event\": [{\"anything-but\": [\"order_cancelled\", \"order_failed\"]}]}", true),
                doc("anything-but a list",
                        "{\"event\": [{\"anything-but\": [\"order_placed\", \"order_failed\"]}]}", false),
                doc("anything-but numbers", "{\"price_usd\": [{\"anything-but\": [100, 500]}]}", true),
                doc("anything-but a number", "{\"price_usd\": [{\"anything-but\": 210.75}]}", false),
                doc("anything-but a prefix", "{\"event\": [{\"anything-but\": {\"prefix\": \"order-\"}}]}", true),
                doc("anything-but a prefix", "{\"event\": [{\"anything-but\": {\"prefix\": \"order_\"}}]}", false),
                doc("anything-but a suffix",
                        "{\"event\": [{\"anything-but\": {\"suffix\": \"_placed\"}}]}", false),
                doc("prefix", "{\"customer_interests\": [{\"prefix\": \"bas\"}]}", false),
                doc("prefix", "{\"customer_interests\": [{\"prefix\": \"rug\"}]}", true),
                doc("suffix", "{\"store\": [{\"suffix\": \"_corp\"}]}", true),
                doc("suffix", "{\"store\": [{\"suffix\": \"_inc\"}]}", false),
                doc("equals-ignore-case", "{\"store\": [{\"equals-ignore-case\": \"EXAMPLE_CORP\"}]}", true),
                doc("equals-ignore-case", "{\"store\": [{\"equals-ignore-case\": \"example\"}]}", false),
                doc("numeric exact", "{\"price_usd\": [{\"numeric\": [\"=\", 210.75]}]}", true),
                doc("numeric exact", "{\"price_usd\": [{\"numeric\": [\"=\", 210.7]}]}", false),
                doc("numeric range", "{\"price_usd\": [{\"numeric\": [\">\", 0, \"<=\", 150]}]}", false),
                doc("numeric range", "{\"price_usd\": [{\"numeric\": [\">\", 200, \"<=\", 210.75]}]}", true),
                doc("numeric range", "{\"price_usd\": [{\"numeric\": [\"<\", 210.75]}]}", false),
                doc("numeric range", "{\"price_usd\": [{\"numeric\": [\">=\", 210.75]}]}", true),
                doc("exists true", "{\"store\": [{\"exists\": true}]}", true),
                doc("exists false", "{\"store\": [{\"exists\": false}]}", false),
                doc("exists false", "{\"encrypted\": [{\"exists\": false}]}", true),
                doc("exists true", "{\"encrypted\": [{\"exists\": true}]}", false),
                arguments("number literal matches a Number attribute numerically", "{\"price_usd\": [100]}",
                        attributes("price_usd", MessageAttribute.number("100.0")), true),
                arguments("number literal does not match a String attribute", "{\"price_usd\": [100]}",
                        attributes("price_usd", MessageAttribute.string("100")), false),
                arguments("numeric conditions ignore String attributes", "{\"n\": [{\"numeric\": [\">\", 1]}]}",
                        attributes("n", MessageAttribute.string("5")), false),
                arguments("binary attributes are ignored", "{\"blob\": [{\"exists\": true}]}", binary, false),
                arguments("binary attributes are ignored", "{\"blob\": [{\"exists\": false}]}", binary, true),
                arguments("custom data type suffix behaves like its base type",
                        "{\"n\": [{\"numeric\": [\">\", 1]}]}",
                        attributes("n", new MessageAttribute("Number.float", "1.5")), true),
                arguments("custom data type suffix behaves like its base type", "{\"s\": [\"x\"]}",
                        attributes("s", new MessageAttribute("String.custom", "x")), true),
                arguments("$or matches when any branch matches", orPolicy, attributes(
                        "source", MessageAttribute.string("aws.cloudwatch"),
                        "namespace", MessageAttribute.string("AWS/EC2")), true),
                arguments("$or matches when any branch matches", orPolicy, attributes(
                        "source", MessageAttribute.string("aws.cloudwatch"),
                        "metricName", MessageAttribute.string("ReadLatency")), true),
                arguments("$or fails when no branch matches", orPolicy, attributes(
                        "source", MessageAttribute.string("aws.cloudwatch"),
                        "namespace", MessageAttribute.string("AWS/S3")), false),
                arguments("$or fails when the keys outside it do not match", orPolicy, attributes(
                        "source", MessageAttribute.string("aws.sns"),
                        "namespace", MessageAttribute.string("AWS/EC2")), false),
                arguments("chat: a message in the lobby", lobbyMessages, chat("message", "lobby"), true),
                arguments("chat: another event type", lobbyMessages, chat("connected", "lobby"), false),
                arguments("chat: another room", lobbyMessages, chat("message", "kitchen"), false),
                arguments("chat: no attributes", lobbyMessages, Map.of(), false));
    }

    @ParameterizedTest(name = "{0}: {1} on {2}")
    @MethodSource("bodyCases")
    void messageBody_scope(String behaviour, String policy, String body, boolean expected) {
        assertThat(matchesBody(policy, body)).isEqualTo(expected);
    }

    static Stream<Arguments> bodyCases() {
        String order = """
                {"store": "example_corp", "price_usd": 210.75, "paid": true, "coupon": null,
                 "customer": {"interests": ["soccer", "rugby"], "tier": "gold"},
                 "Records": [{"eventName": "ObjectCreated:Put"}, {"eventName": "ObjectRemoved:Delete"}]}""";
        return Stream.of(
                arguments("top-level keys match like attributes",
                        "{\"store\": [\"example_corp\"], \"price_usd\": [{\"numeric\": [\">\", 200]}]}", order, true),
                arguments("top-level keys match like attributes", "{\"store\": [\"other\"]}", order, false),
                arguments("nested keys and arrays",
                        "{\"customer\": {\"interests\": [\"rugby\"], \"tier\": [\"gold\"]}}", order, true),
                arguments("nested keys and arrays", "{\"customer\": {\"tier\": [\"silver\"]}}", order, false),
                arguments("nested keys and arrays",
                        "{\"Records\": {\"eventName\": [{\"prefix\": \"ObjectRemoved:\"}]}}", order, true),
                arguments("booleans", "{\"paid\": [true]}", order, true),
                arguments("booleans", "{\"paid\": [false]}", order, false),
                arguments("null", "{\"coupon\": [null]}", order, true),
                arguments("exists", "{\"customer\": {\"email\": [{\"exists\": false}]}}", order, true),
                arguments("a non-JSON body matches nothing", "{\"store\": [\"example_corp\"]}", "plain text", false),
                arguments("a non-JSON body matches absence", "{\"store\": [{\"exists\": false}]}", "plain text",
                        true));
    }

    @Nested
    class Validation {

        @ParameterizedTest
        @ValueSource(strings = {
                "not json",
                "[]",
                "{}",
                "{\"a\": \"not-an-array\"}",
                "{\"a\": []}",
                "{\"a\": [{\"wildcardish\": \"x\"}]}",
                "{\"a\": [{\"prefix\": 1}]}",
                "{\"a\": [{\"exists\": \"yes\"}]}",
                "{\"a\": [{\"numeric\": [\"~\", 1]}]}",
                "{\"a\": [{\"numeric\": [\"<\", 1, \">\", 5]}]}",
                "{\"a\": [{\"numeric\": [\"=\", 1, \"<\", 5]}]}",
                "{\"a\": [{\"numeric\": [\">\", 1e10]}]}",
                "{\"a\": [{\"anything-but\": true}]}",
                "{\"a\": {\"b\": [\"nested is for MessageBody only\"]}}",
                "{\"$or\": [{\"a\": [\"only one branch\"]}]}",
                "{\"a\":[1],\"b\":[1],\"c\":[1],\"d\":[1],\"e\":[1],\"f\":[1]}"
        })
        void rejects_invalidPolicies_withInvalidParameter(String policy) {
            assertThatThrownBy(() -> FilterPolicy.parse(policy, MESSAGE_ATTRIBUTES))
                    .isInstanceOfSatisfying(SnsErrorException.class, e -> {
                        assertThat(e.code()).isEqualTo("InvalidParameter");
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.getMessage()).startsWith("Invalid parameter: FilterPolicy");
                    });
        }

        @Test
        void rejects_policiesWithMoreThan150Combinations() {
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < 13; i++) {
                values.append(i == 0 ? "" : ",").append('"').append("v").append(i).append('"');
            }
            String policy = "{\"a\": [" + values + "], \"b\": [" + values + "]}";
            assertThatThrownBy(() -> FilterPolicy.parse(policy, MESSAGE_ATTRIBUTES))
                    .hasMessageContaining("too complex");
        }

        @Test
        void orBranches_addTheirCombinations_ratherThanMultiplyThem() {
            String underLimit = "{\"$or\": [{\"a\": " + numbers(13) + "}, {\"b\": " + numbers(13) + "}]}";
            String overLimit = "{\"$or\": [{\"a\": " + numbers(76) + "}, {\"b\": " + numbers(75) + "}]}";

            assertThat(FilterPolicy.parse(underLimit, MESSAGE_ATTRIBUTES)).as("13 + 13 combinations").isNotNull();
            assertThatThrownBy(() -> FilterPolicy.parse(overLimit, MESSAGE_ATTRIBUTES)).as("76 + 75 combinations")
                    .hasMessageContaining("too complex");
        }

        @Test
        void accepts_fiveKeys_inEachOrBranch() {
            String policy = "{\"a\":[1],\"b\":[1],\"c\":[1],\"$or\":[{\"d\":[1],\"e\":[1]},{\"f\":[1]}]}";
            assertThat(FilterPolicy.parse(policy, MESSAGE_ATTRIBUTES)).isNotNull();
        }
    }

    /** A JSON array of the numbers 1 to {@code count}: that many exact-match conditions on one key. */
    private static String numbers(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }

    private static Map<String, MessageAttribute> attributes(Object... nameValuePairs) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            attributes.put((String) nameValuePairs[i], (MessageAttribute) nameValuePairs[i + 1]);
        }
        return attributes;
    }
}
