package io.wschat.local.dynamodb;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the sqlite4java native libraries DynamoDB Local needs and points {@code sqlite4java.library.path} at them:
 * the {@code lib/} folder next to local.jar (or target/classes), else the Maven repository copied to a temp folder.
 */
final class SqliteNatives {

    static final String PROPERTY = "sqlite4java.library.path";

    private SqliteNatives() {
    }

    static void configure() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        Path found = besideCode();
        if (found == null) {
            found = fromClasspath();
        }
        if (found == null) {
            throw new IllegalStateException("sqlite4java native libraries not found; build with "
                    + "'mvn -pl local -am package' or set -D" + PROPERTY + "=<folder>");
        }
        System.setProperty(PROPERTY, found.toString());
    }

    private static Path besideCode() {
        try {
            Path code = Path.of(SqliteNatives.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = code.getParent().resolve("lib");
            return hasNatives(lib) ? lib : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Copies the native artifacts found next to sqlite4java.jar in the Maven repository into one temp folder. */
    private static Path fromClasspath() {
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName() == null ? "" : jar.getFileName().toString();
            if (!name.startsWith("sqlite4java-") || !name.endsWith(".jar")) {
                continue;
            }
            // <repo>/com/almworks/sqlite4java/sqlite4java/<version>/sqlite4java-<version>.jar
            Path groupDir = jar.getParent().getParent().getParent();
            List<Path> natives = new ArrayList<>();
            try (Stream<Path> files = Files.walk(groupDir, 3)) {
                files.filter(SqliteNatives::isNative).forEach(natives::add);
            } catch (IOException e) {
                return null;
            }
            if (natives.isEmpty()) {
                return null;
            }
            try {
                Path target = Files.createTempDirectory("sqlite4java");
                for (Path file : natives) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }

    private static boolean hasNatives(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(SqliteNatives::isNative);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isNative(Path file) {
        String name = file.getFileName().toString();
        return name.contains("sqlite4java") && (name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib"));
    }
}
