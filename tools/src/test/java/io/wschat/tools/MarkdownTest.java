package io.wschat.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void tableHeader_namesEveryColumn_andRightAlignsThoseMarkedWithAColon() {
        assertThat(Markdown.tableHeader("N:", "p50 / p99 / max", "msg/s:"))
                .isEqualTo("| N | p50 / p99 / max | msg/s |\n|---:|---|---:|\n");
    }

    @Test
    void tableHeader_keepsAColonInsideAName() {
        assertThat(Markdown.tableHeader("ratio p50: stack", "x:")).isEqualTo("| ratio p50: stack | x |\n|---|---:|\n");
    }
}
