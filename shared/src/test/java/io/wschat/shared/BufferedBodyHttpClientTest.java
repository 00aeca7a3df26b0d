package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

class BufferedBodyHttpClientTest {

    private static final byte[] BODY = "{\"TableName\":\"t\"}".getBytes(StandardCharsets.UTF_8);

    /** The SDK's HTTP client interface, recording what it is handed and answering nothing. */
    private static final class Recording implements SdkHttpClient {

        final List<HttpExecuteRequest> requests = new ArrayList<>();

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            requests.add(request);
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    throw new UnsupportedOperationException("not sent");
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private final Recording delegate = new Recording();
    private final ContentStreamProvider content = () -> new ByteArrayInputStream(BODY);

    private static SdkHttpRequest.Builder post() {
        return SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create("https://dynamodb.us-east-1.amazonaws.com/"))
                .putHeader("X-Amz-Target", "DynamoDB_20120810.GetItem")
                .putHeader("Authorization", "AWS4-HMAC-SHA256 Credential=k/20261203/us-east-1/dynamodb/aws4_request")
                .putHeader("Content-Length", Integer.toString(BODY.length));
    }

    private SdkHttpClient buffering() {
        return BufferedBodyHttpClient.around(delegate, "false");
    }

    @Test
    void prepareRequest_handsOnTheRequestWithoutItsContentLength_andEverythingElseAsItWas() {
        SdkHttpRequest request = post().build();

        buffering().prepareRequest(HttpExecuteRequest.builder().request(request).contentStreamProvider(content).build());

        HttpExecuteRequest sent = delegate.requests.get(0);
        assertThat(sent.httpRequest().firstMatchingHeader("Content-Length")).isEmpty();
        assertThat(sent.httpRequest().headers()).containsOnlyKeys("X-Amz-Target", "Authorization");
        assertThat(sent.httpRequest().headers().get("Authorization"))
                .isEqualTo(request.headers().get("Authorization"));
        assertThat(sent.httpRequest().getUri()).isEqualTo(request.getUri());
        assertThat(sent.httpRequest().method()).isEqualTo(SdkHttpMethod.POST);
        assertThat(sent.contentStreamProvider()).containsSame(content);
    }

    @Test
    void prepareRequest_leavesAlone_aRequestWithoutALength_orWithExpect_orWithTransferEncoding() {
        SdkHttpClient client = buffering();
        List<HttpExecuteRequest> given = List.of(
                HttpExecuteRequest.builder().request(post().removeHeader("Content-Length").build()).build(),
                HttpExecuteRequest.builder().request(post().putHeader("Expect", "100-continue").build())
                        .contentStreamProvider(content).build(),
                HttpExecuteRequest.builder().request(post().putHeader("Transfer-Encoding", "chunked").build())
                        .contentStreamProvider(content).build());

        given.forEach(client::prepareRequest);

        assertThat(delegate.requests).containsExactlyElementsOf(given);
    }

    @Test
    void around_buffersOnlyWhenTheJvmWouldNotResendAPost() {
        assertThat(BufferedBodyHttpClient.around(delegate, "false")).isInstanceOf(BufferedBodyHttpClient.class);
        assertThat(BufferedBodyHttpClient.around(delegate, "FALSE")).isInstanceOf(BufferedBodyHttpClient.class);
        assertThat(BufferedBodyHttpClient.around(delegate, null)).isSameAs(delegate);
        assertThat(BufferedBodyHttpClient.around(delegate, "true")).isSameAs(delegate);
        assertThat(BufferedBodyHttpClient.around(delegate, "")).isSameAs(delegate);
    }

    @Test
    void closingIt_closesTheClientItWraps_andItKeepsThatClientsName() {
        boolean[] closed = {false};
        SdkHttpClient wrapped = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String clientName() {
                return "UrlConnection";
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        SdkHttpClient client = BufferedBodyHttpClient.around(wrapped, "false");

        client.close();

        assertThat(closed[0]).isTrue();
        assertThat(client.clientName()).isEqualTo("UrlConnection");
    }
}
