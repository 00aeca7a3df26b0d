package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChatConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("CONNECTIONS_TABLE", "Connections");
        env.put("MESSAGES_TABLE", "Messages");
        env.put("TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:chat");
        return env;
    }

    /** One optional variable: the value {@code read} gives without it, and with it set to {@code value}. */
    private record Setting(String variable, Function<ChatConfig, Object> read, Object byDefault, String value,
            Object whenSet) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("AWS_REGION", ChatConfig::region, "us-east-1", "eu-west-1", "eu-west-1"),
            new Setting("CALLBACK_URL", ChatConfig::callbackUrl, Optional.empty(),
                    "https://chat.example.com/v1", Optional.of(URI.create("https://chat.example.com/v1"))),
            new Setting("DYNAMODB_ENDPOINT", ChatConfig::dynamoDbEndpoint, Optional.empty(),
                    "http://127.0.0.1:8000", Optional.of(URI.create("http://127.0.0.1:8000"))),
            new Setting("SNS_ENDPOINT", ChatConfig::snsEndpoint, Optional.empty(),
                    "http://127.0.0.1:9911", Optional.of(URI.create("http://127.0.0.1:9911"))),
            new Setting("MAX_TEXT_LENGTH", ChatConfig::maxTextLength, 4000, "500", 500),
            new Setting("FANOUT_CONCURRENCY", ChatConfig::fanoutConcurrency, 64, "8", 8),
            new Setting("POST_TIMEOUT_MS", ChatConfig::postTimeout, Duration.ofMillis(3000), "750",
                    Duration.ofMillis(750)),
            new Setting("POST_MAX_ATTEMPTS", ChatConfig::postMaxAttempts, 4, "2", 2),
            new Setting("HISTORY_TTL_HOURS", ChatConfig::historyTtl, Duration.ofHours(24), "48", Duration.ofHours(48)),
            new Setting("RATE_LIMIT_MESSAGES", ChatConfig::rateLimitMessages, 20, "5", 5),
            new Setting("RATE_LIMIT_WINDOW_SECONDS", ChatConfig::rateLimitWindow, Duration.ofSeconds(10), "60",
                    Duration.ofSeconds(60)),
            new Setting("PRESENCE_NOTICE_MAX_MEMBERS", ChatConfig::presenceNoticeMaxMembers, 200, "50", 50),
            new Setting("LOG_LEVEL", ChatConfig::logLevel, Log.Level.INFO, "debug", Log.Level.DEBUG));

    @Test
    void from_appliesDocumentedDefaults_whenOnlyRequiredVariablesAreSet() {
        ChatConfig config = ChatConfig.from(minimal());

        assertThat(config.connectionsTable()).isEqualTo("Connections");
        assertThat(config.messagesTable()).isEqualTo("Messages");
        assertThat(config.topicArn()).isEqualTo("arn:aws:sns:eu-west-1:123456789012:chat");
        assertThat(config.credentials()).isEmpty();
        for (Setting setting : SETTINGS) {
            assertThat(setting.read().apply(config)).as(setting.variable()).isEqualTo(setting.byDefault());
        }
    }

    @Test
    void from_readsEveryOptionalVariable() {
        Map<String, String> env = minimal();
        for (Setting setting : SETTINGS) {
            env.put(setting.variable(), setting.value());
        }
        env.put("AWS_ACCESS_KEY_ID", "AKID");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        env.put("AWS_SESSION_TOKEN", "token");

        ChatConfig config = ChatConfig.from(env);

        for (Setting setting : SETTINGS) {
            assertThat(setting.read().apply(config)).as(setting.variable()).isEqualTo(setting.whenSet());
        }
        assertThat(config.credentials()).contains(
                new ChatConfig.StaticCredentials("AKID", "secret", Optional.of("token")));
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

    /** An empty value stands for a variable that is not set at all. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a missing table name                    | CONNECTIONS_TABLE |         | CONNECTIONS_TABLE
            a missing table name                    | MESSAGES_TABLE    |         | MESSAGES_TABLE
            a missing topic                         | TOPIC_ARN         |         | TOPIC_ARN
            a blank value counts as missing         | TOPIC_ARN         | '  '    | TOPIC_ARN
            an unknown log level                    | LOG_LEVEL         | VERBOSE | LOG_LEVEL
            a relative URL                          | CALLBACK_URL      | /prod   | CALLBACK_URL
            a key id without its secret access key  | AWS_ACCESS_KEY_ID | AKID    | AWS_SECRET_ACCESS_KEY
            """)
    void from_namesTheVariableAtFault_whenAValueIsMissingOrRejected(String description, String variable,
            String value, String atFault) {
        Map<String, String> env = minimal();
        if (value == null) {
            env.remove(variable);
        } else {
            env.put(variable, value);
        }

        assertThatThrownBy(() -> ChatConfig.from(env))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(atFault);
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
