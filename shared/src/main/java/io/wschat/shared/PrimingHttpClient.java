package io.wschat.shared;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client for priming that answers every AWS call in memory and never opens a socket, so a handler can run
 * its whole request path before a snapshot without reaching, let alone changing, anything real.
 *
 * <p>DynamoDB calls (recognised by their {@code X-Amz-Target}) get one row that reads both as a connection and as
 * a stored message, so queries find a member and conditional updates succeed; management API calls get 200; SNS
 * calls get a {@code PublishResponse}, or a {@code PublishBatchResponse} accepting entries e0 and e1.
 */
final class PrimingHttpClient implements SdkHttpClient {

    static final String PEER_CONNECTION_ID = "priming-peer";

    private static final byte[] SNS_PUBLISHED = ("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
            + "<PublishResult><MessageId>priming</MessageId></PublishResult>"
            + "<ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata></PublishResponse>")
            .getBytes(StandardCharsets.UTF_8);
    /** The answer to a batch of up to two entries, as the publisher numbers them: e0 and e1. */
    private static final byte[] SNS_BATCH_PUBLISHED = ("<PublishBatchResponse "
            + "xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishBatchResult><Successful>"
            + "<member><Id>e0</Id><MessageId>priming-0</MessageId></member>"
            + "<member><Id>e1</Id><MessageId>priming-1</MessageId></member>"
            + "</Successful><Failed/></PublishBatchResult>"
            + "<ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata></PublishBatchResponse>")
            .getBytes(StandardCharsets.UTF_8);

    private final byte[] itemResponse;
    private final byte[] queryResponse;

    PrimingHttpClient() {
        JsonObject item = new JsonObject();
        item.add(ConnectionStore.CONNECTION_ID, s(PEER_CONNECTION_ID));
        item.add(ConnectionStore.ROOM, s("priming"));
        item.add(ConnectionStore.NAME, s("priming"));
        item.add(ConnectionStore.USER_ID, s("priming"));
        item.add(ConnectionStore.ANONYMOUS, bool());
        item.add(ConnectionStore.CONNECTED_AT, n(1_700_000_000_000L));
        item.add(ConnectionStore.EXPIRES_AT, n(4_102_444_800L));
        item.add(FixedWindowCounter.RATE_WINDOW, n(0));
        item.add(FixedWindowCounter.RATE_COUNT, n(1));
        item.add(MessageStore.SEQ, n(1));
        item.add(MessageStore.ID, s("00000000000000000000000000"));
        item.add(MessageStore.TS, n(1_700_000_000_000L));
        item.add(MessageStore.FROM, s("priming"));
        item.add(MessageStore.DATA, s("priming"));
        JsonObject attributes = new JsonObject();
        attributes.add("Attributes", item);
        itemResponse = attributes.toString().getBytes(StandardCharsets.UTF_8);
        JsonObject query = new JsonObject();
        JsonArray items = new JsonArray();
        items.add(item);
        query.add("Items", items);
        query.addProperty("Count", 1);
        query.addProperty("ScannedCount", 1);
        queryResponse = query.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                String body = "";
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream stream = request.contentStreamProvider().get().newStream()) {
                        body = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
                return answer(request, body);
            }

            @Override
            public void abort() {
                // answered synchronously; nothing in flight
            }
        };
    }

    private HttpExecuteResponse answer(HttpExecuteRequest request, String requestBody) {
        String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(null);
        if (target != null) {
            byte[] body = target.endsWith(".Query") ? queryResponse
                    : target.endsWith(".UpdateItem") || target.endsWith(".DeleteItem") ? itemResponse
                    : "{}".getBytes(StandardCharsets.UTF_8);
            return response(200, "application/x-amz-json-1.0", body);
        }
        if (request.httpRequest().encodedPath().contains("/@connections/")) {
            return response(200, "application/json", new byte[0]);
        }
        return response(200, "text/xml",
                requestBody.contains("Action=PublishBatch") ? SNS_BATCH_PUBLISHED : SNS_PUBLISHED);
    }

    private static HttpExecuteResponse response(int status, String contentType, byte[] body) {
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder()
                        .statusCode(status)
                        .putHeader("Content-Type", contentType)
                        .putHeader("Content-Length", Integer.toString(body.length))
                        .putHeader("x-amzn-RequestId", "priming")
                        .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                .build();
    }

    @Override
    public String clientName() {
        return "Priming";
    }

    @Override
    public void close() {
        // holds no resources
    }

    private static JsonObject s(String value) {
        JsonObject attribute = new JsonObject();
        attribute.addProperty("S", value);
        return attribute;
    }

    private static JsonObject n(long value) {
        JsonObject attribute = new JsonObject();
        attribute.addProperty("N", Long.toString(value));
        return attribute;
    }

    private static JsonObject bool() {
        JsonObject attribute = new JsonObject();
        attribute.addProperty("BOOL", true);
        return attribute;
    }
}
