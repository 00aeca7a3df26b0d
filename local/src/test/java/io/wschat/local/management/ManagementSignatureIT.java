package io.wschat.local.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.local.AccessOptions;
import io.wschat.local.LocalStack;
import io.wschat.local.TestStacks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The management API checks SigV4 as API Gateway does: the stack's keys, AWS's 403s, no presigned links. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ManagementSignatureIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String GONE_ID = "AAAAAAAAAAAAAAA=";
    private static LocalStack stack;
    private static LocalStack anySignature;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStacks.start(TestStacks.gatewayOnly());
        anySignature = TestStacks.start(TestStacks.gatewayOnly()
                .withAccess(AccessOptions.defaults().withAcceptAnySignature(true)));
    }

    @AfterAll
    static void stop() {
        stack.close();
        anySignature.close();
    }

    private static URI connection(LocalStack target) {
        return URI.create(target.callbackUri() + "/@connections/" + GONE_ID.replace("=", "%3D"));
    }

    private static HttpResponse<String> getSigned(LocalStack target, String keyId, String secret, Clock clock)
            throws Exception {
        var signed = SignedHttp.sign("GET", connection(target), new byte[0], keyId, secret, clock);
        return HTTP.send(SignedHttp.toJdk(signed, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, String type, String message) {
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).startsWith("{\"message\":\"" + message);
    }

    @Test
    void theDocumentedCliKeys_signValidly() throws Exception {
        HttpResponse<String> response = getSigned(stack, LocalStack.CLI_ACCESS_KEY_ID,
                LocalStack.CLI_SECRET_ACCESS_KEY, Clock.systemUTC());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(410);
    }

    @Test
    void aWrongSecret_getsInvalidSignatureException() throws Exception {
        assertRefused(getSigned(stack, LocalStack.CLI_ACCESS_KEY_ID, "not-the-secret", Clock.systemUTC()),
                "InvalidSignatureException", "The request signature we calculated does not match the signature you "
                        + "provided. Check your AWS Secret Access Key and signing method.");
    }

    @Test
    void theRightSecret_andAWrongOne_inTurn_areEachJudgedOnTheirOwn() throws Exception {
        Clock now = Clock.systemUTC();
        for (int i = 0; i < 3; i++) {
            assertThat(getSigned(stack, LocalStack.CLI_ACCESS_KEY_ID, LocalStack.CLI_SECRET_ACCESS_KEY, now)
                    .statusCode()).isEqualTo(410);
            assertRefused(getSigned(stack, LocalStack.CLI_ACCESS_KEY_ID, "not-the-secret", now),
                    "InvalidSignatureException", "The request signature we calculated does not match");
        }
    }

    @Test
    void aSignatureOlderThanFiveMinutes_hasExpired() throws Exception {
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6));

        assertRefused(getSigned(stack, LocalStack.CLI_ACCESS_KEY_ID, LocalStack.CLI_SECRET_ACCESS_KEY, past),
                "InvalidSignatureException", "Signature expired: ");
    }

    @Test
    void anUnknownAccessKey_isUnrecognised() throws Exception {
        assertRefused(getSigned(stack, "AKIDSOMEONEELSE", "secret", Clock.systemUTC()),
                "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    @Test
    void noAuthorizationHeader_getsMissingAuthenticationToken() throws Exception {
        assertRefused(get(connection(stack)), "MissingAuthenticationTokenException", "Missing Authentication Token\"}");
    }

    @Test
    void aPresignedQueryString_isRefusedAsUnsigned_evenWhenItsSignatureIsRight() throws Exception {
        URI presigned = URI.create(connection(stack) + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=local%2F"
                + "20260101%2Fus-east-1%2Fexecute-api%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-SignedHeaders"
                + "=host&X-Amz-Signature=abc");
        var signed = SignedHttp.sign("GET", presigned, new byte[0], LocalStack.CLI_ACCESS_KEY_ID,
                LocalStack.CLI_SECRET_ACCESS_KEY, Clock.systemUTC());

        assertRefused(get(presigned), "MissingAuthenticationTokenException", "Missing Authentication Token");
        assertRefused(HTTP.send(SignedHttp.toJdk(signed, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()), "MissingAuthenticationTokenException",
                "Missing Authentication Token");
    }

    @Test
    void aBearerToken_orAnIncompleteSignature_getsIncompleteSignatureException() throws Exception {
        assertRefused(get(connection(stack), "Authorization", "Bearer abc.def"), "IncompleteSignatureException",
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' "
                        + "parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header "
                        + "requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer abc.def");
        assertRefused(get(connection(stack), "Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/"
                + "us-east-1/execute-api/aws4_request, SignedHeaders=host", "X-Amz-Date", "20260101T000000Z"),
                "IncompleteSignatureException", "Authorization header requires 'Signature' parameter.");
    }

    @Test
    void withAcceptAnySignature_anyWellFormedSignaturePasses_butUnsignedRequestsStillDoNot() throws Exception {
        HttpResponse<String> otherKeys = getSigned(anySignature, "AKIDSOMEONEELSE", "whatever", Clock.systemUTC());

        assertThat(otherKeys.statusCode()).as(otherKeys.body()).isEqualTo(410);
        assertRefused(get(connection(anySignature)), "MissingAuthenticationTokenException",
                "Missing Authentication Token");
    }
}
