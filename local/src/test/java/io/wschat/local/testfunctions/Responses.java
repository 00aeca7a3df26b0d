package io.wschat.local.testfunctions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

/** The responses the test functions answer with. */
final class Responses {

    private Responses() {
    }

    /** A response with this status and body ({@code null}: none). */
    static APIGatewayV2WebSocketResponse of(int statusCode, String body) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(statusCode);
        response.setBody(body);
        return response;
    }
}
