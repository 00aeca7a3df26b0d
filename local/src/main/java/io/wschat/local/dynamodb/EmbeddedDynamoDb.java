package io.wschat.local.dynamodb;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local running inside this JVM: in memory by default, or persisted to a folder. One shared database,
 * so the AWS CLI sees the same tables whatever region and credentials it signs with.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final int port;
    private final Path dataDir;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port, Path dataDir) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * @param dataDir where to keep the database between runs, or null to keep it in memory
     */
    public static EmbeddedDynamoDb start(int port, Path dataDir) throws Exception {
        SqliteNatives.configure();
        List<String> args = new ArrayList<>(List.of("-port", String.valueOf(port), "-sharedDb", "-disableTelemetry"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            args.add("-dbPath");
            args.add(dataDir.toAbsolutePath().toString());
        }
        DynamoDBProxyServer server = quietly(() -> {
            DynamoDBProxyServer created = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            created.start();
            return created;
        });
        return new EmbeddedDynamoDb(server, port, dataDir);
    }

    /**
     * Runs DynamoDB Local's startup without its configuration banner on stdout, printing it only on failure. Only this
     * thread's output is held back: the functions start at the same time on other threads, and a logger that picks up
     * {@code System.out} meanwhile must keep writing to the console.
     */
    private static synchronized DynamoDBProxyServer quietly(Callable<DynamoDBProxyServer> start) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        Thread starting = Thread.currentThread();
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                target().write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                target().write(bytes, offset, length);
            }

            @Override
            public void flush() {
                console.flush();
            }

            private OutputStream target() {
                return Thread.currentThread() == starting ? banner : console;
            }
        }, true, StandardCharsets.UTF_8));
        try {
            return start.call();
        } catch (Exception e) {
            console.print(banner.toString(StandardCharsets.UTF_8));
            throw e;
        } finally {
            System.setOut(console);
        }
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    public int port() {
        return port;
    }

    /** Null when in memory. */
    public Path dataDir() {
        return dataDir;
    }

    /** A client for this database; any credentials work. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }
}
