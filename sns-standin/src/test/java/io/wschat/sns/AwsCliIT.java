package io.wschat.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI against the stand-in, when an {@code aws} executable is on the PATH. */
@Timeout(120)
class AwsCliIT {

    private static final Optional<Path> AWS = findOnPath("aws");

    private static SnsStandIn standIn;
    private static final BlockingQueue<PublishedMessage> published = new LinkedBlockingQueue<>();

    @TempDir
    static Path home;

    @BeforeAll
    static void start() {
        // Under CI a missing CLI is a failure (.ci/run installs it); elsewhere the test skips, saying why.
        if (AWS.isEmpty() && System.getenv("CI") != null) {
            fail("the aws CLI is not on the PATH; it is required under CI, where .ci/run installs it");
        }
        assumeTrue(AWS.isPresent(), "the aws CLI is not on the PATH");
        standIn = SnsStandIn.start(0);
        standIn.addListener(published::add);
    }

    @AfterAll
    static void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }

    @Test
    void createTopic_listTopics_andPublishWithAttributes_succeed() throws Exception {
        String topicArn = aws("sns", "create-topic", "--name", "cli-events").get("TopicArn").getAsString();
        assertThat(topicArn).isEqualTo(standIn.topicArn("cli-events"));

        JsonObject topics = aws("sns", "list-topics");
        assertThat(topics.getAsJsonArray("Topics").toString()).contains(topicArn);

        String messageId = aws("sns", "publish", "--topic-arn", topicArn, "--message", "{\"eventType\":\"message\"}",
                "--message-attributes",
                "{\"eventType\":{\"DataType\":\"String\",\"StringValue\":\"message\"},"
                        + "\"room\":{\"DataType\":\"String\",\"StringValue\":\"lobby\"}}")
                .get("MessageId").getAsString();

        PublishedMessage message = published.poll(10, TimeUnit.SECONDS);
        assertThat(message).isNotNull();
        assertThat(message.messageId()).isEqualTo(messageId);
        assertThat(message.attribute("eventType")).contains("message");
        assertThat(message.attribute("room")).contains("lobby");
    }

    @Test
    void unknownTopic_failsWithNotFound() throws Exception {
        Result result = run("sns", "publish", "--topic-arn", standIn.topicArn("missing"), "--message", "x");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("NotFound");
    }

    private static JsonObject aws(String... args) throws IOException, InterruptedException {
        Result result = run(args);
        assertThat(result.exitCode()).as("aws %s\n%s", String.join(" ", args), result.stderr()).isZero();
        return JsonParser.parseString(result.stdout()).getAsJsonObject();
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(AWS.orElseThrow().toString());
        command.addAll(Arrays.asList(args));
        command.addAll(List.of("--endpoint-url", standIn.endpoint().toString(), "--region", "us-east-1",
                "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        // The child's environment only: dummy credentials, and no user config or pager to interfere.
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.remove("AWS_SESSION_TOKEN");
        env.remove("AWS_PROFILE");
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("AWS_PAGER", "");
        Path stdout = Files.createTempFile(home, "out", ".txt");
        Path stderr = Files.createTempFile(home, "err", ".txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    private static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private record Result(int exitCode, String stdout, String stderr) {}
}
