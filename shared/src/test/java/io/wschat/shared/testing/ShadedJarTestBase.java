package io.wschat.shared.testing;

import io.wschat.shared.WebSocketHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tests of a built function jar: its handler run from the jar alone in a child JVM through {@link ShadedJar},
 * against {@link HandlerBackends}, and the jar's contents checked; a function's test class adds its requests.
 */
@Timeout(90)
public abstract class ShadedJarTestBase extends HandlerTestBase {

    @AutoClose
    protected final ShadedJar jar;

    private final Class<? extends WebSocketHandler> handler;
    private final String[] alsoForbidden;

    /**
     * For {@code target/<function>.jar}, whose entry point is {@code handler}, and which must hold no entry under
     * one of {@code alsoForbidden} (prefixes of entry names) besides the other HTTP clients.
     */
    protected ShadedJarTestBase(String function, Class<? extends WebSocketHandler> handler, String... alsoForbidden) {
        this.jar = ShadedJar.of(Path.of("target", function + ".jar"));
        this.handler = handler;
        this.alsoForbidden = alsoForbidden.clone();
    }

    /** Runs the handler from the jar with {@code env} as its whole environment on {@code events}, in order. */
    protected final ShadedJar.Result run(Map<String, String> env, ShadedJar.Event... events) throws IOException,
            InterruptedException {
        return jar.run(handler.getName(), env, List.of(events));
    }

    @Test
    void jar_holdsNoOtherHttpClient_andStaysSmall() {
        jar.assertHoldsNoOtherHttpClient_andStaysSmall(alsoForbidden);
    }
}
