package io.wschat.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Runs in a fresh JVM on a function jar, like the Lambda Java runtime: constructs the handler with its no-arg
 * constructor (so {@code Dependencies.fromEnvironment()} reads this process's environment), deserializes the event
 * with aws-lambda-java-serialization, invokes it twice and prints when each step ended, in epoch microseconds.
 *
 * <p>Usage: {@code ColdStartDriver <handler class> <event file>}. Prints one line starting {@code COLDSTART}.
 */
public final class ColdStartDriver {

    private ColdStartDriver() {
    }

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        String eventJson = Files.readString(Path.of(args[1]));
        ClassLoader loader = ColdStartDriver.class.getClassLoader();

        Class<?> type = Class.forName(handlerClass, true, loader);
        Object handler = type.getConstructor().newInstance();
        long initDone = micros();

        Method method = handlerMethod(type);
        long firstStart = micros();
        String status;
        try {
            status = status(invoke(handler, method, eventJson, loader));
        } catch (InvocationTargetException e) {
            // As Lambda would: the invocation failed, and how long it took still counts.
            e.getCause().printStackTrace();
            status = "error:" + e.getCause().getClass().getSimpleName();
        }
        long firstDone = micros();

        long secondStart = micros();
        try {
            invoke(handler, method, eventJson, loader);
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace();
        }
        long secondDone = micros();

        System.out.printf("COLDSTART initDone=%d firstStart=%d firstDone=%d secondStart=%d secondDone=%d status=%s%n",
                initDone, firstStart, firstDone, secondStart, secondDone, status);
        System.out.flush();
        System.exit(0);
    }

    private static Object invoke(Object handler, Method method, String eventJson, ClassLoader loader)
            throws ReflectiveOperationException {
        @SuppressWarnings("unchecked")
        PojoSerializer<Object> in = (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(
                method.getParameterTypes()[0], loader);
        Object event = in.fromJson(eventJson);
        Object response = method.invoke(handler, event, new DriverContext());
        @SuppressWarnings("unchecked")
        PojoSerializer<Object> out = (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(
                method.getReturnType(), loader);
        out.toJson(response, new ByteArrayOutputStream());
        return response;
    }

    private static Method handlerMethod(Class<?> type) {
        for (Method candidate : type.getMethods()) {
            if (candidate.getName().equals("handleRequest") && !candidate.isBridge()
                    && candidate.getParameterCount() == 2) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no handleRequest(event, Context) in " + type.getName());
    }

    private static String status(Object response) {
        try {
            return String.valueOf(response.getClass().getMethod("getStatusCode").invoke(response));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "?";
        }
    }

    private static long micros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    /** The little of a Lambda context the handlers read. */
    private static final class DriverContext implements Context {

        private final String requestId = UUID.randomUUID().toString();

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + getFunctionName();
        }

        @Override
        public String getLogStreamName() {
            return "coldstart";
        }

        @Override
        public String getFunctionName() {
            return System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "coldstart");
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + getFunctionName();
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 10_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1024;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.print(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
