package io.wschat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ./run-bench post-paths} end to end, with more members than one address may connect by default. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PostPathsSmokeIT {

    @Test
    void everyPath_broadcastsToEveryMember_evenAboveThePerAddressLimit() throws Exception {
        String table = new PostPaths().run(Path.of(".."), 60, 8, new PrintStream(OutputStream.nullOutputStream()));

        assertThat(table).contains("| the functions' poster (SDK signer, UrlConnection) |",
                "| SDK client, UrlConnection |", "| SDK client, Apache HTTP client |",
                "| bare POST (HttpURLConnection, no SDK) |", "| gateway send (no HTTP) |");
    }
}
