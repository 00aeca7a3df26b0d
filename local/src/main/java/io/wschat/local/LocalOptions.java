package io.wschat.local;

import io.wschat.local.access.AllowedOrigins;
import io.wschat.local.faults.FaultPlan;
import io.wschat.local.gateway.GatewayLimits;
import io.wschat.sns.DeliveryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to run the local stack: ports, template, DynamoDB persistence, connection limits, overrides, injected faults
 * and the SNS stand-in's retry schedule. Built from
 * command-line flags by {@link #parse(String...)}, or in code with {@link #builder()} (or a {@code with...} method
 * for one change).
 */
public record LocalOptions(int port, int dynamoDbPort, int snsPort, Path template, Path dataDir,
        Duration idleTimeout, Duration maxConnectionDuration, Map<String, String> parameters,
        Map<String, String> environment, boolean authFromTemplate, boolean dropDisconnects, boolean startDynamoDb,
        boolean verbose, String host, FaultPlan faults, DeliveryPolicy snsDeliveryPolicy, int maxInstances,
        AccessOptions access) {

    public static final int DEFAULT_PORT = 3001;
    public static final int DEFAULT_DYNAMODB_PORT = 8000;
    public static final int DEFAULT_SNS_PORT = 9911;
    /** Every listener binds loopback unless {@code --host} says otherwise. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Instances of each function at once: enough for concurrent clients, few enough not to thrash two cores. */
    public static final int DEFAULT_MAX_INSTANCES = 8;
    private static final Set<String> VALUE_FLAGS = Set.of("--port", "--dynamodb-port", "--sns-port", "--template",
            "--data-dir", "--idle-timeout", "--max-connection-duration", "--host", "--parameter", "--env", "--faults",
            "--faults-seed", "--max-instances", "--allow-origin");

    static final String USAGE = """
            Usage: ./run-local [options]        (or: java -jar local/target/local.jar [options])

              --port N                    WebSocket endpoint and management API port (default 3001)
              --dynamodb-port N           DynamoDB engine port (default 8000)
              --sns-port N                SNS stand-in port (default 9911)
              --template FILE             SAM template to read (default template.yaml)
              --data-dir DIR              keep DynamoDB data in DIR between runs (default: in memory)
              --idle-timeout DURATION     close idle connections with 1001 (default 10m; e.g. 30s, 500ms, 2h)
              --max-connection-duration DURATION
                                          close every connection after this long with 1001 (default 2h)
              --parameter NAME=VALUE      override a template parameter's Default (repeatable)
              --env NAME=VALUE            set an environment variable for every function (repeatable)
              --auth                      keep the template's AUTH_MODE (default: AUTH_MODE=none locally)
              --drop-disconnect           never deliver $disconnect, to exercise stale-connection cleanup
              --host ADDRESS              address every listener binds: WebSocket and management API, DynamoDB,
                                          SNS (default 127.0.0.1, this machine only; 0.0.0.0 opens them all to
                                          the network, with a warning)
              --allow-origin URL          also accept WebSocket handshakes from pages of this origin, e.g.
                                          http://localhost:5173 (repeatable; default: the stack's own page and
                                          clients that send no Origin)
              --accept-any-signature      accept any well-formed SigV4 signature on the management API (default:
                                          only the functions' keys and AWS_ACCESS_KEY_ID=local
                                          AWS_SECRET_ACCESS_KEY=local)
              --sns-allow-remote-endpoints
                                          let SNS subscriptions deliver to hosts other than this machine
              --max-instances N           instances of each function at once; more invocations wait (default 8)
              --verbose                   also log events, cold starts and every management API call
              --faults SPEC               inject faults, e.g. "post.429=0.3,post.hang=0.02,sns.publish=1"
                                          (post.410|post.429|post.500|post.hang|sns.publish|sns.publish.429|
                                          sns.delivery, share 0..1 or %; see docs/LOCAL.md)
              --faults-seed N             seed of the fault draws, to reproduce a run (default: random, printed)
              --help                      show this help
            """;

    public LocalOptions {
        parameters = Map.copyOf(parameters);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(snsDeliveryPolicy, "snsDeliveryPolicy");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(access, "access");
        if (maxInstances < 1) {
            throw new UsageException("--max-instances must be at least 1 but got " + maxInstances);
        }
    }

    public static LocalOptions defaults() {
        return builder().build();
    }

    /** Options by name, each at its default until set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.port = port;
        builder.dynamoDbPort = dynamoDbPort;
        builder.snsPort = snsPort;
        builder.template = template;
        builder.dataDir = dataDir;
        builder.idleTimeout = idleTimeout;
        builder.maxConnectionDuration = maxConnectionDuration;
        builder.parameters = parameters;
        builder.environment = environment;
        builder.authFromTemplate = authFromTemplate;
        builder.dropDisconnects = dropDisconnects;
        builder.startDynamoDb = startDynamoDb;
        builder.verbose = verbose;
        builder.host = host;
        builder.faults = faults;
        builder.snsDeliveryPolicy = snsDeliveryPolicy;
        builder.maxInstances = maxInstances;
        builder.access = access;
        return builder;
    }

    /** Named, defaulted options; {@link #build()} checks them as the record does. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private int dynamoDbPort = DEFAULT_DYNAMODB_PORT;
        private int snsPort = DEFAULT_SNS_PORT;
        private Path template = Path.of("template.yaml");
        private Path dataDir;
        private Duration idleTimeout = GatewayLimits.apiGateway().idleTimeout();
        private Duration maxConnectionDuration = GatewayLimits.apiGateway().maxConnectionDuration();
        private Map<String, String> parameters = Map.of();
        private Map<String, String> environment = Map.of();
        private boolean authFromTemplate;
        private boolean dropDisconnects;
        private boolean startDynamoDb = true;
        private boolean verbose;
        private String host = DEFAULT_HOST;
        private FaultPlan faults = FaultPlan.none();
        private DeliveryPolicy snsDeliveryPolicy = DeliveryPolicy.defaults();
        private int maxInstances = DEFAULT_MAX_INSTANCES;
        private AccessOptions access = AccessOptions.defaults();

        private Builder() {
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder dynamoDbPort(int value) {
            this.dynamoDbPort = value;
            return this;
        }

        public Builder snsPort(int value) {
            this.snsPort = value;
            return this;
        }

        public Builder template(Path value) {
            this.template = value;
            return this;
        }

        public Builder dataDir(Path value) {
            this.dataDir = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        public Builder maxConnectionDuration(Duration value) {
            this.maxConnectionDuration = value;
            return this;
        }

        public Builder parameters(Map<String, String> value) {
            this.parameters = value;
            return this;
        }

        public Builder environment(Map<String, String> value) {
            this.environment = value;
            return this;
        }

        public Builder authFromTemplate(boolean value) {
            this.authFromTemplate = value;
            return this;
        }

        public Builder dropDisconnects(boolean value) {
            this.dropDisconnects = value;
            return this;
        }

        public Builder startDynamoDb(boolean value) {
            this.startDynamoDb = value;
            return this;
        }

        public Builder verbose(boolean value) {
            this.verbose = value;
            return this;
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        public Builder faults(FaultPlan value) {
            this.faults = value;
            return this;
        }

        public Builder snsDeliveryPolicy(DeliveryPolicy value) {
            this.snsDeliveryPolicy = value;
            return this;
        }

        public Builder maxInstances(int value) {
            this.maxInstances = value;
            return this;
        }

        public Builder access(AccessOptions value) {
            this.access = value;
            return this;
        }

        public LocalOptions build() {
            return new LocalOptions(port, dynamoDbPort, snsPort, template, dataDir, idleTimeout, maxConnectionDuration,
                    parameters, environment, authFromTemplate, dropDisconnects, startDynamoDb, verbose,
                    host, faults, snsDeliveryPolicy, maxInstances, access);
        }
    }

    /** Parses command-line flags; {@code --flag value} and {@code --flag=value} both work. */
    public static LocalOptions parse(String... args) {
        LocalOptions options = defaults();
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, String> environment = new LinkedHashMap<>();
        Long faultsSeed = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = null;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 0) {
                value = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            }
            switch (flag) {
                case "--auth" -> options = options.withAuthFromTemplate(true);
                case "--drop-disconnect" -> options = options.withDropDisconnects(true);
                case "--verbose" -> options = options.withVerbose(true);
                case "--accept-any-signature" ->
                    options = options.withAccess(options.access().withAcceptAnySignature(true));
                case "--sns-allow-remote-endpoints" ->
                    options = options.withAccess(options.access().withSnsAllowRemoteEndpoints(true));
                case "--help", "-h" -> throw new UsageException(null);
                default -> {
                    if (!VALUE_FLAGS.contains(flag)) {
                        throw new UsageException("unknown option " + flag);
                    }
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(flag + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (flag.equals("--faults-seed")) {
                        faultsSeed = seed(flag, value);
                    } else {
                        options = options.with(flag, value, parameters, environment);
                    }
                }
            }
        }
        if (faultsSeed != null) {
            options = options.withFaults(options.faults().withSeed(faultsSeed));
        }
        return options.withParameters(parameters).withEnvironment(environment);
    }

    private LocalOptions with(String flag, String value, Map<String, String> parameters,
            Map<String, String> environment) {
        return switch (flag) {
            case "--port" -> withPort(port(flag, value));
            case "--dynamodb-port" -> withDynamoDbPort(port(flag, value));
            case "--sns-port" -> withSnsPort(port(flag, value));
            case "--template" -> withTemplate(Path.of(value));
            case "--data-dir" -> withDataDir(Path.of(value));
            case "--idle-timeout" -> withIdleTimeout(duration(flag, value));
            case "--max-connection-duration" -> withMaxConnectionDuration(duration(flag, value));
            case "--host" -> withHost(value);
            case "--allow-origin" -> withAccess(access.withAllowedOrigin(origin(flag, value)));
            case "--max-instances" -> withMaxInstances(positive(flag, value));
            case "--faults" -> {
                try {
                    yield withFaults(FaultPlan.parse(value));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--faults: " + e.getMessage());
                }
            }
            case "--parameter" -> {
                putPair(flag, value, parameters);
                yield this;
            }
            case "--env" -> {
                putPair(flag, value, environment);
                yield this;
            }
            default -> throw new UsageException("unknown option " + flag);
        };
    }

    private static void putPair(String flag, String value, Map<String, String> target) {
        int equals = value.indexOf('=');
        if (equals <= 0) {
            throw new UsageException(flag + " expects NAME=VALUE but got " + value);
        }
        target.put(value.substring(0, equals), value.substring(equals + 1));
    }

    private static String origin(String flag, String value) {
        try {
            return AllowedOrigins.normalize(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + " expects an origin like http://localhost:5173 but got " + value);
        }
    }

    private static long seed(String flag, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a whole number but got " + value);
        }
    }

    private static int port(String flag, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new UsageException(flag + " must be a port number but got " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a port number but got " + value);
        }
    }

    private static int positive(String flag, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " must be a whole number of at least 1 but got " + value);
    }

    /**
     * Reads a duration as {@link DurationText} does, naming the flag when the value is none or not longer than zero
     * (an idle timeout of -5s would close every connection as it opens).
     */
    static Duration duration(String flag, String value) {
        Duration duration;
        try {
            duration = DurationText.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + " must be a duration like " + DurationText.EXAMPLES + ", got " + value);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new UsageException(flag + " must be longer than zero, got " + value);
        }
        return duration;
    }

    public GatewayLimits limits() {
        return GatewayLimits.apiGateway().withIdleTimeout(idleTimeout).withMaxConnectionDuration(maxConnectionDuration);
    }

    public LocalOptions withPort(int value) {
        return toBuilder().port(value).build();
    }

    public LocalOptions withDynamoDbPort(int value) {
        return toBuilder().dynamoDbPort(value).build();
    }

    public LocalOptions withSnsPort(int value) {
        return toBuilder().snsPort(value).build();
    }

    public LocalOptions withTemplate(Path value) {
        return toBuilder().template(value).build();
    }

    public LocalOptions withDataDir(Path value) {
        return toBuilder().dataDir(value).build();
    }

    public LocalOptions withIdleTimeout(Duration value) {
        return toBuilder().idleTimeout(value).build();
    }

    public LocalOptions withMaxConnectionDuration(Duration value) {
        return toBuilder().maxConnectionDuration(value).build();
    }

    public LocalOptions withParameters(Map<String, String> value) {
        return toBuilder().parameters(value).build();
    }

    public LocalOptions withEnvironment(Map<String, String> value) {
        return toBuilder().environment(value).build();
    }

    public LocalOptions withAuthFromTemplate(boolean value) {
        return toBuilder().authFromTemplate(value).build();
    }

    public LocalOptions withDropDisconnects(boolean value) {
        return toBuilder().dropDisconnects(value).build();
    }

    /** Tests of the gateway alone skip DynamoDB to start faster. */
    public LocalOptions withStartDynamoDb(boolean value) {
        return toBuilder().startDynamoDb(value).build();
    }

    public LocalOptions withVerbose(boolean value) {
        return toBuilder().verbose(value).build();
    }

    public LocalOptions withHost(String value) {
        return toBuilder().host(value).build();
    }

    /** Faults to inject from the start; {@code LocalStack.faults()} changes them at run time. */
    public LocalOptions withFaults(FaultPlan value) {
        return toBuilder().faults(value).build();
    }

    /** How the SNS stand-in retries failed deliveries; tests pass a schedule in milliseconds. */
    public LocalOptions withSnsDeliveryPolicy(DeliveryPolicy value) {
        return toBuilder().snsDeliveryPolicy(value).build();
    }

    /** How many instances of each function may run at once; further invocations wait for a free one. */
    public LocalOptions withMaxInstances(int value) {
        return toBuilder().maxInstances(value).build();
    }

    /** What the stack lets in beyond its defaults ({@code --allow-origin}, {@code --accept-any-signature}, ...). */
    public LocalOptions withAccess(AccessOptions value) {
        return toBuilder().access(value).build();
    }

    /** A command line that cannot be understood; a null message asks for the help text alone. */
    public static final class UsageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
