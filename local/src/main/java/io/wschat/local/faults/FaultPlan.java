package io.wschat.local.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which faults to inject and how often: a share (0 to 1) of the calls each fault applies to, optionally aimed at one
 * connection, and an optional seed for the draws. Immutable; parsed from the {@code --faults} flag, e.g.
 * {@code post.429=0.3,post.500=0.1,post.hang[oKI8L7gBH8tCKh4=]=1,sns.publish=1}. See docs/LOCAL.md.
 *
 * @param rules the faults, at most one per fault and connection
 * @param seed  the seed of the random draws, empty for a random one
 */
public record FaultPlan(List<Rule> rules, OptionalLong seed) {

    /**
     * One fault and the share of calls it hits.
     *
     * @param connectionId for {@code post.*} faults, the one connection whose posts it hits; empty for all. Rules
     *                     aimed at a connection replace the general {@code post.*} rules for that connection.
     */
    public record Rule(Fault fault, double share, Optional<String> connectionId) {

        public Rule {
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(connectionId, "connectionId");
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException(fault.key() + ": the share must be between 0 and 1, was " + share);
            }
            if (connectionId.isPresent() && !fault.isPost()) {
                throw new IllegalArgumentException(fault.key() + " cannot be aimed at a connection");
            }
            if (connectionId.isPresent() && !CONNECTION_ID.matcher(connectionId.get()).matches()) {
                throw new IllegalArgumentException(fault.key() + ": not a connection id: " + connectionId.get());
            }
        }


        @Override
        public String toString() {
            return fault.key() + connectionId.map(id -> "[" + id + "]").orElse("") + "=" + format(share);
        }
    }

    private static final Pattern CONNECTION_ID = Pattern.compile("[A-Za-z0-9_=+/-]+");
    private static final FaultPlan NONE = new FaultPlan(List.of(), OptionalLong.empty());

    public FaultPlan {
        rules = List.copyOf(rules);
        Objects.requireNonNull(seed, "seed");
        validate(rules);
    }

    /** Injects nothing. */
    public static FaultPlan none() {
        return NONE;
    }

    /**
     * Parses {@code KEY[=SHARE]} entries separated by commas, where KEY is a {@link Fault#key()}, optionally
     * followed by {@code [connectionId]} for the {@code post.*} faults, and SHARE is a number from 0 to 1 or a
     * percentage ({@code 30%}); a missing share means 1. {@code none} or an empty text is the empty plan.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static FaultPlan parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
            return none();
        }
        List<Rule> rules = new ArrayList<>();
        for (String raw : trimmed.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("empty entry in \"" + text + "\"");
            }
            int bracket = entry.indexOf('[');
            int close = bracket < 0 ? -1 : entry.indexOf(']', bracket);
            int equals = entry.indexOf('=', close < 0 ? 0 : close);
            if (bracket >= 0 && (close < 0 || (equals >= 0 && equals != close + 1) || (equals < 0
                    && close != entry.length() - 1))) {
                throw new IllegalArgumentException("expected KEY[connectionId]=SHARE but got \"" + entry + "\"");
            }
            String keyPart = bracket >= 0 ? entry.substring(0, bracket) : equals < 0 ? entry : entry.substring(0, equals);
            String key = keyPart.trim().toLowerCase(Locale.ROOT);
            Fault fault = Fault.byKey(key).orElseThrow(() -> new IllegalArgumentException("unknown fault \"" + key
                    + "\"; known: " + Arrays.stream(Fault.values()).map(Fault::key)
                    .collect(Collectors.joining(", "))));
            Optional<String> connectionId = bracket >= 0 ? Optional.of(entry.substring(bracket + 1, close).trim())
                    : Optional.empty();
            double share = equals < 0 ? 1.0 : share(fault, entry.substring(equals + 1).trim());
            rules.add(new Rule(fault, share, connectionId));
        }
        return new FaultPlan(rules, OptionalLong.empty());
    }

    private static double share(Fault fault, String value) {
        try {
            double share = value.endsWith("%")
                    ? Double.parseDouble(value.substring(0, value.length() - 1).trim()) / 100
                    : Double.parseDouble(value);
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException(fault.key() + ": the share must be between 0 and 1 (or 0% to 100%),"
                        + " was " + value);
            }
            return share;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(fault.key() + ": the share must be a number like 0.3 or 30%, was \""
                    + value + "\"");
        }
    }

    private static void validate(List<Rule> rules) {
        Map<String, Rule> seen = new HashMap<>();
        for (Rule rule : rules) {
            String key = rule.fault().key() + rule.connectionId().map(id -> "[" + id + "]").orElse("");
            if (seen.put(key, rule) != null) {
                throw new IllegalArgumentException(key + " is given twice");
            }
        }
        // One draw decides each call, so the shares that can hit the same call must fit into 1.
        checkSum(rules.stream().filter(rule -> isPublish(rule.fault())).toList());
        rules.stream().filter(rule -> rule.fault().isPost()).map(Rule::connectionId).distinct()
                .forEach(target -> checkSum(rules.stream()
                        .filter(rule -> rule.fault().isPost() && rule.connectionId().equals(target)).toList()));
    }

    private static void checkSum(List<Rule> competing) {
        double sum = competing.stream().mapToDouble(Rule::share).sum();
        if (sum > 1 + 1e-9) {
            throw new IllegalArgumentException("the shares of " + competing.stream().map(Rule::toString)
                    .collect(Collectors.joining(", ")) + " add up to more than 1");
        }
    }

    private static boolean isPublish(Fault fault) {
        return fault == Fault.SNS_PUBLISH_ERROR || fault == Fault.SNS_PUBLISH_THROTTLED;
    }

    /** This plan with {@code fault} hitting {@code share} of all its calls (replacing a rule for the same). */
    public FaultPlan with(Fault fault, double share) {
        return with(new Rule(fault, share, Optional.empty()));
    }

    /** This plan with {@code fault} hitting {@code share} of the posts to one connection. */
    public FaultPlan with(Fault fault, double share, String connectionId) {
        return with(new Rule(fault, share, Optional.of(connectionId)));
    }

    private FaultPlan with(Rule added) {
        List<Rule> next = new ArrayList<>(rules.stream()
                .filter(rule -> !(rule.fault() == added.fault() && rule.connectionId().equals(added.connectionId())))
                .toList());
        next.add(added);
        return new FaultPlan(next, seed);
    }

    public FaultPlan withSeed(long value) {
        return new FaultPlan(rules, OptionalLong.of(value));
    }

    /** Whether no rule can ever fire. */
    public boolean isEmpty() {
        return rules.stream().allMatch(rule -> rule.share() == 0);
    }

    /**
     * The shares of the faults that may hit a call of this kind, in a fixed order, so that one uniform draw picks at
     * most one of them: the rules aimed at the call's connection when there are any, else the general ones.
     */
    Map<Fault, Double> sharesFor(List<Fault> kinds, Optional<String> connectionId) {
        Optional<String> target = connectionId.filter(id -> rules.stream()
                .anyMatch(rule -> kinds.contains(rule.fault()) && rule.connectionId().equals(connectionId)));
        Map<Fault, Double> shares = new EnumMap<>(Fault.class);
        for (Rule rule : rules) {
            if (kinds.contains(rule.fault()) && rule.connectionId().equals(target) && rule.share() > 0) {
                shares.put(rule.fault(), rule.share());
            }
        }
        return shares;
    }

    /** The plan in the flag's own syntax, e.g. {@code post.429=0.3,sns.publish=1}; {@code none} when empty. */
    @Override
    public String toString() {
        if (rules.isEmpty()) {
            return "none";
        }
        return rules.stream().sorted(Comparator.comparing((Rule rule) -> rule.fault().ordinal())
                        .thenComparing(rule -> rule.connectionId().orElse("")))
                .map(Rule::toString).collect(Collectors.joining(","));
    }

    private static String format(double share) {
        String text = String.format(Locale.ROOT, "%.4f", share).replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
