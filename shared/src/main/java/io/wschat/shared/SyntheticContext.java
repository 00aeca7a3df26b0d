package io.wschat.shared;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;

/**
 * The part every Lambda {@link Context} made outside the Lambda runtime has in common (priming, the local emulator,
 * tests): the function's name, version {@code $LATEST}, the log group Lambda would name for the function, and no
 * Cognito identity or client context, which only mobile SDK invocations carry. A subclass adds the rest of the
 * invocation: its request id, ARN, log stream, memory, remaining time and logger.
 */
public abstract class SyntheticContext implements Context {

    private final String functionName;

    protected SyntheticContext(String functionName) {
        this.functionName = functionName;
    }

    @Override
    public final String getFunctionName() {
        return functionName;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }
}
