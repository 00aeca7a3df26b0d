package io.wschat.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkExposureTest {

    @Test
    void loopbackBind_warnsOfNothing() {
        assertThat(NetworkExposure.warning("127.0.0.1", 3001, "prod", 8000, 9911)).isEmpty();
        assertThat(NetworkExposure.warning("localhost", 3001, "prod", 8000, 9911)).isEmpty();
        assertThat(NetworkExposure.warning("::1", 3001, "prod", 8000, 9911)).isEmpty();
    }

    @Test
    void wildcardBind_namesEverythingOtherHostsCanReach() {
        List<String> lines = NetworkExposure.warning("0.0.0.0", 3001, "prod", 8000, 9911);

        String text = String.join("\n", lines);
        assertThat(lines.get(0)).startsWith("WARNING: listening on every interface (0.0.0.0)");
        assertThat(text).contains("WebSocket chat on port 3001", "management API on port 3001 (/prod/@connections)",
                "DynamoDB on port 8000", "SNS stand-in on port 9911", "live events at /events");
    }

    @Test
    void anotherAddress_withoutDynamoDb_leavesDynamoDbOut() {
        String text = String.join("\n", NetworkExposure.warning("192.0.2.7", 3001, "prod", null, 9911));

        assertThat(text).contains("listening on 192.0.2.7", "WebSocket chat", "SNS stand-in")
                .doesNotContain("DynamoDB");
    }
}
