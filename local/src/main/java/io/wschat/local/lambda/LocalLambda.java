package io.wschat.local.lambda;

import io.wschat.local.log.ConsoleLog;
import io.wschat.local.metrics.LocalMetrics;
import io.wschat.local.template.FunctionDefinition;
import io.wschat.local.template.LocalNames;
import java.io.PrintStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local stand-in for the Lambda service: the template's functions, run on a worker pool so a slow handler
 * never blocks the WebSocket threads.
 */
public final class LocalLambda implements AutoCloseable {

    /** The secret paired with each instance's access key id; the management API checks signatures with it. */
    static final String SECRET_ACCESS_KEY = "local-secret-access-key";

    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private final AccessKeys accessKeys = new AccessKeys();
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;

    /**
     * @param overrides variables that replace the template's for every function (endpoints, region, AUTH_MODE...)
     * @param maxInstances how many instances of each function run at once; further invocations wait their turn
     * @param metrics      reads the metrics the functions write to their standard output, and passes the rest on
     */
    public LocalLambda(Collection<FunctionDefinition> definitions, LocalNames names, Map<String, String> overrides,
            int maxInstances, ConsoleLog log, PrintStream out, LocalMetrics metrics) {
        int concurrency = Math.max(1, maxInstances * definitions.size());
        this.workers = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("lambda-"));
        this.workers.allowCoreThreadTimeOut(true);
        this.timer = new ScheduledThreadPoolExecutor(1, daemonThreads("lambda-timer-"));
        this.timer.setRemoveOnCancelPolicy(true);
        LambdaSerialization serialization = new LambdaSerialization(LocalLambda.class.getClassLoader());
        for (FunctionDefinition definition : definitions) {
            Map<String, String> base = environment(definition, overrides);
            functions.put(definition.logicalId(), new LocalFunction(definition, names, accessKeyId -> {
                Map<String, String> environment = new LinkedHashMap<>(base);
                environment.put("AWS_ACCESS_KEY_ID", accessKeyId);
                environment.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
                return environment;
            }, accessKeys, serialization, workers, timer, maxInstances, log, out, LocalLambda.class.getClassLoader(),
                    metrics.stream()));
        }
    }

    /** The environment a function sees: the template's variables, Lambda's reserved ones, then the overrides. */
    static Map<String, String> environment(FunctionDefinition definition, Map<String, String> overrides) {
        Map<String, String> environment = new LinkedHashMap<>(definition.environment());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", definition.functionName());
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(definition.memorySizeMb()));
        environment.putAll(overrides);
        if (environment.containsKey("AWS_REGION")) {
            environment.putIfAbsent("AWS_DEFAULT_REGION", environment.get("AWS_REGION"));
        }
        return environment;
    }

    public LocalFunction function(String logicalId) {
        LocalFunction function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("unknown function " + logicalId);
        }
        return function;
    }

    public Collection<LocalFunction> functions() {
        return functions.values();
    }

    /** Initialises one instance of every function, in parallel. */
    public CompletableFuture<Void> warmUp() {
        List<CompletableFuture<Void>> started = functions.values().stream().map(LocalFunction::warmUp).toList();
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    }

    /**
     * Counts a management API call for the invocation whose handler instance signed it.
     *
     * @return the calling function's logical id, when the key belongs to one of its instances
     */
    public Optional<String> recordCall(String accessKeyId, String method, int status) {
        return accessKeys.owner(accessKeyId).map(owner -> {
            FanOut fanOut = owner.instance().current();
            if (fanOut != null) {
                fanOut.record(method, status);
            }
            return owner.functionLogicalId();
        });
    }

    /** The secret access key of a handler instance's access key id, while the instance lives. */
    public Optional<String> secretKey(String accessKeyId) {
        return accessKeys.owner(accessKeyId).map(owner -> SECRET_ACCESS_KEY);
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        accessKeys.closeAll();
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
