package io.wschat.shared;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming of one handler: a CRaC {@link Resource} that does a handler's first-request work before Lambda
 * takes the snapshot, and restores uniqueness after each restore.
 *
 * <p>Before the checkpoint it runs, in order, steps that must not change anything real:
 * <ol>
 * <li>{@code dynamodb}: one Query of {@value ConnectionStore#ROOM_INDEX} for {@link #ROOM}, a room no connection can
 *     be in, on the function's real client: loads and warms the HTTP client, TLS, credentials, SigV4 and the JSON
 *     protocol, and reads nothing. Every function may already Query that index.</li>
 * <li>{@code handler}: a second instance of the handler, built on {@link Dependencies#offline offline dependencies}
 *     whose HTTP client answers every AWS call in memory, handles synthetic events: the whole request path
 *     (protocol, stores, SNS publish, management API posts) runs without a byte leaving the JVM.</li>
 * <li>whatever the handler adds (its authenticator, for example).</li>
 * </ol>
 * After a restore it reseeds {@link Dependencies#random()}. A failing step is logged at WARN and skipped: priming
 * only makes the first request faster, so it must never fail the snapshot or the function.
 *
 * <p>Only the Lambda constructor {@link #register() registers} it; tests and the local runtime call the hooks
 * directly or not at all. {@code org.crac} holds registered resources weakly, so the handler keeps this in a field.
 */
public final class Priming implements Resource {

    /** The connection id of the synthetic events. */
    public static final String CONNECTION_ID = "priming";

    /** A room no connection can be in: {@code #} is outside the room rules ({@link Names#isValidRoom}). */
    public static final String ROOM = "#priming";

    private final Log log;
    private final List<Step> beforeCheckpoint;
    private final List<Step> afterRestore;
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();

    private record Step(String name, Runnable work) {
    }

    private Priming(Log log, List<Step> beforeCheckpoint, List<Step> afterRestore) {
        this.log = log;
        this.beforeCheckpoint = List.copyOf(beforeCheckpoint);
        this.afterRestore = List.copyOf(afterRestore);
    }

    /** Priming with the shared steps for a handler built on {@code dependencies}; the handler adds its own. */
    public static Builder builder(Dependencies dependencies) {
        return new Builder(dependencies);
    }

    /** Registers with the CRaC global context, so the Lambda runtime calls the hooks; returns this. */
    public Priming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        run("beforeCheckpoint", beforeCheckpoint);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        run("afterRestore", afterRestore);
    }

    /** The names of the steps the latest run of either hook ran, in order, whether they failed or not. */
    public List<String> ranSteps() {
        return List.copyOf(ran);
    }

    /** The names of the steps that failed in the latest run of either hook. */
    public List<String> failedSteps() {
        return List.copyOf(failed);
    }

    private void run(String phase, List<Step> steps) {
        ran.clear();
        failed.clear();
        long start = System.nanoTime();
        for (Step step : steps) {
            ran.add(step.name());
            try {
                step.work().run();
            } catch (RuntimeException | LinkageError e) {
                // Priming is an optimisation: whatever goes wrong here, the snapshot and the function must not fail.
                failed.add(step.name());
                log.warn("priming step failed", e, "phase", phase, "step", step.name());
            }
        }
        log.info("priming done", "phase", phase, "steps", steps.size(), "failed", failed.size(),
                "ms", (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * A synthetic API Gateway WebSocket event from connection {@link #CONNECTION_ID} on a domain that does not
     * exist, as the offline handler step uses.
     *
     * @param body  the frame, or null
     * @param query query string parameters ({@code $connect}), or null
     */
    public static APIGatewayV2WebSocketEvent event(String routeKey, String eventType, String body,
            Map<String, String> query) {
        APIGatewayV2WebSocketEvent.RequestIdentity identity = new APIGatewayV2WebSocketEvent.RequestIdentity();
        identity.setSourceIp("192.0.2.1");
        identity.setUserAgent("priming");
        APIGatewayV2WebSocketEvent.RequestContext request = new APIGatewayV2WebSocketEvent.RequestContext();
        request.setRouteKey(routeKey);
        request.setEventType(eventType);
        request.setMessageDirection("IN");
        request.setConnectionId(CONNECTION_ID);
        request.setRequestId(CONNECTION_ID);
        request.setDomainName("priming.invalid");
        request.setStage("priming");
        request.setIdentity(identity);
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(request);
        event.setHeaders(Map.of("Host", "priming.invalid"));
        event.setQueryStringParameters(query == null ? null : new HashMap<>(query));
        event.setBody(body);
        return event;
    }

    /** Collects the steps; {@link #build()} adds reseeding as the restore step. */
    public static final class Builder {

        private final Dependencies dependencies;
        private final List<Step> beforeCheckpoint = new ArrayList<>();

        private Builder(Dependencies dependencies) {
            this.dependencies = Objects.requireNonNull(dependencies, "dependencies");
            beforeCheckpoint.add(new Step("dynamodb", () -> dependencies.store().roomMembersUpTo(ROOM, 1)));
        }

        /**
         * Adds the {@code handler} step: a handler from {@code factory}, on offline dependencies built from this
         * function's environment with {@code overrides} applied, handles each event and must answer 200.
         */
        public <H extends WebSocketHandler> Builder handler(
                Function<Dependencies, H> factory, Map<String, String> overrides,
                List<APIGatewayV2WebSocketEvent> events) {
            Objects.requireNonNull(factory, "factory");
            Map<String, String> env = new HashMap<>(dependencies.environment());
            env.putAll(overrides);
            List<APIGatewayV2WebSocketEvent> synthetic = List.copyOf(events);
            return step("handler", () -> {
                try (Dependencies offline = Dependencies.offline(env)) {
                    H handler = factory.apply(offline);
                    for (APIGatewayV2WebSocketEvent event : synthetic) {
                        APIGatewayV2WebSocketResponse response = invoke(handler, event);
                        if (response == null || response.getStatusCode() != 200) {
                            throw new IllegalStateException("synthetic " + event.getRequestContext().getRouteKey()
                                    + " event answered " + (response == null ? null : response.getStatusCode()));
                        }
                    }
                }
            });
        }

        /** Through the runtime's entry point, so that reading the event and writing the response are primed too. */
        private static APIGatewayV2WebSocketResponse invoke(WebSocketHandler handler, APIGatewayV2WebSocketEvent event) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(
                        WebSocketHandler.toJson(event).getBytes(StandardCharsets.UTF_8)), out, new PrimingContext());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return WebSocketHandler.readResponse(out.toByteArray());
        }

        /** Adds a step; it must not change anything outside this JVM. */
        public Builder step(String name, Runnable work) {
            beforeCheckpoint.add(new Step(Objects.requireNonNull(name, "name"), Objects.requireNonNull(work, "work")));
            return this;
        }

        public Priming build() {
            return new Priming(dependencies.log(), beforeCheckpoint,
                    List.of(new Step("reseed", dependencies::reseedRandom)));
        }
    }

    /** The invocation context of the synthetic events: function and request id {@value #CONNECTION_ID}, no logs. */
    private static final class PrimingContext extends SyntheticContext {

        private static final LambdaLogger SILENT = new LambdaLogger() {
            @Override
            public void log(String message) {
            }

            @Override
            public void log(byte[] message) {
            }
        };

        PrimingContext() {
            super(CONNECTION_ID);
        }

        @Override
        public String getAwsRequestId() {
            return CONNECTION_ID;
        }

        @Override
        public String getLogStreamName() {
            return CONNECTION_ID;
        }

        @Override
        public String getInvokedFunctionArn() {
            return CONNECTION_ID;
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
            return SILENT;
        }
    }
}
