package io.wschat.sns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void parse_decodesFormBody_andGroupsMapEntriesByIndex() {
        QueryParameters parameters = QueryParameters.parse("Action=Ignored&Version=2010-03-31",
                "Action=Publish&Message=hi%20there+%2B1"
                        + "&MessageAttributes.entry.2.Name=room&MessageAttributes.entry.2.Value.DataType=String"
                        + "&MessageAttributes.entry.2.Value.StringValue=lobby"
                        + "&MessageAttributes.entry.1.Name=eventType&MessageAttributes.entry.1.Value.DataType=String"
                        + "&MessageAttributes.entry.1.Value.StringValue=message");

        assertThat(parameters.get("Action")).isEqualTo("Ignored");
        assertThat(parameters.get("Message")).isEqualTo("hi there +1");
        assertThat(parameters.entries("MessageAttributes.entry")).containsExactly(
                Map.entry(1, Map.of("Name", "eventType", "Value.DataType", "String", "Value.StringValue", "message")),
                Map.entry(2, Map.of("Name", "room", "Value.DataType", "String", "Value.StringValue", "lobby")));
    }

    @Test
    void parse_toleratesMissingParts() {
        assertThat(QueryParameters.parse(null, null).isEmpty()).isTrue();
        assertThat(QueryParameters.parse("Flag", "").get("Flag")).isEmpty();
    }
}
