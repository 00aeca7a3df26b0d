package io.wschat.local.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.wschat.local.template.FunctionDefinition;
import io.wschat.local.template.LocalNames;

/** The Lambda {@link Context} of one local invocation; remaining time counts down from the function's Timeout. */
final class LocalContext implements Context {

    private final FunctionDefinition function;
    private final String awsRequestId;
    private final String functionArn;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    LocalContext(FunctionDefinition function, String awsRequestId, LocalNames names, long deadlineNanos,
            LambdaLogger logger) {
        this.function = function;
        this.awsRequestId = awsRequestId;
        this.functionArn = names.functionArn(function.functionName());
        this.deadlineNanos = deadlineNanos;
        this.logger = logger;
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.functionName();
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + function.logicalId();
    }

    @Override
    public String getFunctionName() {
        return function.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return functionArn;
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
        long remaining = (deadlineNanos - System.nanoTime()) / 1_000_000;
        return (int) Math.max(0, remaining);
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memorySizeMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
