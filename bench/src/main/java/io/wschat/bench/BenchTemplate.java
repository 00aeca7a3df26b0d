package io.wschat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template the benchmark starts the local stack from: template.yaml itself, or, when its Globals set
 * {@code AutoPublishAlias} (which the local template reader does not merge into each function yet), a copy in
 * {@code target/} with that property repeated on every function.
 */
final class BenchTemplate {

    private static final Pattern GLOBAL_ALIAS = Pattern.compile("(?m)^    AutoPublishAlias: *(\\S+)\\s*$");
    private static final Pattern FUNCTION = Pattern.compile(
            "(?m)^(    Type: AWS::Serverless::Function\\R    Properties:\\R)(?!      AutoPublishAlias:)");

    private BenchTemplate() {
    }

    static Path prepare(Path template, Path targetDir) throws IOException {
        String text = Files.readString(template);
        int resources = text.indexOf("\nResources:");
        Matcher alias = GLOBAL_ALIAS.matcher(resources < 0 ? text : text.substring(0, resources));
        if (!alias.find()) {
            return template;
        }
        String patched = FUNCTION.matcher(text).replaceAll("$1      AutoPublishAlias: " + alias.group(1) + "\n");
        Path copy = targetDir.resolve("bench-template.yaml");
        Files.createDirectories(targetDir);
        Files.writeString(copy, patched);
        return copy;
    }
}
