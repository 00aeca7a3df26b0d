package io.wschat.shared.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;

/**
 * Runs a built function jar the way Lambda does, as far as a test can: in a child JVM whose class path is that jar
 * (plus {@link JarSmoke}), with the handler built by its no-arg constructor from real process environment variables,
 * credentials from the container credentials endpoint (as SnapStart functions get them), priming hooks run, then
 * events handled against the DynamoDB engine and the fakes.
 */
public final class ShadedJar implements AutoCloseable {

    /** One event for {@link JarSmoke}: {@code body} and {@code query} ({@code k=v&k=v}) may be null. */
    public record Event(String routeKey, String eventType, String connectionId, String body, String query) {
    }

    /**
     * What the child JVM printed.
     *
     * @param exitCode   the child's exit code
     * @param output     everything it printed, for failure messages
     * @param failedSteps the priming steps reported failed after {@code beforeCheckpoint}
     * @param statuses   each event's status code, in order
     */
    public record Result(int exitCode, String output, String failedSteps, List<Integer> statuses) {

        /** Fails unless the child exited 0, every priming step passed and the events answered {@code statuses}. */
        public void assertRanCleanly(Integer... expected) {
            assertThat(exitCode).as(output).isZero();
            assertThat(failedSteps).as(output).isEqualTo("[]");
            assertThat(statuses).as(output).containsExactly(expected);
        }
    }

    /** The SDK's HTTP clients other than the URL connection one the functions use, and the CRT. */
    private static final List<String> OTHER_HTTP_CLIENTS = List.of("io/netty/", "org/apache/http/",
            "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/nio/", "software/amazon/awssdk/crt/");

    private static final String TOKEN = "container-token";

    private final Path jar;
    private final HttpServer credentials;
    private final AtomicInteger credentialRequests = new AtomicInteger();

    private ShadedJar(Path jar) throws IOException {
        this.jar = jar;
        credentials = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        credentials.createContext("/credentials", exchange -> {
            try (exchange) {
                boolean authorized = TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = (authorized ? "{\"AccessKeyId\":\"AKIDCONTAINER\",\"SecretAccessKey\":\"container-secret\","
                        + "\"Token\":\"container-session\",\"Expiration\":\""
                        + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}"
                        : "{}").getBytes(StandardCharsets.UTF_8);
                if (authorized) {
                    credentialRequests.incrementAndGet();
                }
                HttpReplies.send(exchange, authorized ? 200 : 401, "application/json", body);
            }
        });
        credentials.start();
    }

    /** For the jar at {@code jar}, which must have been built ({@code package}) already. */
    public static ShadedJar of(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after package");
        }
        try {
            return new ShadedJar(jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every entry name in the jar. */
    public List<String> entries() {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(entry -> entry.getName()).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long size() {
        try {
            return Files.size(jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails if the jar holds another HTTP client than the URL connection one, or an entry under one of
     * {@code alsoForbidden} (prefixes of entry names), or reaches 12 MB.
     */
    public void assertHoldsNoOtherHttpClient_andStaysSmall(String... alsoForbidden) {
        List<String> forbidden = new ArrayList<>(OTHER_HTTP_CLIENTS);
        forbidden.addAll(List.of(alsoForbidden));
        assertThat(entries()).noneMatch(name -> forbidden.stream().anyMatch(name::startsWith));
        assertThat(size()).isLessThan(12L * 1024 * 1024);
    }

    /** How many times the child fetched credentials from the container credentials endpoint. */
    public int credentialRequests() {
        return credentialRequests.get();
    }

    /**
     * Runs {@code handlerClass} from the jar with {@code env} as its whole environment, except that AWS keys are
     * replaced by the container credentials endpoint; waits at most a minute.
     */
    public Result run(String handlerClass, Map<String, String> env, List<Event> events) throws IOException,
            InterruptedException {
        Path smoke = Files.createTempDirectory("jar-smoke");
        String classFile = JarSmoke.class.getName().replace('.', '/') + ".class";
        Path target = smoke.resolve(classFile);
        Files.createDirectories(target.getParent());
        try (InputStream in = JarSmoke.class.getClassLoader().getResourceAsStream(classFile)) {
            Files.copy(in, target);
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-cp", jar.toAbsolutePath() + java.io.File.pathSeparator + smoke,
                JarSmoke.class.getName(), handlerClass));
        for (Event event : events) {
            command.addAll(List.of(event.routeKey(), event.eventType(), event.connectionId(),
                    event.body() == null ? "-" : event.body(), event.query() == null ? "-" : event.query()));
        }
        Path log = smoke.resolve("output.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(new HashMap<>(env));
        environment.remove("AWS_ACCESS_KEY_ID");
        environment.remove("AWS_SECRET_ACCESS_KEY");
        environment.remove("AWS_SESSION_TOKEN");
        environment.put("AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "http://127.0.0.1:" + credentials.getAddress().getPort() + "/credentials");
        environment.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN);
        environment.put("AWS_SHARED_CREDENTIALS_FILE", smoke.resolve("no-credentials").toString());
        environment.put("AWS_CONFIG_FILE", smoke.resolve("no-config").toString());
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the jar did not finish within a minute:\n" + Files.readString(log));
        }
        String text = Files.readString(log);
        String failed = null;
        List<Integer> statuses = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(JarSmoke.PREFIX)) {
                System.out.println(jar.getFileName() + " " + line);
            }
            if (line.startsWith(JarSmoke.PREFIX + "beforeCheckpoint ")) {
                failed = line.substring(line.indexOf('['));
            } else if (line.startsWith(JarSmoke.PREFIX + "status ")) {
                statuses.add(Integer.parseInt(line.split(" ")[2]));
            }
        }
        return new Result(process.exitValue(), text, failed, statuses);
    }

    @Override
    public void close() {
        credentials.stop(0);
    }
}
