package io.wschat.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.google.gson.JsonParser;
import io.wschat.local.template.FunctionDefinition;
import io.wschat.shared.Dependencies;
import io.wschat.shared.testing.TestContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerInstanceTest {

    /** Overloads that would tie without the interface: its (Input, Context) is the one called. */
    public static final class Implementing
            implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

        public Implementing(Dependencies dependencies) {
        }

        public String handleRequest(String event, Context context) {
            return "string";
        }

        @Override
        public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
            return null;
        }

        public String handleRequest(APIGatewayV2WebSocketEvent event) {
            return "event only";
        }
    }

    /** No interface: the most parameters win, a last Context counting one more. */
    public static final class Overloaded {

        public String handle() {
            return "none";
        }

        public String handle(String event) {
            return "event";
        }

        public String handle(Context context) {
            return "context";
        }

        public String handle(String event, Context context) {
            return "event and context";
        }

        public String handle(String event, Integer notAContext) {
            return "not a handler shape";
        }
    }

    /** (Context) outranks (Input): a last Context counts as two parameters. */
    public static final class ContextOrEvent {

        public ContextOrEvent(Dependencies dependencies) {
        }

        public String handle(String event) {
            return "event";
        }

        public String handle(Context context) {
            return "context " + context.getAwsRequestId();
        }
    }

    public static final class Tied {

        public String handle(String event, Context context) {
            return "string";
        }

        public String handle(Integer event, Context context) {
            return "integer";
        }
    }

    /** No interface: (InputStream, OutputStream, Context) outranks (Input, Context). */
    public static final class Streaming {

        public void handle(InputStream in, OutputStream out, Context context) {
        }

        public String handle(String event, Context context) {
            return "event";
        }
    }

    /** A stream handler that answers with the route key it read and the request id of its context. */
    public static final class Echoing implements RequestStreamHandler {

        public Echoing(Dependencies dependencies) {
        }

        @Override
        public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
            String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String routeKey = JsonParser.parseString(event).getAsJsonObject().getAsJsonObject("requestContext")
                    .get("routeKey").getAsString();
            out.write(("{\"statusCode\":200,\"body\":\"" + routeKey + " " + context.getAwsRequestId() + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "CONNECTIONS_TABLE", "connections", "MESSAGES_TABLE", "messages",
            "TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:events", "AWS_REGION", "us-east-1",
            "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");

    private static Class<?>[] parameters(Method method) {
        return method.getParameterTypes();
    }

    @Test
    void handlerMethod_isTheRequestHandlersHandleRequest_whenTheClassImplementsIt() throws Exception {
        Method method = HandlerInstance.handlerMethod(Implementing.class, "handleRequest");

        assertThat(method.isBridge()).isFalse();
        assertThat(parameters(method)).containsExactly(APIGatewayV2WebSocketEvent.class, Context.class);
        assertThat(method.getReturnType()).isEqualTo(APIGatewayV2WebSocketResponse.class);
    }

    @Test
    void handlerMethod_prefersTheMostParameters_withContextLast_amongOverloads() throws Exception {
        Method method = HandlerInstance.handlerMethod(Overloaded.class, "handle");

        assertThat(parameters(method)).containsExactly(String.class, Context.class);
    }

    @Test
    void handlerMethod_countsALastContextAsOneParameterMore() throws Exception {
        Method method = HandlerInstance.handlerMethod(ContextOrEvent.class, "handle");

        assertThat(parameters(method)).containsExactly(Context.class);
    }

    @Test
    void handlerMethod_refusesOverloadsThatRankTheSame() {
        assertThatThrownBy(() -> HandlerInstance.handlerMethod(Tied.class, "handle"))
                .isInstanceOf(FunctionInitException.class)
                .hasMessageContaining("rank the same");
    }

    @Test
    void handlerMethod_prefersTheStreamShape_whenItOutranksTheOthers() throws Exception {
        Method method = HandlerInstance.handlerMethod(Streaming.class, "handle");

        assertThat(parameters(method)).containsExactly(InputStream.class, OutputStream.class, Context.class);
    }

    @Test
    void handlerMethod_isTheStreamHandlersHandleRequest_whenTheClassImplementsIt() throws Exception {
        Method method = HandlerInstance.handlerMethod(Echoing.class, "handleRequest");

        assertThat(parameters(method)).containsExactly(InputStream.class, OutputStream.class, Context.class);
    }

    @Test
    void handlerMethod_refusesAClassWithoutSuchAMethod() {
        assertThatThrownBy(() -> HandlerInstance.handlerMethod(Overloaded.class, "missing"))
                .isInstanceOf(FunctionInitException.class)
                .hasMessageContaining("no public method missing");
    }

    @Test
    void invoke_passesOnlyWhatTheChosenMethodTakes() throws Exception {
        HandlerInstance instance = instance(ContextOrEvent.class, "handle");
        try {
            TestContext context = new TestContext("context-or-event");

            assertThat(instance.invoke("{}", serialization(), context, null))
                    .isEqualTo("\"context " + context.getAwsRequestId() + "\"");
        } finally {
            instance.close();
        }
    }

    @Test
    void invoke_givesAStreamHandlerTheEventsJson_andReturnsWhatItWrote() throws Exception {
        HandlerInstance instance = instance(Echoing.class, "handleRequest");
        try {
            TestContext context = new TestContext("echoing");

            assertThat(instance.invoke("{\"requestContext\":{\"routeKey\":\"$connect\"}}", serialization(), context,
                    null)).isEqualTo("{\"statusCode\":200,\"body\":\"$connect " + context.getAwsRequestId() + "\"}");
        } finally {
            instance.close();
        }
    }

    private static HandlerInstance instance(Class<?> type, String method) throws FunctionInitException {
        FunctionDefinition function = new FunctionDefinition(type.getSimpleName(), type.getSimpleName().toLowerCase(),
                type.getName() + "::" + method, 3, 512, ENVIRONMENT);
        return HandlerInstance.create(function, function.environment(), "test", HandlerInstanceTest.class.getClassLoader(),
                System.out);
    }

    private static LambdaSerialization serialization() {
        return new LambdaSerialization(HandlerInstanceTest.class.getClassLoader());
    }
}
