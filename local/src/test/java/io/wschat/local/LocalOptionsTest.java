package io.wschat.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalOptionsTest {

    @Test
    void defaults_matchApiGatewayAndTheDocumentedPorts() {
        LocalOptions options = LocalOptions.parse();

        assertThat(options.port()).isEqualTo(3001);
        assertThat(options.dynamoDbPort()).isEqualTo(8000);
        assertThat(options.snsPort()).isEqualTo(9911);
        assertThat(options.template()).isEqualTo(Path.of("template.yaml"));
        assertThat(options.dataDir()).isNull();
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(options.maxConnectionDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(options.authFromTemplate()).isFalse();
        assertThat(options.startDynamoDb()).isTrue();
        assertThat(options.maxInstances()).isEqualTo(LocalOptions.DEFAULT_MAX_INSTANCES);
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.access()).isEqualTo(AccessOptions.defaults());
    }

    @Test
    void accessFlags_widenOnlyWhatTheyName() {
        LocalOptions options = LocalOptions.parse("--allow-origin", "http://LOCALHOST:5173/",
                "--allow-origin=https://a.test", "--accept-any-signature", "--sns-allow-remote-endpoints", "--host", "0.0.0.0");

        assertThat(options.access().allowedOrigins()).containsExactly("http://localhost:5173", "https://a.test");
        assertThat(options.access().acceptAnySignature()).isTrue();
        assertThat(options.access().snsAllowRemoteEndpoints()).isTrue();
        assertThat(options.host()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> LocalOptions.parse("--allow-origin", "localhost"))
                .hasMessageContaining("--allow-origin expects an origin");
    }

    @Test
    void help_saysEveryListenerBindsLoopback_andNamesTheAccessFlags() {
        assertThat(LocalOptions.USAGE).contains("--host ADDRESS", "default 127.0.0.1", "0.0.0.0 opens them all",
                "--allow-origin URL", "--accept-any-signature", "--sns-allow-remote-endpoints")
                .doesNotContain("all interfaces)");
    }

    @Test
    void flags_acceptSpaceAndEqualsForms_andRepeatablePairs() {
        LocalOptions options = LocalOptions.parse("--port", "4000", "--dynamodb-port=8100", "--data-dir", ".local-data",
                "--idle-timeout", "30s", "--max-connection-duration=PT1H", "--parameter", "StageName=dev",
                "--parameter=AuthMode=none", "--env", "LOG_LEVEL=DEBUG", "--auth", "--drop-disconnect", "--verbose",
                "--template", "other.yaml", "--host", "127.0.0.1", "--sns-port", "0", "--max-instances=3");

        assertThat(options.port()).isEqualTo(4000);
        assertThat(options.dynamoDbPort()).isEqualTo(8100);
        assertThat(options.snsPort()).isZero();
        assertThat(options.dataDir()).isEqualTo(Path.of(".local-data"));
        assertThat(options.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.maxConnectionDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(options.parameters()).containsEntry("StageName", "dev").containsEntry("AuthMode", "none");
        assertThat(options.environment()).containsEntry("LOG_LEVEL", "DEBUG");
        assertThat(options.authFromTemplate()).isTrue();
        assertThat(options.dropDisconnects()).isTrue();
        assertThat(options.verbose()).isTrue();
        assertThat(options.template()).isEqualTo(Path.of("other.yaml"));
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.maxInstances()).isEqualTo(3);
    }

    @Test
    void durationFlags_readDurationText() {
        LocalOptions options = LocalOptions.parse("--idle-timeout", "1.5s", "--max-connection-duration", "PT90M");

        assertThat(options.idleTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.maxConnectionDuration()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void mistakes_areReportedWithTheFlag() {
        assertThatThrownBy(() -> LocalOptions.parse("--port", "http")).hasMessageContaining("--port");
        assertThatThrownBy(() -> LocalOptions.parse("--port")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LocalOptions.parse("--idle-timeout", "soon"))
                .hasMessage("--idle-timeout must be a duration like 500ms, 45s, 10m or 1h, got soon");
        assertThatThrownBy(() -> LocalOptions.parse("--idle-timeout", "-5s"))
                .hasMessage("--idle-timeout must be longer than zero, got -5s");
        assertThatThrownBy(() -> LocalOptions.parse("--idle-timeout=0"))
                .hasMessage("--idle-timeout must be longer than zero, got 0");
        assertThatThrownBy(() -> LocalOptions.parse("--max-connection-duration", "-1h"))
                .hasMessage("--max-connection-duration must be longer than zero, got -1h");
        assertThatThrownBy(() -> LocalOptions.parse("--parameter", "novalue")).hasMessageContaining("NAME=VALUE");
        assertThatThrownBy(() -> LocalOptions.parse("--max-instances", "0")).hasMessageContaining("--max-instances");
        assertThatThrownBy(() -> LocalOptions.parse("--nope")).hasMessageContaining("unknown option --nope");
        assertThatThrownBy(() -> LocalOptions.parse("--help")).isInstanceOf(LocalOptions.UsageException.class)
                .hasMessage(null);
    }
}
