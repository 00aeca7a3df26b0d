package io.wschat.sns;

import static io.wschat.sns.FilterPolicy.Scope.MESSAGE_ATTRIBUTES;
import static io.wschat.sns.FilterPolicy.Scope.MESSAGE_BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

    private static boolean matchesDoc(String policy) {
        return matches(policy, DOC_ATTRIBUTES);
    }

    @Nested
    class DocumentedAttributeExamples {

        @Test
        void policyFromGuide_matches_whenEveryKeyMatches() {
            assertThat(matchesDoc("""
                    {"store": ["example_corp"],
                     "event": [{"anything-but": "order_cancelled"}],
                     "customer_interests": ["rugby", "football", "baseball"],
                     "price_usd": [{"numeric": [">=", 100]}]}""")).isTrue();
        }

        @Test
        void and_fails_whenOneKeyDoesNotMatch() {
            assertThat(matchesDoc("{\"store\": [\"example_corp\"], \"event\": [\"order_cancelled\"]}")).isFalse();
        }

        @Test
        void exactString_matchesOnlyEqualValue() {
            assertThat(matchesDoc("{\"store\": [\"example_corp\"]}")).isTrue();
            assertThat(matchesDoc("{\"store\": [\"Example_Corp\"]}")).isFalse();
            assertThat(matchesDoc("{\"store\": [\"example\"]}")).isFalse();
        }

        @Test
        void orWithinKey_matches_whenAnyValueMatches() {
            assertThat(matchesDoc("{\"event\": [\"order_cancelled\", \"order_placed\"]}")).isTrue();
            assertThat(matchesDoc("{\"event\": [\"order_cancelled\", \"order_failed\"]}")).isFalse();
        }

        @Test
        void stringArrayAttribute_matches_whenAnyElementMatches() {
            assertThat(matchesDoc("{\"customer_interests\": [\"rugby\"]}")).isTrue();
            assertThat(matchesDoc("{\"customer_interests\": [\"baseball\", \"basketball\"]}")).isFalse();
        }

        @Test
        void missingAttribute_doesNotMatchValueConditions() {
            assertThat(matchesDoc("{\"encrypted\": [\"false\"]}")).isFalse();
            assertThat(matchesDoc("{\"encrypted\": [{\"anything-but\": \"true\"}]}")).isFalse();
            assertThat(matchesDoc("{\"encrypted\": [{\"numeric\": [\">\", 0]}]}")).isFalse();
        }

        @Test
        void anythingBut_value_and_list() {
            assertThat(matchesDoc("{\"event\": [{\"anything-but\": \"order_placed\"}]}")).isFalse();
            assertThat(matchesDoc("{\"event\": [{\"anything-but\": [\"order_cancelled\", \"order_failed\"]}]}"))
                    .isTrue();
            assertThat(matchesDoc("{\"event\": [{\"anything-but\": [\"order_placed\", \"order_failed\"]}]}"))
                    .isFalse();
        }

        @Test
        void anythingBut_number() {
            assertThat(matchesDoc("{\"price_usd\": [{\"anything-but\": [100, 500]}]}")).isTrue();
            assertThat(matchesDoc("{\"price_usd\": [{\"anything-but\": 210.75}]}")).isFalse();
        }

        @Test
        void anythingBut_prefix_and_suffix() {
            assertThat(matchesDoc("{\"event\": [{\"anything-but\": {\"prefix\": \"order-\"}}]}")).isTrue();
            assertThat(matchesDoc("{\"event\": [{\"anything-but\": {\"prefix\": \"order_\"}}]}")).isFalse();
            assertThat(matchesDoc("{\"event\": [{\"anything-but\": {\"suffix\": \"_placed\"}}]}")).isFalse();
        }

        @Test
        void prefix_and_suffix() {
            assertThat(matchesDoc("{\"customer_interests\": [{\"prefix\": \"bas\"}]}")).isFalse();
            assertThat(matchesDoc("{\"customer_interests\": [{\"prefix\": \"rug\"}]}")).isTrue();
            assertThat(matchesDoc("{\"store\": [{\"suffix\": \"_corp\"}]}")).isTrue();
            assertThat(matchesDoc("{\"store\": [{\"suffix\": \"_inc\"}]}")).isFalse();
        }

        @Test
        void equalsIgnoreCase() {
            assertThat(matchesDoc("{\"store\": [{\"equals-ignore-case\": \"EXAMPLE_CORP\"}]}")).isTrue();
            assertThat(matchesDoc("{\"store\": [{\"equals-ignore-case\": \"example\"}]}")).isFalse();
        }

        @Test
        void numeric_exact_and_ranges() {
            assertThat(matchesDoc("{\"price_usd\": [{\"numeric\": [\"=\", 210.75]}]}")).isTrue();
            assertThat(matchesDoc("{\"price_usd\": [{\"numeric\": [\"=\", 210.7]}]}")).isFalse();
            assertThat(matchesDoc("{\"price_usd\": [{\"numeric\": [\">\", 0, \"<=\", 150]}]}")).isFalse();
            assertThat(matchesDoc("{\"price_usd\": [{\"numeric\": [\">\", 200, \"<=\", 210.75]}]}")).isTrue();
            assertThat(matchesDoc("{\"price_usd\": [{\"numeric\": [\"<\", 210.75]}]}")).isFalse();
            assertThat(matchesDoc("{\"price_usd\": [{\"numeric\": [\">=\", 210.75]}]}")).isTrue();
        }

        @Test
        void numberLiteral_matchesNumberAttributeNumerically() {
            assertThat(matches("{\"price_usd\": [100]}", attributes("price_usd", MessageAttribute.number("100.0"))))
                    .isTrue();
            assertThat(matches("{\"price_usd\": [100]}", attributes("price_usd", MessageAttribute.string("100"))))
                    .isFalse();
        }

        @Test
        void numericConditions_ignoreStringAttributes() {
            assertThat(matches("{\"n\": [{\"numeric\": [\">\", 1]}]}", attributes("n", MessageAttribute.string("5"))))
                    .isFalse();
        }

        @Test
        void exists_true_and_false() {
            assertThat(matchesDoc("{\"store\": [{\"exists\": true}]}")).isTrue();
            assertThat(matchesDoc("{\"store\": [{\"exists\": false}]}")).isFalse();
            assertThat(matchesDoc("{\"encrypted\": [{\"exists\": false}]}")).isTrue();
            assertThat(matchesDoc("{\"encrypted\": [{\"exists\": true}]}")).isFalse();
        }

        @Test
        void binaryAttributes_areIgnored() {
            Map<String, MessageAttribute> binary = attributes("blob", new MessageAttribute("Binary", "AAEC"));
            assertThat(matches("{\"blob\": [{\"exists\": true}]}", binary)).isFalse();
            assertThat(matches("{\"blob\": [{\"exists\": false}]}", binary)).isTrue();
        }

        @Test
        void customDataTypeSuffix_behavesLikeBaseType() {
            assertThat(matches("{\"n\": [{\"numeric\": [\">\", 1]}]}",
                    attributes("n", new MessageAttribute("Number.float", "1.5")))).isTrue();
            assertThat(matches("{\"s\": [\"x\"]}", attributes("s", new MessageAttribute("String.custom", "x"))))
                    .isTrue();
        }

        @Test
        void or_operator_matches_whenAnyBranchMatches() {
            String policy = """
                    {"source": ["aws.cloudwatch"],
                     "$or": [{"metricName": ["CPUUtilization", "ReadLatency"]},
                             {"namespace": ["AWS/EC2", "AWS/ES"]}]}""";
            assertThat(matches(policy, attributes("source", MessageAttribute.string("aws.cloudwatch"),
                    "namespace", MessageAttribute.string("AWS/EC2")))).isTrue();
            assertThat(matches(policy, attributes("source", MessageAttribute.string("aws.cloudwatch"),
                    "metricName", MessageAttribute.string("ReadLatency")))).isTrue();
            assertThat(matches(policy, attributes("source", MessageAttribute.string("aws.cloudwatch"),
                    "namespace", MessageAttribute.string("AWS/S3")))).isFalse();
            assertThat(matches(policy, attributes("source", MessageAttribute.string("aws.sns"),
                    "namespace", MessageAttribute.string("AWS/EC2")))).isFalse();
        }
    }

    @Nested
    class ChatEvents {

        private final FilterPolicy lobbyMessages = FilterPolicy.parse(
                "{\"eventType\": [\"message\"], \"room\": [\"lobby\"]}", MESSAGE_ATTRIBUTES);

        @Test
        void matches_eventTypeAndRoom() {
            assertThat(lobbyMessages.matches(chat("message", "lobby"), "{}")).isTrue();
            assertThat(lobbyMessages.matches(chat("connected", "lobby"), "{}")).isFalse();
            assertThat(lobbyMessages.matches(chat("message", "kitchen"), "{}")).isFalse();
            assertThat(lobbyMessages.matches(Map.of(), "{}")).isFalse();
        }

        private Map<String, MessageAttribute> chat(String eventType, String room) {
            return attributes("eventType", MessageAttribute.string(eventType), "room", MessageAttribute.string(room));
        }
    }

    @Nested
    class MessageBodyScope {

        private static final String ORDER = """
                {"store": "example_corp", "price_usd": 210.75, "paid": true, "coupon": null,
                 "customer": {"interests": ["soccer", "rugby"], "tier": "gold"},
                 "Records": [{"eventName": "ObjectCreated:Put"}, {"eventName": "ObjectRemoved:Delete"}]}""";

        @Test
        void topLevelKeys_matchLikeAttributes() {
            assertThat(matchesBody("{\"store\": [\"example_corp\"], \"price_usd\": [{\"numeric\": [\">\", 200]}]}",
                    ORDER)).isTrue();
            assertThat(matchesBody("{\"store\": [\"other\"]}", ORDER)).isFalse();
        }

        @Test
        void nestedKeys_andArrays() {
            assertThat(matchesBody("{\"customer\": {\"interests\": [\"rugby\"], \"tier\": [\"gold\"]}}", ORDER))
                    .isTrue();
            assertThat(matchesBody("{\"customer\": {\"tier\": [\"silver\"]}}", ORDER)).isFalse();
            assertThat(matchesBody("{\"Records\": {\"eventName\": [{\"prefix\": \"ObjectRemoved:\"}]}}", ORDER))
                    .isTrue();
        }

        @Test
        void booleans_null_and_exists() {
            assertThat(matchesBody("{\"paid\": [true]}", ORDER)).isTrue();
            assertThat(matchesBody("{\"paid\": [false]}", ORDER)).isFalse();
            assertThat(matchesBody("{\"coupon\": [null]}", ORDER)).isTrue();
            assertThat(matchesBody("{\"customer\": {\"email\": [{\"exists\": false}]}}", ORDER)).isTrue();
        }

        @Test
        void nonJsonBody_matchesNothingButAbsence() {
            assertThat(matchesBody("{\"store\": [\"example_corp\"]}", "plain text")).isFalse();
            assertThat(matchesBody("{\"store\": [{\"exists\": false}]}", "plain text")).isTrue();
        }
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
        void accepts_fiveKeys_inEachOrBranch() {
            String policy = "{\"a\":[1],\"b\":[1],\"c\":[1],\"$or\":[{\"d\":[1],\"e\":[1]},{\"f\":[1]}]}";
            assertThat(FilterPolicy.parse(policy, MESSAGE_ATTRIBUTES)).isNotNull();
        }
    }

    private static Map<String, MessageAttribute> attributes(Object... nameValuePairs) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            attributes.put((String) nameValuePairs[i], (MessageAttribute) nameValuePairs[i + 1]);
        }
        return attributes;
    }
}
