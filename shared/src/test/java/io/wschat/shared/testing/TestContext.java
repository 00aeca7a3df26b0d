package io.wschat.shared.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.wschat.shared.SyntheticContext;
import java.nio.charset.StandardCharsets;

/** A Lambda {@link Context} for calling handlers directly in tests; its logger writes to standard output. */
public final class TestContext extends SyntheticContext {

    private final int remainingMillis;

    public TestContext(String functionName) {
        this(functionName, 29_000);
    }

    /** An invocation with only {@code remainingMillis} left before the function's timeout. */
    public TestContext(String functionName, int remainingMillis) {
        super(functionName);
        this.remainingMillis = remainingMillis;
    }

    @Override
    public String getAwsRequestId() {
        return "00000000-0000-4000-8000-000000000000";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/28/[$LATEST]00000000000000000000000000000000";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + getFunctionName();
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return new StandardOutputLogger();
    }

    private static final class StandardOutputLogger implements LambdaLogger {

        @Override
        public void log(String message) {
            System.out.print(message);
        }

        @Override
        public void log(byte[] message) {
            System.out.print(new String(message, StandardCharsets.UTF_8));
        }
    }
}
