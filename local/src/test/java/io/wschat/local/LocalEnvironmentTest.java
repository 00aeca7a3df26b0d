package io.wschat.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a local run puts into the functions' environment in place of the template's AWS-only values. */
class LocalEnvironmentTest {

    private static final URI SNS = URI.create("http://127.0.0.1:9911");

    @Test
    void withoutAuth_theFunctionsRunWithAuthOff_andNoKey() {
        Map<String, String> environment = LocalStack.overrides(LocalOptions.defaults(), 3001, "local", SNS);

        assertThat(environment).containsEntry("AUTH_MODE", "none").doesNotContainKey("JWT_SECRET");
    }

    @Test
    void withAuth_andNoKeyGiven_eachRunMakesItsOwnKey_soNothingIsFetchedFromSecretsManager() {
        LocalOptions options = LocalOptions.defaults().withAuthFromTemplate(true);

        String first = LocalStack.overrides(options, 3001, "local", SNS).get("JWT_SECRET");
        String second = LocalStack.overrides(options, 3001, "local", SNS).get("JWT_SECRET");

        assertThat(first).matches("[0-9a-f]{64}").isNotEqualTo(second);
        assertThat(LocalStack.overrides(options, 3001, "local", SNS)).doesNotContainKey("AUTH_MODE");
    }

    @Test
    void withAuth_aKeyGivenWithEnv_isTheOneUsed() {
        LocalOptions options = LocalOptions.defaults().withAuthFromTemplate(true)
                .withEnvironment(Map.of("JWT_SECRET", "chosen-key-0123456789abcdef0123456789"));

        assertThat(LocalStack.overrides(options, 3001, "local", SNS))
                .containsEntry("JWT_SECRET", "chosen-key-0123456789abcdef0123456789");
    }
}
