package io.wschat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void parse_readsMillisSecondsMinutesHoursBareSecondsAndIso_inAnyCase() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(DurationText.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationText.parse("2H")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationText.parse(" 30 ")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("pt90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("-5s")).as("the caller decides about the sign").isEqualTo(Duration.ofSeconds(-5));
    }

    @Test
    void parse_refusesTextThatIsNoDuration() {
        for (String text : new String[] {"", "s", "soon", "10x", "1e3s", "NaNs", "1.5m", "99999999999999999999m",
                "PT", "ptsoon"}) {
            assertThatThrownBy(() -> DurationText.parse(text)).as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not a duration like 500ms, 45s, 10m or 1h");
        }
    }
}
