package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LogTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Log log = new Log(Log.Level.INFO, new PrintStream(buffer, true, StandardCharsets.UTF_8),
            Clock.fixed(Instant.parse("2026-11-28T18:20:28Z"), ZoneOffset.UTC));

    private String[] lines() {
        String text = buffer.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? new String[0] : text.split("\n");
    }

    @Test
    void info_writesOneJsonObjectPerLine_withFieldsAsJsonFields() {
        log.with("requestId", "r-1", "connectionId", "c-1").info("connection stored", "room", "lobby", "members", 3);

        assertThat(lines()).hasSize(1);
        JsonObject line = JsonParser.parseString(lines()[0]).getAsJsonObject();
        assertThat(line.get("timestamp").getAsString()).isEqualTo("2026-11-28T18:20:28Z");
        assertThat(line.get("level").getAsString()).isEqualTo("INFO");
        assertThat(line.get("message").getAsString()).isEqualTo("connection stored");
        assertThat(line.get("requestId").getAsString()).isEqualTo("r-1");
        assertThat(line.get("connectionId").getAsString()).isEqualTo("c-1");
        assertThat(line.get("room").getAsString()).isEqualTo("lobby");
        assertThat(line.get("members").getAsInt()).isEqualTo(3);
    }

    @Test
    void debug_isDropped_belowTheThreshold() {
        log.debug("noisy", "data", "hello");

        assertThat(lines()).isEmpty();
    }

    @Test
    void warn_carriesTheErrorTypeAndMessage_withoutAStackTrace() {
        log.warn("event not published", new IllegalStateException("down"), "eventType", "connected");

        JsonObject line = JsonParser.parseString(lines()[0]).getAsJsonObject();
        assertThat(line.get("error").getAsString()).isEqualTo("java.lang.IllegalStateException: down");
        assertThat(lines()[0]).doesNotContain("\tat ");
    }

    @Test
    void error_addsTheRootCause() {
        log.error("not stored", new IllegalStateException("wrapper", new java.io.IOException("disk")));

        JsonObject line = JsonParser.parseString(lines()[0]).getAsJsonObject();
        assertThat(line.get("cause").getAsString()).isEqualTo("java.io.IOException: disk");
    }

    @Test
    void info_escapesValues_soALineCannotBeForged() {
        log.info("rejected", "name", "x\"}\n{\"level\":\"ERROR\"");

        assertThat(lines()).hasSize(1);
        assertThat(JsonParser.parseString(lines()[0]).getAsJsonObject().get("name").getAsString())
                .isEqualTo("x\"}\n{\"level\":\"ERROR\"");
    }
}
