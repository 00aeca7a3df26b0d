package io.wschat.shared.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequiredTest {

    private static final String MESSAGE = "the tool is required under CI; .ci/run installs it";

    @Test
    void present_returns_whenTheThingIsThere_underCiOrNot() {
        assertThatCode(() -> Required.present(true, MESSAGE, Map.of("CI", "true"))).doesNotThrowAnyException();
        assertThatCode(() -> Required.present(true, MESSAGE, Map.of())).doesNotThrowAnyException();
    }

    @Test
    void present_failsTheTestWithTheMessage_whenMissingUnderCi() {
        assertThatThrownBy(() -> Required.present(false, MESSAGE, Map.of("CI", "true")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage(MESSAGE);
    }

    @Test
    void present_skipsTheTestWithTheMessage_whenMissingOutsideCi() {
        assertThatThrownBy(() -> Required.present(false, MESSAGE, Map.of()))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining(MESSAGE);
    }
}
