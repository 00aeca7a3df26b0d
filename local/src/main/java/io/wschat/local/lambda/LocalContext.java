package io.wschat.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import io.wschat.local.template.FunctionDefinition;
import io.wschat.local.template.LocalNames;
import io.wschat.shared.SyntheticContext;
import java.io.PrintStream;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The Lambda {@link Context} of one local invocation; remaining time counts down from the function's Timeout. */
public final class LocalContext extends SyntheticContext {

    private final FunctionDefinition function;
    private final String awsRequestId;
    private final String functionArn;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    LocalContext(FunctionDefinition function, String awsRequestId, LocalNames names, long deadlineNanos,
            LambdaLogger logger) {
        super(function.functionName());
        this.function = function;
        this.awsRequestId = awsRequestId;
        this.functionArn = names.functionArn(function.functionName());
        this.deadlineNanos = deadlineNanos;
        this.logger = logger;
    }

    /**
     * The context of an invocation of {@code function} that starts now, with a fresh request id, as the emulator
     * gives it; {@code getLogger()} writes to {@code out}, prefixed with the function's logical id.
     */
    public static LocalContext startingNow(FunctionDefinition function, LocalNames names, PrintStream out) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(function.timeoutSeconds());
        return new LocalContext(function, UUID.randomUUID().toString(), names, deadline,
                new ConsoleLambdaLogger(out, function.logicalId()));
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogStreamName() {
        return "local/[$LATEST]" + function.logicalId();
    }

    @Override
    public String getInvokedFunctionArn() {
        return functionArn;
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
