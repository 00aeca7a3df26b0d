package io.wschat.dynamodb.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the AWS CLI, unchanged, as the integration tests of the engine and of the local stack use it: with throwaway
 * credentials and region, and nothing from the machine's profiles, config files, session or pager.
 */
public final class AwsCli {

    /** Set for every run: the CLI signs with these and reads no file of the machine's. */
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "AWS_ACCESS_KEY_ID", "local",
            "AWS_SECRET_ACCESS_KEY", "local",
            "AWS_DEFAULT_REGION", "us-east-1",
            "AWS_REGION", "us-east-1",
            "AWS_CONFIG_FILE", "/nonexistent/aws-config",
            "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials",
            "AWS_PAGER", "");

    /** Removed for every run, so a developer's own AWS session never leaks into a test. */
    private static final List<String> UNSET = List.of("AWS_PROFILE", "AWS_SESSION_TOKEN");

    private static final long TIMEOUT_SECONDS = 60;

    private AwsCli() {
    }

    /** How one run ended: its exit code and what it printed, standard output and error together. */
    public record Result(int exitCode, String output) {
    }

    /** The CLI's version line ({@code aws-cli/2.15.0 Python/3.11 ...}), or empty when no {@code aws} runs here. */
    public static Optional<String> version() {
        try {
            Process process = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0
                    ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Runs {@code aws} with {@code arguments} and waits for it to exit; a run that takes longer than a minute is
     * killed and fails the test.
     */
    public static Result run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(ENVIRONMENT);
        builder.environment().keySet().removeAll(UNSET);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws did not finish: " + command);
        }
        return new Result(process.exitValue(), output);
    }
}
