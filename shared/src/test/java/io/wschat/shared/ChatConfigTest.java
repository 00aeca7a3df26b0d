package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTIONS_TABLE", "Connections");
        env.put("MESSAGES_TABLE", "Messages");
        env.put("TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:chat");
        return env;
    }

    @Test
    void from_appliesDocumentedDefaults_whenOnlyRequiredVariablesAreSet() {
        ChatConfig config = ChatConfig.from(minimal());

        assertThat(config.connectionsTable()).isEqualTo("Connections");
        assertThat(config.messagesTable()).isEqualTo("Messages");
        assertThat(config.topicArn()).isEqualTo("arn:aws:sns:eu-west-1:123456789012:chat");
        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.callbackUrl()).isEmpty();
        assertThat(config.dynamoDbEndpoint()).isEmpty();
        assertThat(config.snsEndpoint()).isEmpty();
        assertThat(config.credentials()).isEmpty();
        assertThat(config.maxTextLength()).isEqualTo(4000);
        assertThat(config.fanoutConcurrency()).isEqualTo(64);
        assertThat(config.postTimeout()).isEqualTo(Duration.ofMillis(3000));
        assertThat(config.postMaxAttempts()).isEqualTo(4);
        assertThat(config.historyTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.rateLimitMessages()).isEqualTo(20);
        assertThat(config.rateLimitWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.presenceNoticeMaxMembers()).isEqualTo(200);
        assertThat(config.logLevel()).isEqualTo(Log.Level.INFO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONNECTIONS_TABLE", "MESSAGES_TABLE", "TOPIC_ARN"})
    void from_namesTheVariable_whenARequiredOneIsMissing(String name) {
        Map<String, String> env = minimal();
        env.remove(name);

        assertThatThrownBy(() -> ChatConfig.from(env))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(name);
    }

    @Test
    void from_treatsBlankAsMissing() {
        Map<String, String> env = minimal();
        env.put("TOPIC_ARN", "  ");

        assertThatThrownBy(() -> ChatConfig.from(env)).hasMessageContaining("TOPIC_ARN");
    }

    @Test
    void from_readsEveryOptionalVariable() {
        Map<String, String> env = minimal();
        env.put("AWS_REGION", "eu-west-1");
        env.put("CALLBACK_URL", "https://chat.example.com/v1");
        env.put("DYNAMODB_ENDPOINT", "http://127.0.0.1:8000");
        env.put("SNS_ENDPOINT", "http://127.0.0.1:9911");
        env.put("AWS_ACCESS_KEY_ID", "AKID");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        env.put("AWS_SESSION_TOKEN", "token");
        env.put("MAX_TEXT_LENGTH", "500");
        env.put("FANOUT_CONCURRENCY", "8");
        env.put("POST_TIMEOUT_MS", "750");
        env.put("POST_MAX_ATTEMPTS", "2");
        env.put("HISTORY_TTL_HOURS", "48");
        env.put("RATE_LIMIT_MESSAGES", "5");
        env.put("RATE_LIMIT_WINDOW_SECONDS", "60");
        env.put("PRESENCE_NOTICE_MAX_MEMBERS", "50");
        env.put("LOG_LEVEL", "debug");

        ChatConfig config = ChatConfig.from(env);

        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.callbackUrl()).contains(URI.create("https://chat.example.com/v1"));
        assertThat(config.dynamoDbEndpoint()).contains(URI.create("http://127.0.0.1:8000"));
        assertThat(config.snsEndpoint()).contains(URI.create("http://127.0.0.1:9911"));
        assertThat(config.credentials()).contains(
                new ChatConfig.StaticCredentials("AKID", "secret", Optional.of("token")));
        assertThat(config.maxTextLength()).isEqualTo(500);
        assertThat(config.fanoutConcurrency()).isEqualTo(8);
        assertThat(config.postTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(config.postMaxAttempts()).isEqualTo(2);
        assertThat(config.historyTtl()).isEqualTo(Duration.ofHours(48));
        assertThat(config.rateLimitMessages()).isEqualTo(5);
        assertThat(config.rateLimitWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.presenceNoticeMaxMembers()).isEqualTo(50);
        assertThat(config.logLevel()).isEqualTo(Log.Level.DEBUG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAX_TEXT_LENGTH", "FANOUT_CONCURRENCY", "POST_TIMEOUT_MS", "POST_MAX_ATTEMPTS",
        "HISTORY_TTL_HOURS", "RATE_LIMIT_MESSAGES", "RATE_LIMIT_WINDOW_SECONDS", "PRESENCE_NOTICE_MAX_MEMBERS"})
    void from_namesTheVariable_whenANumberIsNotAPositiveInteger(String name) {
        for (String bad : new String[] {"abc", "0", "-3", "1.5"}) {
            Map<String, String> env = minimal();
            env.put(name, bad);

            assertThatThrownBy(() -> ChatConfig.from(env))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(name)
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void from_rejectsAnUnknownLogLevel() {
        Map<String, String> env = minimal();
        env.put("LOG_LEVEL", "VERBOSE");

        assertThatThrownBy(() -> ChatConfig.from(env)).hasMessageContaining("LOG_LEVEL");
    }

    @Test
    void from_rejectsARelativeUrl() {
        Map<String, String> env = minimal();
        env.put("CALLBACK_URL", "/prod");

        assertThatThrownBy(() -> ChatConfig.from(env)).hasMessageContaining("CALLBACK_URL");
    }

    @Test
    void from_requiresBothKeys_whenOnlyOneCredentialVariableIsSet() {
        Map<String, String> env = minimal();
        env.put("AWS_ACCESS_KEY_ID", "AKID");

        assertThatThrownBy(() -> ChatConfig.from(env)).hasMessageContaining("AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void toString_neverShowsTheSecretOrTheToken() {
        Map<String, String> env = minimal();
        env.put("AWS_ACCESS_KEY_ID", "AKID");
        env.put("AWS_SECRET_ACCESS_KEY", "very-secret");
        env.put("AWS_SESSION_TOKEN", "session-token");

        String text = ChatConfig.from(env).toString();

        assertThat(text).contains("AKID").doesNotContain("very-secret").doesNotContain("session-token");
    }

    @Test
    void builder_defaultsEverySettingAsTheEnvironmentDefaultsDo() {
        ChatConfig built = ChatConfig.builder().connectionsTable("Connections").messagesTable("Messages")
                .topicArn("arn:aws:sns:eu-west-1:123456789012:chat").build();

        assertThat(built).isEqualTo(ChatConfig.from(minimal()));
    }

    @Test
    void builder_setsEachNamedSetting() {
        ChatConfig built = ChatConfig.builder().connectionsTable("C").messagesTable("M").topicArn("T")
                .fanoutConcurrency(8).rateLimitMessages(5).goneGrace(java.time.Duration.ZERO).build();

        assertThat(built.fanoutConcurrency()).isEqualTo(8);
        assertThat(built.rateLimitMessages()).isEqualTo(5);
        assertThat(built.goneGrace()).isZero();
        assertThat(built.postMaxAttempts()).isEqualTo(ChatConfig.DEFAULT_POST_MAX_ATTEMPTS);
    }
}
