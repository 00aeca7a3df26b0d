package io.wschat.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.wschat.local.lambda.LocalContext;
import io.wschat.local.template.FunctionDefinition;
import io.wschat.local.template.LocalNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs in a fresh JVM on a function jar, like the Lambda Java runtime: constructs the handler with its no-arg
 * constructor (so {@code Dependencies.fromEnvironment()} reads this process's environment), then invokes its
 * {@link RequestStreamHandler} entry point with the event's JSON and reads the response it writes, twice, and prints
 * when each step ended, in epoch microseconds. A stream handler is what the template names, so the runtime builds no
 * event serializers for it.
 *
 * <p>Primed, it runs the handler's SnapStart hooks between constructing it and the first invocation, as the Lambda
 * runtime does around the snapshot: {@code beforeCheckpoint}, then {@code afterRestore}, of the handler's
 * {@code io.wschat.shared.Priming} (from its package-private {@code priming()}). A JDK without CRaC cannot checkpoint,
 * and {@code org.crac.Core}'s global context then neither keeps what registers nor runs hooks, so the driver calls
 * them itself, by reflection (this module does not depend on {@code org.crac}). The first invocation then stands for
 * a restored instance's first, minus the restore itself.
 *
 * <p>Each invocation gets the emulator's Lambda context ({@link LocalContext}) for the function: its name and
 * memory from {@code AWS_LAMBDA_FUNCTION_NAME} and {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}, as the runtime reads
 * them, its logical id, handler and Timeout from the arguments.
 *
 * <p>Usage: {@code ColdStartDriver <logical id> <handler> <timeout seconds> <event file> [primed]}. Prints one line
 * starting {@code COLDSTART}; primed, it ends with when each hook started and ended and the priming steps that failed
 * ({@code none}, or their names joined by commas).
 */
public final class ColdStartDriver {

    private ColdStartDriver() {
    }

    public static void main(String[] args) throws Exception {
        FunctionDefinition function = new FunctionDefinition(args[0], System.getenv("AWS_LAMBDA_FUNCTION_NAME"),
                args[1], Integer.parseInt(args[2]), Integer.parseInt(System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")),
                Map.of());
        String eventJson = Files.readString(Path.of(args[3]));
        boolean primed = args.length > 4 && args[4].equals("primed");
        ClassLoader loader = ColdStartDriver.class.getClassLoader();

        Class<?> type = Class.forName(function.handlerClass(), true, loader);
        if (!RequestStreamHandler.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " is not a RequestStreamHandler");
        }
        Object handler = type.getConstructor().newInstance();
        Invocations invocations = new Invocations((RequestStreamHandler) handler, function);
        long initDone = micros();

        String hooks = primed ? runHooks(handler, loader) : "";

        long firstStart = micros();
        String status;
        try {
            status = invocations.invoke(eventJson);
        } catch (IOException | RuntimeException e) {
            // As Lambda would: the invocation failed, and how long it took still counts.
            e.printStackTrace();
            status = "error:" + e.getClass().getSimpleName();
        }
        long firstDone = micros();

        long secondStart = micros();
        try {
            invocations.invoke(eventJson);
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
        }
        long secondDone = micros();

        System.out.printf("COLDSTART initDone=%d firstStart=%d firstDone=%d secondStart=%d secondDone=%d status=%s%s%n",
                initDone, firstStart, firstDone, secondStart, secondDone, status, hooks);
        System.out.flush();
        System.exit(0);
    }

    /**
     * Runs the SnapStart hooks of {@code handler}'s {@code Priming}, {@code beforeCheckpoint} then {@code afterRestore},
     * and returns the end of the {@code COLDSTART} line: when each started and ended, and the steps that failed.
     */
    static String runHooks(Object handler, ClassLoader loader) throws ReflectiveOperationException {
        Object priming = priming(handler);
        List<String> failed = new ArrayList<>();
        long beforeCheckpointStart = micros();
        failed.addAll(hook(priming, "beforeCheckpoint", loader));
        long beforeCheckpointDone = micros();
        long afterRestoreStart = micros();
        failed.addAll(hook(priming, "afterRestore", loader));
        long afterRestoreDone = micros();
        return String.format(" beforeCheckpointStart=%d beforeCheckpointDone=%d afterRestoreStart=%d"
                + " afterRestoreDone=%d primingFailed=%s", beforeCheckpointStart, beforeCheckpointDone,
                afterRestoreStart, afterRestoreDone, failed.isEmpty() ? "none" : String.join(",", failed));
    }

    /** The handler's {@code Priming}, as its no-arg constructor registered it. */
    private static Object priming(Object handler) throws ReflectiveOperationException {
        return handler.getClass().getMethod("priming").invoke(handler);
    }

    /**
     * Runs one hook of {@code priming} with a null context, as a CRaC JDK would run it (Priming reads no context),
     * and returns the steps that failed; Priming logs each at WARN and goes on.
     */
    private static List<String> hook(Object priming, String name, ClassLoader loader)
            throws ReflectiveOperationException {
        Class<?> context = Class.forName("org.crac.Context", false, loader);
        priming.getClass().getMethod(name, context).invoke(priming, (Object) null);
        List<?> failed = (List<?>) priming.getClass().getMethod("failedSteps").invoke(priming);
        return failed.stream().map(String::valueOf).toList();
    }

    /** Invokes the handler as the runtime does: the event's JSON in, a fresh context, the response's JSON out. */
    private record Invocations(RequestStreamHandler handler, FunctionDefinition function) {

        /** Only the region and account of the names reach a context, in its function ARN. */
        private static final LocalNames NAMES = LocalNames.of("coldstart", "coldstart", "ws://localhost");

        /** The response's status code, or {@code ?} when it has none. */
        String invoke(String eventJson) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out,
                    LocalContext.startingNow(function, NAMES, System.out));
            JsonElement response = JsonParser.parseString(out.toString(StandardCharsets.UTF_8));
            JsonElement status = response.isJsonObject() ? response.getAsJsonObject().get("statusCode") : null;
            return status == null || status.isJsonNull() ? "?" : status.getAsString();
        }
    }

    private static long micros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
