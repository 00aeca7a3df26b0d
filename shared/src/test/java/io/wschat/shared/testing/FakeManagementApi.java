package io.wschat.shared.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A recording stand-in for API Gateway's {@code @connections} management API on a loopback port, reached through
 * the real SDK client, over HTTP or ({@link #startHttps()}) over HTTPS. It answers like API Gateway: 200 for a
 * delivered POST, 410 {@code GoneException}, 400 {@code BadRequestException}, 403 {@code ForbiddenException},
 * 413 {@code PayloadTooLargeException}, 429 {@code LimitExceededException}, or a 5xx, and it can hold a request
 * open to exercise timeouts.
 */
public final class FakeManagementApi implements AutoCloseable {

    public static final String STAGE = "test";

    private static final String STORE_PASSWORD = "fake-management-api";
    private static Path keyStore;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-management-api");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, List<String>> delivered = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The exchanges counted in {@link #inFlight} and not yet answered. */
    private final Set<HttpExchange> counted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile CyclicBarrier barrier;

    private record Failure(int status, AtomicInteger remaining) {
    }

    private FakeManagementApi(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeManagementApi start() {
        try {
            return new FakeManagementApi(HttpServer.create(loopback(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fake on HTTPS, as API Gateway's own endpoint {@code https://{domainName}/{stage}} is, with a self-signed
     * certificate for 127.0.0.1; clients built inside {@link #trusting} accept it.
     */
    public static FakeManagementApi startHttps() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(loadKeyStore(), STORE_PASSWORD.toCharArray());
            tls.init(keys.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(loopback(), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new FakeManagementApi(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the fake management API", e);
        }
    }

    /**
     * Runs {@code build} with this fake's certificate as the JVM's trust store, then puts the previous settings back:
     * an SDK HTTP client built inside trusts the HTTPS fake from then on, and nothing built later does.
     */
    public static synchronized <T> T trusting(Supplier<T> build) {
        String[] names = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType",
                "javax.net.ssl.trustStorePassword"};
        String[] values = {keyStore().toString(), "PKCS12", STORE_PASSWORD};
        String[] previous = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            previous[i] = System.setProperty(names[i], values[i]);
        }
        try {
            return build.get();
        } finally {
            for (int i = 0; i < names.length; i++) {
                if (previous[i] == null) {
                    System.clearProperty(names[i]);
                } else {
                    System.setProperty(names[i], previous[i]);
                }
            }
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /** A PKCS12 store with a self-signed key pair for 127.0.0.1, made once per JVM with the JDK's keytool. */
    private static synchronized Path keyStore() {
        if (keyStore == null) {
            try {
                Path directory = Files.createTempDirectory("fake-management-api");
                Path store = directory.resolve("loopback.p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool")
                        .toString(), "-genkeypair", "-alias", "loopback", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                        "-storetype", "PKCS12", "-keystore", store.toString(),
                        "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                        .redirectErrorStream(true).start();
                String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (keytool.waitFor() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
                store.toFile().deleteOnExit();
                directory.toFile().deleteOnExit();
                keyStore = store;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while making the fake's certificate", e);
            }
        }
        return keyStore;
    }

    private static KeyStore loadKeyStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore())) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        return store;
    }

    /** The base URL to use as {@code CALLBACK_URL}; {@code https} for a fake from {@link #startHttps()}. */
    public URI callbackUrl() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/" + STAGE);
    }

    /** Frames accepted (answered 200) for this connection, in arrival order. */
    public List<String> posts(String connectionId) {
        return List.copyOf(delivered.getOrDefault(connectionId, List.of()));
    }

    /** Every connection id that has at least one accepted frame. */
    public Set<String> recipients() {
        return Set.copyOf(delivered.keySet());
    }

    /** POST requests received for this connection, whatever the answer. */
    public int attempts(String connectionId) {
        AtomicInteger count = attempts.get(connectionId);
        return count == null ? 0 : count.get();
    }

    /** The most POST requests that were being served at the same time. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Answers 410 for these connections from now on. */
    public void gone(String... connectionIds) {
        gone.addAll(List.of(connectionIds));
    }

    /**
     * Answers {@code status} (400, 403, 413, 429 or 5xx) to the next {@code times} POSTs for this connection, with
     * the error type API Gateway sends for it.
     */
    public void fail(String connectionId, int status, int times) {
        errorType(status);
        failures.put(connectionId, new Failure(status, new AtomicInteger(times)));
    }

    private static String errorType(int status) {
        return switch (status) {
            case 400 -> "BadRequestException";
            case 403 -> "ForbiddenException";
            case 413 -> "PayloadTooLargeException";
            case 429 -> "LimitExceededException";
            case 500, 502, 503, 504 -> "InternalServerErrorException";
            default -> throw new IllegalArgumentException("the management API does not answer a POST with " + status);
        };
    }

    /** Never answers POSTs for this connection (until closed); the client has to time out. */
    public void hang(String connectionId) {
        hanging.add(connectionId);
    }

    /**
     * Holds every POST until {@code parties} of them are in flight together (at most one second), so a test can
     * tell concurrent posting from sequential posting without timing guesses. A POST that waited in vain gets 500.
     */
    public void gatherInGroupsOf(int parties) {
        barrier = new CyclicBarrier(parties);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String prefix = "/" + STAGE + "/@connections/";
            if (!path.startsWith(prefix)) {
                respond(exchange, 403, "ForbiddenException", "{\"message\":\"Forbidden\"}");
                return;
            }
            String connectionId = path.substring(prefix.length());
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, "DELETE".equals(exchange.getRequestMethod()) ? 204 : 405, null, "");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            attempts.computeIfAbsent(connectionId, id -> new AtomicInteger()).incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            counted.add(exchange);
            try {
                answer(exchange, connectionId, body);
            } finally {
                leave(exchange);
            }
        }
    }

    private void answer(HttpExchange exchange, String connectionId, String body) throws IOException {
        if (hanging.contains(connectionId)) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        CyclicBarrier gather = barrier;
        if (gather != null) {
            try {
                gather.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                gather.reset();
                respond(exchange, 500, "InternalServerErrorException", "{\"message\":\"not gathered\"}");
                return;
            }
        }
        if (gone.contains(connectionId)) {
            respond(exchange, 410, "GoneException", "{\"message\":null}");
            return;
        }
        Failure failure = failures.get(connectionId);
        if (failure != null && failure.remaining().getAndDecrement() > 0) {
            String type = errorType(failure.status());
            respond(exchange, failure.status(), type, "{\"message\":\"" + type + "\"}");
            return;
        }
        delivered.computeIfAbsent(connectionId, id -> new CopyOnWriteArrayList<>()).add(body);
        respond(exchange, 200, null, "");
    }

    /**
     * Counts a post as no longer in flight once, before its answer is sent: a client that has its answer may send
     * its next post at once, and must not find this one still counted.
     */
    private void leave(HttpExchange exchange) {
        if (counted.remove(exchange)) {
            inFlight.decrementAndGet();
        }
    }

    private void respond(HttpExchange exchange, int status, String errorType, String body) throws IOException {
        leave(exchange);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "fake-" + System.nanoTime());
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        HttpReplies.send(exchange, status, "application/json", body);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** Every accepted frame, for debugging a failed assertion. */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        delivered.forEach((id, frames) -> lines.add(id + "=" + frames));
        return "FakeManagementApi" + lines;
    }
}
