package io.wschat.local.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleLogTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final ConsoleLog log = new ConsoleLog(new PrintStream(written, true, StandardCharsets.UTF_8), false);

    private String output() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @Test
    void info_escapesControlCharacters_soClientTextCannotDriveTheTerminal() {
        log.info("DISCONNECT abc=  1000 \u001b[2J\u001b]0;owned\u0007bye\r\nFAKE LINE\u0085\u202e");

        assertThat(output()).endsWith("DISCONNECT abc=  1000 \\u001b[2J\\u001b]0;owned\\u0007bye\\u000d\\u000aFAKE LINE"
                + "\\u0085\\u202e" + System.lineSeparator());
        assertThat(output().chars().filter(c -> c < 0x20 && c != '\n' && c != '\r')).isEmpty();
    }

    @Test
    void plainText_andUnicodeLetters_areLeftAlone() {
        log.plain("  Routes          $connect → ConnectFunction, héllo 你好");

        assertThat(output()).isEqualTo("  Routes          $connect → ConnectFunction, héllo 你好" + System.lineSeparator());
    }

    @Test
    void errorWithTrace_keepsTheTraceOnItsOwnLines_butEscapesTheTextInIt() {
        log.error("handshake of \u001bX failed", new IllegalStateException("bad \u001b[31mred"));

        String[] lines = output().split(System.lineSeparator());
        assertThat(lines[0]).endsWith("ERROR handshake of \\u001bX failed");
        assertThat(lines[1]).isEqualTo("java.lang.IllegalStateException: bad \\u001b[31mred");
        assertThat(lines[2]).startsWith("\tat ");
    }
}
