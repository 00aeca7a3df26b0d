package io.wschat.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Errors of the wire protocol itself, posted with a plain HTTP client. Expectations from dynalite's connection.js. Only
 * against the local engine: a real endpoint wants every request signed with SigV4.
 */
@EnabledIf(value = "io.wschat.dynamodb.conformance.DynamoDbTarget#isLocalEngine",
        disabledReason = "raw unsigned HTTP requests need the local engine; a real endpoint requires SigV4 signing")
class ProtocolErrorsIT extends ConformanceTest {

    private static final String JSON_1_0 = "application/x-amz-json-1.0";

    private HttpClient http;

    @BeforeAll
    void createClient() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    private HttpResponse<String> post(String target, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(DynamoDbTarget.endpoint())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", JSON_1_0)
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String type(HttpResponse<String> response) {
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        return body.get("__type").getAsString();
    }

    @Test
    void unknownOperation_givesUnknownOperationException() throws Exception {
        HttpResponse<String> response = post("DynamoDB_20120810.ListTable", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(type(response)).isEqualTo("com.amazon.coral.service#UnknownOperationException");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith(JSON_1_0));
    }

    @Test
    void targetOfAnotherService_givesUnknownOperationException() throws Exception {
        HttpResponse<String> response = post("whatever", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(type(response)).isEqualTo("com.amazon.coral.service#UnknownOperationException");
    }

    @Test
    void malformedJson_givesSerializationException() throws Exception {
        HttpResponse<String> response = post("DynamoDB_20120810.ListTables", "{\"Limit\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(type(response)).isEqualTo("com.amazon.coral.service#SerializationException");
    }

    @Test
    void wellFormedRequest_isAnswered() throws Exception {
        HttpResponse<String> response = post("DynamoDB_20120810.ListTables", "{\"Limit\": 1}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JsonParser.parseString(response.body()).getAsJsonObject().has("TableNames")).isTrue();
    }
}
