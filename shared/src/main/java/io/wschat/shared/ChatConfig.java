package io.wschat.shared;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The function's configuration, read once from a map of environment variables.
 *
 * <p>Built from a {@code Map<String,String>} (the process environment in Lambda, the template's values in the
 * local runtime) so nothing has to change process environment variables. Blank values count as absent.
 * {@link #toString()} never prints credentials.
 *
 * @param connectionsTable   {@code CONNECTIONS_TABLE}, required
 * @param messagesTable      {@code MESSAGES_TABLE}, required
 * @param topicArn           {@code TOPIC_ARN}, required
 * @param region             {@code AWS_REGION}, {@value #DEFAULT_REGION} when absent
 * @param callbackUrl        {@code CALLBACK_URL}: management API base URL; empty means derive it from each event
 * @param dynamoDbEndpoint   {@code DYNAMODB_ENDPOINT} override
 * @param snsEndpoint        {@code SNS_ENDPOINT} override
 * @param credentials        {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} / {@code AWS_SESSION_TOKEN};
 *                           empty means the SDK's default provider chain
 * @param maxTextLength      {@code MAX_TEXT_LENGTH}: longest chat text in code points
 * @param fanoutConcurrency  {@code FANOUT_CONCURRENCY}: in-flight {@code PostToConnection} calls per broadcast
 * @param postTimeout        {@code POST_TIMEOUT_MS}: per-attempt timeout of {@code PostToConnection}
 * @param postMaxAttempts    {@code POST_MAX_ATTEMPTS}: attempts per recipient on 429 and 5xx
 * @param historyTtl         {@code HISTORY_TTL_HOURS}: how long messages are kept
 * @param rateLimitMessages  {@code RATE_LIMIT_MESSAGES}: actions one connection may send per window
 * @param rateLimitWindow    {@code RATE_LIMIT_WINDOW_SECONDS}: the length of the fixed rate limit window
 * @param perUser            the limits per user across connections ({@link PerUser})
 * @param presenceNoticeMaxMembers {@code PRESENCE_NOTICE_MAX_MEMBERS}: the largest room that still gets
 *                           {@code joined}, {@code left} and {@code renamed} notices
 * @param goneGrace          {@code GONE_GRACE_SECONDS}: a post answered 410 removes the recipient's row only when the
 *                           connection is older than this, since API Gateway also answers 410 for a connection whose
 *                           {@code $connect} is still running
 * @param logLevel           {@code LOG_LEVEL}
 */
public record ChatConfig(
        String connectionsTable,
        String messagesTable,
        String topicArn,
        String region,
        Optional<URI> callbackUrl,
        Optional<URI> dynamoDbEndpoint,
        Optional<URI> snsEndpoint,
        Optional<StaticCredentials> credentials,
        int maxTextLength,
        int fanoutConcurrency,
        Duration postTimeout,
        int postMaxAttempts,
        Duration historyTtl,
        int rateLimitMessages,
        Duration rateLimitWindow,
        PerUser perUser,
        int presenceNoticeMaxMembers,
        Duration goneGrace,
        Log.Level logLevel) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final int DEFAULT_MAX_TEXT_LENGTH = 4000;
    public static final int DEFAULT_FANOUT_CONCURRENCY = 64;
    public static final int DEFAULT_POST_TIMEOUT_MS = 3000;
    public static final int DEFAULT_POST_MAX_ATTEMPTS = 4;
    public static final int DEFAULT_HISTORY_TTL_HOURS = 24;
    public static final int DEFAULT_RATE_LIMIT_MESSAGES = 20;
    public static final int DEFAULT_RATE_LIMIT_WINDOW_SECONDS = 10;
    public static final int DEFAULT_PRESENCE_NOTICE_MAX_MEMBERS = 200;
    /** Longer than API Gateway's 29 s integration timeout, so longer than any {@code $connect}. */
    public static final int DEFAULT_GONE_GRACE_SECONDS = 30;

    public static final int DEFAULT_MAX_CONNECTIONS_PER_USER = 10;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 50;
    public static final int DEFAULT_USER_RATE_LIMIT_MESSAGES = 40;
    public static final int DEFAULT_ADDRESS_RATE_LIMIT_MESSAGES = 200;
    public static final int DEFAULT_ROOM_CHANGE_LIMIT = 6;
    public static final int DEFAULT_ADDRESS_ROOM_CHANGE_LIMIT = 30;

    /**
     * Limits that hold per user across all of the user's connections and reconnects; an anonymous connection
     * counts for its source address instead ({@link UserLimits#keyOf}), which many people may share behind one NAT,
     * hence its own, higher numbers. The action limits count per {@code RATE_LIMIT_WINDOW_SECONDS}. Zero turns a
     * limit off, and with it the DynamoDB calls that keep it: for load tests on one machine, where every client
     * has the same address (the template does not allow it).
     *
     * @param connectionsPerUser    {@code MAX_CONNECTIONS_PER_USER}: open connections of an authenticated user
     * @param connectionsPerAddress {@code MAX_CONNECTIONS_PER_ADDRESS}: open anonymous connections of one address
     * @param actionsPerUser        {@code USER_RATE_LIMIT_MESSAGES}: actions of an authenticated user per window
     * @param actionsPerAddress     {@code ADDRESS_RATE_LIMIT_MESSAGES}: anonymous actions of one address per window
     * @param roomChangesPerUser    {@code ROOM_CHANGE_LIMIT}: joins and leaves of an authenticated user per window,
     *                              each of which sends notices to two whole rooms
     * @param roomChangesPerAddress {@code ADDRESS_ROOM_CHANGE_LIMIT}: anonymous joins and leaves of one address per
     *                              window
     */
    public record PerUser(int connectionsPerUser, int connectionsPerAddress, int actionsPerUser,
            int actionsPerAddress, int roomChangesPerUser, int roomChangesPerAddress) {

        public static final PerUser DEFAULTS = new PerUser(DEFAULT_MAX_CONNECTIONS_PER_USER,
                DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_USER_RATE_LIMIT_MESSAGES,
                DEFAULT_ADDRESS_RATE_LIMIT_MESSAGES, DEFAULT_ROOM_CHANGE_LIMIT, DEFAULT_ADDRESS_ROOM_CHANGE_LIMIT);

        static PerUser from(Map<String, String> env) {
            return new PerUser(
                    nonNegativeInt(env, "MAX_CONNECTIONS_PER_USER", DEFAULT_MAX_CONNECTIONS_PER_USER),
                    nonNegativeInt(env, "MAX_CONNECTIONS_PER_ADDRESS", DEFAULT_MAX_CONNECTIONS_PER_ADDRESS),
                    nonNegativeInt(env, "USER_RATE_LIMIT_MESSAGES", DEFAULT_USER_RATE_LIMIT_MESSAGES),
                    nonNegativeInt(env, "ADDRESS_RATE_LIMIT_MESSAGES", DEFAULT_ADDRESS_RATE_LIMIT_MESSAGES),
                    nonNegativeInt(env, "ROOM_CHANGE_LIMIT", DEFAULT_ROOM_CHANGE_LIMIT),
                    nonNegativeInt(env, "ADDRESS_ROOM_CHANGE_LIMIT", DEFAULT_ADDRESS_ROOM_CHANGE_LIMIT));
        }

        /** The value that turns a limit off. */
        public static final int OFF = 0;

        /** The open connections allowed to the connection's user (or, anonymous, address); {@link #OFF} for any. */
        public int connections(Connection connection) {
            return connection.anonymous() ? connectionsPerAddress : connectionsPerUser;
        }

        /** The actions per window allowed to the connection's user (or, anonymous, address); {@link #OFF} for any. */
        public int actions(Connection connection) {
            return connection.anonymous() ? actionsPerAddress : actionsPerUser;
        }

        /** The room changes per window allowed to the user (or, anonymous, address); {@link #OFF} for any. */
        public int roomChanges(Connection connection) {
            return connection.anonymous() ? roomChangesPerAddress : roomChangesPerUser;
        }
    }

    /** Keys as static credentials; {@link #toString()} hides the secret and the token. */
    public record StaticCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {

        public StaticCredentials {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            Objects.requireNonNull(sessionToken, "sessionToken");
        }

        @Override
        public String toString() {
            return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***, sessionToken="
                    + (sessionToken.isPresent() ? "***" : "none") + "]";
        }
    }

    public ChatConfig {
        Objects.requireNonNull(connectionsTable, "connectionsTable");
        Objects.requireNonNull(messagesTable, "messagesTable");
        Objects.requireNonNull(topicArn, "topicArn");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        Objects.requireNonNull(dynamoDbEndpoint, "dynamoDbEndpoint");
        Objects.requireNonNull(snsEndpoint, "snsEndpoint");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(postTimeout, "postTimeout");
        Objects.requireNonNull(historyTtl, "historyTtl");
        Objects.requireNonNull(rateLimitWindow, "rateLimitWindow");
        Objects.requireNonNull(perUser, "perUser");
        Objects.requireNonNull(goneGrace, "goneGrace");
        Objects.requireNonNull(logLevel, "logLevel");
    }

    /**
     * Reads the configuration from environment variables.
     *
     * @throws ConfigurationException naming the variable when a required one is missing or a value is unusable
     */
    public static ChatConfig from(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        return builder()
                .connectionsTable(required(env, "CONNECTIONS_TABLE"))
                .messagesTable(required(env, "MESSAGES_TABLE"))
                .topicArn(required(env, "TOPIC_ARN"))
                .region(optional(env, "AWS_REGION").orElse(DEFAULT_REGION))
                .callbackUrl(uri(env, "CALLBACK_URL").orElse(null))
                .dynamoDbEndpoint(uri(env, "DYNAMODB_ENDPOINT").orElse(null))
                .snsEndpoint(uri(env, "SNS_ENDPOINT").orElse(null))
                .credentials(credentials(env).orElse(null))
                .maxTextLength(positiveInt(env, "MAX_TEXT_LENGTH", DEFAULT_MAX_TEXT_LENGTH))
                .fanoutConcurrency(positiveInt(env, "FANOUT_CONCURRENCY", DEFAULT_FANOUT_CONCURRENCY))
                .postTimeout(Duration.ofMillis(positiveInt(env, "POST_TIMEOUT_MS", DEFAULT_POST_TIMEOUT_MS)))
                .postMaxAttempts(positiveInt(env, "POST_MAX_ATTEMPTS", DEFAULT_POST_MAX_ATTEMPTS))
                .historyTtl(Duration.ofHours(positiveInt(env, "HISTORY_TTL_HOURS", DEFAULT_HISTORY_TTL_HOURS)))
                .rateLimitMessages(positiveInt(env, "RATE_LIMIT_MESSAGES", DEFAULT_RATE_LIMIT_MESSAGES))
                .rateLimitWindow(Duration.ofSeconds(positiveInt(env, "RATE_LIMIT_WINDOW_SECONDS",
                        DEFAULT_RATE_LIMIT_WINDOW_SECONDS)))
                .perUser(PerUser.from(env))
                .presenceNoticeMaxMembers(positiveInt(env, "PRESENCE_NOTICE_MAX_MEMBERS",
                        DEFAULT_PRESENCE_NOTICE_MAX_MEMBERS))
                .goneGrace(Duration.ofSeconds(nonNegativeInt(env, "GONE_GRACE_SECONDS", DEFAULT_GONE_GRACE_SECONDS)))
                .logLevel(logLevel(env))
                .build();
    }

    /** A configuration built by name, every optional setting at its default; the three names are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named, defaulted settings of a {@link ChatConfig}; {@link #build()} checks them as the record does. */
    public static final class Builder {
        private String connectionsTable;
        private String messagesTable;
        private String topicArn;
        private String region = DEFAULT_REGION;
        private URI callbackUrl;
        private URI dynamoDbEndpoint;
        private URI snsEndpoint;
        private StaticCredentials credentials;
        private int maxTextLength = DEFAULT_MAX_TEXT_LENGTH;
        private int fanoutConcurrency = DEFAULT_FANOUT_CONCURRENCY;
        private Duration postTimeout = Duration.ofMillis(DEFAULT_POST_TIMEOUT_MS);
        private int postMaxAttempts = DEFAULT_POST_MAX_ATTEMPTS;
        private Duration historyTtl = Duration.ofHours(DEFAULT_HISTORY_TTL_HOURS);
        private int rateLimitMessages = DEFAULT_RATE_LIMIT_MESSAGES;
        private Duration rateLimitWindow = Duration.ofSeconds(DEFAULT_RATE_LIMIT_WINDOW_SECONDS);
        private PerUser perUser = PerUser.DEFAULTS;
        private int presenceNoticeMaxMembers = DEFAULT_PRESENCE_NOTICE_MAX_MEMBERS;
        private Duration goneGrace = Duration.ofSeconds(DEFAULT_GONE_GRACE_SECONDS);
        private Log.Level logLevel = Log.Level.INFO;

        private Builder() {
        }

        public Builder connectionsTable(String value) {
            this.connectionsTable = value;
            return this;
        }

        public Builder messagesTable(String value) {
            this.messagesTable = value;
            return this;
        }

        public Builder topicArn(String value) {
            this.topicArn = value;
            return this;
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        /** The management API's base URL; null derives it from each event. */
        public Builder callbackUrl(URI value) {
            this.callbackUrl = value;
            return this;
        }

        public Builder dynamoDbEndpoint(URI value) {
            this.dynamoDbEndpoint = value;
            return this;
        }

        public Builder snsEndpoint(URI value) {
            this.snsEndpoint = value;
            return this;
        }

        /** Static credentials; null uses the SDK's default provider chain. */
        public Builder credentials(StaticCredentials value) {
            this.credentials = value;
            return this;
        }

        public Builder maxTextLength(int value) {
            this.maxTextLength = value;
            return this;
        }

        public Builder fanoutConcurrency(int value) {
            this.fanoutConcurrency = value;
            return this;
        }

        public Builder postTimeout(Duration value) {
            this.postTimeout = value;
            return this;
        }

        public Builder postMaxAttempts(int value) {
            this.postMaxAttempts = value;
            return this;
        }

        public Builder historyTtl(Duration value) {
            this.historyTtl = value;
            return this;
        }

        public Builder rateLimitMessages(int value) {
            this.rateLimitMessages = value;
            return this;
        }

        public Builder rateLimitWindow(Duration value) {
            this.rateLimitWindow = value;
            return this;
        }

        public Builder perUser(PerUser value) {
            this.perUser = value;
            return this;
        }

        public Builder presenceNoticeMaxMembers(int value) {
            this.presenceNoticeMaxMembers = value;
            return this;
        }

        public Builder goneGrace(Duration value) {
            this.goneGrace = value;
            return this;
        }

        public Builder logLevel(Log.Level value) {
            this.logLevel = value;
            return this;
        }

        public ChatConfig build() {
            return new ChatConfig(connectionsTable, messagesTable, topicArn, region, Optional.ofNullable(callbackUrl),
                    Optional.ofNullable(dynamoDbEndpoint), Optional.ofNullable(snsEndpoint),
                    Optional.ofNullable(credentials), maxTextLength, fanoutConcurrency, postTimeout, postMaxAttempts,
                    historyTtl, rateLimitMessages, rateLimitWindow, perUser, presenceNoticeMaxMembers, goneGrace,
                    logLevel);
        }
    }

    @Override
    public String toString() {
        return "ChatConfig[connectionsTable=" + connectionsTable + ", messagesTable=" + messagesTable
                + ", topicArn=" + topicArn + ", region=" + region + ", callbackUrl=" + callbackUrl
                + ", dynamoDbEndpoint=" + dynamoDbEndpoint + ", snsEndpoint=" + snsEndpoint
                + ", credentials=" + credentials.map(StaticCredentials::toString).orElse("default chain")
                + ", maxTextLength=" + maxTextLength + ", fanoutConcurrency=" + fanoutConcurrency
                + ", postTimeout=" + postTimeout + ", postMaxAttempts=" + postMaxAttempts
                + ", historyTtl=" + historyTtl + ", rateLimitMessages=" + rateLimitMessages
                + ", rateLimitWindow=" + rateLimitWindow + ", perUser=" + perUser
                + ", presenceNoticeMaxMembers=" + presenceNoticeMaxMembers
                + ", goneGrace=" + goneGrace + ", logLevel=" + logLevel + "]";
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String required(Map<String, String> env, String name) {
        return optional(env, name).orElseThrow(
                () -> new ConfigurationException("Missing required environment variable " + name));
    }

    private static Optional<URI> uri(Map<String, String> env, String name) {
        Optional<String> value = optional(env, name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.get());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new ConfigurationException(name + " must be an absolute http(s) URL, was '" + value.get() + "'");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(name + " is not a valid URL: '" + value.get() + "'");
        }
    }

    private static int nonNegativeInt(Map<String, String> env, String name, int defaultValue) {
        return intAtLeast(env, name, defaultValue, 0);
    }

    private static int positiveInt(Map<String, String> env, String name, int defaultValue) {
        return intAtLeast(env, name, defaultValue, 1);
    }

    /** The integer {@code name} holds, {@code least} (0 or 1) or more, or {@code defaultValue} when it is unset. */
    private static int intAtLeast(Map<String, String> env, String name, int defaultValue, int least) {
        Optional<String> value = optional(env, name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        String invalid = name + " must be " + (least == 0 ? "zero or a positive integer" : "a positive integer")
                + ", was '" + value.get() + "'";
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < least) {
                throw new ConfigurationException(invalid);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigurationException(invalid);
        }
    }

    private static Optional<StaticCredentials> credentials(Map<String, String> env) {
        Optional<String> keyId = optional(env, "AWS_ACCESS_KEY_ID");
        Optional<String> secret = optional(env, "AWS_SECRET_ACCESS_KEY");
        if (keyId.isPresent() != secret.isPresent()) {
            throw new ConfigurationException(
                    "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together, missing "
                            + (keyId.isPresent() ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID"));
        }
        return keyId.map(id -> new StaticCredentials(id, secret.get(), optional(env, "AWS_SESSION_TOKEN")));
    }

    private static Log.Level logLevel(Map<String, String> env) {
        Optional<String> value = optional(env, "LOG_LEVEL");
        if (value.isEmpty()) {
            return Log.Level.INFO;
        }
        try {
            return Log.Level.valueOf(value.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(
                    "LOG_LEVEL must be one of DEBUG, INFO, WARN, ERROR, was '" + value.get() + "'");
        }
    }
}
