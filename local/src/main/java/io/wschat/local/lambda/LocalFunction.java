package io.wschat.local.lambda;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import io.wschat.local.log.ConsoleLog;
import io.wschat.local.template.FunctionDefinition;
import io.wschat.local.template.LocalNames;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One function of the template, run like Lambda runs it: a pool of handler instances (each serving one
 * invocation at a time, created on demand like cold starts), the event's JSON given to a stream handler as it is
 * and to any other through the runtime's serialization, and the function's Timeout enforced.
 *
 * <p>Unlike Lambda, which starts as many instances as there are concurrent invocations, at most
 * {@code maxInstances} run at once; further invocations wait for one to be free, up to API Gateway's integration
 * timeout ({@link #MAX_QUEUE_WAIT}), and then fail as throttled. On one machine, more instances would not add
 * capacity, only cold starts and threads competing for the same cores.
 */
public final class LocalFunction {

    /** API Gateway's integration timeout: how long an invocation may wait for a free instance. */
    static final Duration MAX_QUEUE_WAIT = Duration.ofSeconds(29);

    private final FunctionDefinition definition;
    private final LocalNames names;
    private final Function<String, Map<String, String>> environmentForKey;
    private final AccessKeys accessKeys;
    private final LambdaSerialization serialization;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final ConsoleLog log;
    private final ConsoleLambdaLogger lambdaLogger;
    private final ClassLoader classLoader;
    private final PrintStream stdout;
    private final Deque<HandlerInstance> idle = new ConcurrentLinkedDeque<>();
    private final InstanceSlots slots;

    LocalFunction(FunctionDefinition definition, LocalNames names, Function<String, Map<String, String>> environmentForKey,
            AccessKeys accessKeys, LambdaSerialization serialization, ExecutorService workers,
            ScheduledExecutorService timer, int maxInstances, ConsoleLog log, PrintStream out,
            ClassLoader classLoader, PrintStream stdout) {
        this.definition = definition;
        this.names = names;
        this.environmentForKey = environmentForKey;
        this.accessKeys = accessKeys;
        this.serialization = serialization;
        this.workers = workers;
        this.timer = timer;
        this.slots = new InstanceSlots(maxInstances, timer);
        this.log = log;
        this.lambdaLogger = new ConsoleLambdaLogger(out, definition.logicalId());
        this.classLoader = classLoader;
        this.stdout = stdout;
    }

    public FunctionDefinition definition() {
        return definition;
    }

    /** Creates one instance ahead of the first invocation, so the first connect does not pay the cold start. */
    public CompletableFuture<Void> warmUp() {
        return CompletableFuture.runAsync(() -> {
            try {
                idle.push(newInstance());
            } catch (FunctionInitException e) {
                log.error(definition.logicalId() + " cannot start: " + e.getMessage());
            }
        }, workers);
    }

    /**
     * Invokes the function with an event given as the JSON API Gateway would send, as soon as an instance is free.
     * Never completes exceptionally.
     */
    public CompletableFuture<InvocationResult> invoke(String eventJson) {
        CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        FanOut fanOut = new FanOut();
        long queued = System.nanoTime();
        slots.acquire(MAX_QUEUE_WAIT).whenComplete((granted, notGranted) -> {
            if (notGranted != null) {
                log.warn(definition.logicalId() + ": invocation throttled, all " + slots.max()
                        + " instances stayed busy for " + MAX_QUEUE_WAIT.toSeconds() + " s (--max-instances)");
                result.complete(error(queued, "TooManyRequestsException: Rate Exceeded.", fanOut));
                return;
            }
            // Freed when the invocation ends, or at once when it times out: Lambda discards that instance, so a
            // thread that ignores the interrupt must not keep the slot.
            AtomicBoolean held = new AtomicBoolean(true);
            Runnable release = () -> {
                if (held.getAndSet(false)) {
                    slots.release();
                }
            };
            Future<?> task;
            try {
                task = workers.submit(() -> {
                    try {
                        run(eventJson, fanOut, result);
                    } finally {
                        release.run();
                    }
                });
            } catch (RejectedExecutionException e) {
                // The stack is shutting down; like a throttled invocation, nothing runs.
                release.run();
                result.complete(error(queued, "the local runtime is shutting down", fanOut));
                return;
            }
            result.whenComplete((done, failure) -> {
                if (done != null && done.outcome() == InvocationResult.Outcome.TIMEOUT) {
                    task.cancel(true);
                    release.run();
                }
            });
        });
        return result;
    }

    /** Invocations waiting for a free instance, as {@code --max-instances} makes them wait. */
    public int waitingInvocations() {
        return slots.waiting();
    }

    /** Instances that may run at once (at least 1). */
    public int maxInstances() {
        return slots.max();
    }

    private void run(String eventJson, FanOut fanOut, CompletableFuture<InvocationResult> result) {
        long started = System.nanoTime();
        HandlerInstance instance;
        try {
            instance = acquire();
        } catch (FunctionInitException e) {
            log.error(definition.logicalId() + " init failed: " + e.getMessage());
            result.complete(error(started, "Runtime.InitError: " + e.getMessage(), fanOut));
            return;
        }
        long invokeStart = System.nanoTime();
        long timeoutNanos = TimeUnit.SECONDS.toNanos(definition.timeoutSeconds());
        String awsRequestId = UUID.randomUUID().toString();
        LocalContext context = new LocalContext(definition, awsRequestId, names, invokeStart + timeoutNanos,
                lambdaLogger);
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            String message = String.format("Task timed out after %d.00 seconds", definition.timeoutSeconds());
            if (result.complete(new InvocationResult(InvocationResult.Outcome.TIMEOUT, 0, null, null, message,
                    elapsed(invokeStart), fanOut))) {
                lambdaLogger.log(awsRequestId + " " + message);
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        boolean reusable = true;
        try {
            String response = instance.invoke(eventJson, serialization, context, fanOut);
            result.complete(response(response, invokeStart, fanOut));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (!result.isDone()) {
                log.error(definition.logicalId() + " threw " + cause, cause);
            }
            result.complete(error(invokeStart, cause.getClass().getSimpleName() + ": " + cause.getMessage(), fanOut));
        } catch (RuntimeException | Error e) {
            log.error(definition.logicalId() + ": " + e, e);
            result.complete(error(invokeStart, e.getClass().getSimpleName() + ": " + e.getMessage(), fanOut));
        } finally {
            deadline.cancel(false);
            instance.finish();
            if (result.join().outcome() == InvocationResult.Outcome.TIMEOUT) {
                // Lambda throws away an environment whose invocation timed out.
                reusable = false;
                Thread.interrupted();
            }
            if (reusable) {
                idle.push(instance);
            } else {
                accessKeys.forget(instance.accessKeyId());
            }
        }
    }

    private HandlerInstance acquire() throws FunctionInitException {
        HandlerInstance instance = idle.poll();
        return instance != null ? instance : newInstance();
    }

    private HandlerInstance newInstance() throws FunctionInitException {
        long started = System.nanoTime();
        String accessKeyId = accessKeys.next();
        HandlerInstance instance = HandlerInstance.create(definition, environmentForKey.apply(accessKeyId),
                accessKeyId, classLoader, stdout);
        accessKeys.register(accessKeyId, definition.logicalId(), instance);
        log.debug(definition.logicalId() + " initialised in " + elapsed(started).toMillis() + " ms");
        return instance;
    }

    private InvocationResult response(String response, long started, FanOut fanOut) {
        String json = response == null ? "null" : response;
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(json);
        } catch (JsonSyntaxException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isJsonObject()) {
            // A handler that returns nothing: API Gateway treats the integration as successful.
            return new InvocationResult(InvocationResult.Outcome.RESPONSE, 200, null, null, null, elapsed(started),
                    fanOut);
        }
        JsonObject object = parsed.getAsJsonObject();
        int status = object.has("statusCode") && !object.get("statusCode").isJsonNull()
                ? object.get("statusCode").getAsInt() : 200;
        if (status < 100 || status > 599) {
            return error(started, "invalid statusCode " + status + " in the integration response", fanOut);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (object.has("headers") && object.get("headers").isJsonObject()) {
            object.getAsJsonObject("headers").entrySet().forEach(entry -> {
                if (!entry.getValue().isJsonNull()) {
                    headers.put(entry.getKey(), entry.getValue().getAsString());
                }
            });
        }
        String body = object.has("body") && !object.get("body").isJsonNull() ? object.get("body").getAsString() : null;
        return new InvocationResult(InvocationResult.Outcome.RESPONSE, status, headers, body, null, elapsed(started),
                fanOut);
    }

    private static InvocationResult error(long started, String message, FanOut fanOut) {
        return new InvocationResult(InvocationResult.Outcome.ERROR, 0, null, null, message, elapsed(started), fanOut);
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
