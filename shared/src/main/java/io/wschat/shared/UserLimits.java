package io.wschat.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Limits that hold per user across all of the user's connections and reconnects, kept in rows of the connections
 * table beside the connections (their keys hold {@code #}, which connection ids never do, and they carry no room or
 * user id, so no index sees them; TTL removes them).
 *
 * <p>A user is its user id; an anonymous connection is counted by its source address instead, since its name is
 * whatever it chose ({@link #keyOf}).
 *
 * <ul>
 * <li>Open connections: row {@code conns#<key>} maps each open connection id to its expiry. {@link #claimConnection}
 *     reads it consistently, drops expired entries, and writes it back with one more entry when there is room,
 *     conditional on a version number, so concurrent connects of one user cannot both take the last place. A full
 *     row is checked against the connection rows themselves first, so entries that a lost {@code $disconnect} left
 *     behind do not lock the user out. {@link #releaseConnection} removes an entry.</li>
 * <li>Counters: row {@code <counter>#<key>} counts actions in fixed windows ({@link FixedWindowCounter}).</li>
 * </ul>
 */
public final class UserLimits {

    static final String SLOTS = "slots";
    static final String VERSION = "version";

    /** The counter of all actions of a user. */
    public static final String ACTIONS = "rate";
    /** The counter of a user's room changes (join and leave), which send notices to whole rooms. */
    public static final String ROOM_CHANGES = "rooms";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Clock clock;
    private final FixedWindowCounter windows;

    public UserLimits(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windows = new FixedWindowCounter(dynamoDb, tableName);
    }

    /** Whom the connection's limits count: {@code user#<userId>}, or {@code address#<source IP>} when anonymous. */
    public static String keyOf(Connection connection) {
        return connection.anonymous()
                ? "address#" + connection.sourceIp().orElse("unknown")
                : "user#" + connection.userId();
    }

    /**
     * Takes one of the user's {@code max} places for open connections; a {@code max} of
     * {@link ChatConfig.PerUser#OFF} means no limit, and nothing is read or written.
     *
     * @return false when the user already has {@code max} connections open
     * @throws ConnectionStoreException when DynamoDB fails, or the row kept changing: an attempt fails only when
     *                                   another claim or release of the user succeeded meanwhile, and only
     *                                   {@code max} claims can succeed, so {@code max + 5} attempts are plenty
     */
    public boolean claimConnection(String key, String connectionId, Instant expiresAt, int max) {
        if (max == ChatConfig.PerUser.OFF) {
            return true;
        }
        for (int attempt = 0; attempt < max + 5; attempt++) {
            Map<String, AttributeValue> row = readSlots(key);
            Map<String, Long> open = liveSlots(row, connectionId);
            if (open.size() >= max) {
                open = stillOpen(open);
                if (open.size() >= max) {
                    return false;
                }
            }
            open.put(connectionId, expiresAt.getEpochSecond());
            if (writeSlots(key, open, version(row))) {
                return true;
            }
            // Another connect or disconnect of this user changed the row: read it again.
        }
        throw new ConnectionStoreException("Could not claim a connection place: the row kept changing", null);
    }

    /** Gives the connection's place back; nothing happens when it holds none. */
    public void releaseConnection(String key, String connectionId) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(rowKey("conns", key))
                    .updateExpression("REMOVE #slots.#id ADD #version :one")
                    .conditionExpression("attribute_exists(#slots.#id)")
                    .expressionAttributeNames(Map.of("#slots", SLOTS, "#id", connectionId, "#version", VERSION))
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
        } catch (ConditionalCheckFailedException e) {
            // it held no place
        } catch (RuntimeException e) {
            throw new ConnectionStoreException("Could not release a connection place", e);
        }
    }

    /**
     * Counts one action in the user's {@code counter} for the current window of length {@code window}; a
     * {@code limit} of {@link ChatConfig.PerUser#OFF} means no limit, and nothing is counted.
     *
     * @return false when the user has used up the window's {@code limit}
     */
    public boolean count(String counter, String key, Duration window, int limit) {
        if (limit == ChatConfig.PerUser.OFF) {
            return true;
        }
        long now = clock.millis();
        long number = now / window.toMillis();
        long expiresAt = (number + 1) * window.toMillis() / 1000 + 1;
        return windows.count(rowKey(counter, key), null, number, limit, expiresAt, "an action of a user")
                .outcome() == FixedWindowCounter.Outcome.COUNTED;
    }

    private Map<String, AttributeValue> readSlots(String key) {
        GetItemResponse response;
        try {
            response = dynamoDb.getItem(b -> b.tableName(tableName).key(rowKey("conns", key)).consistentRead(true));
        } catch (RuntimeException e) {
            throw new ConnectionStoreException("Could not read a user's connection places", e);
        }
        return response.hasItem() ? response.item() : Map.of();
    }

    /** The row's entries that have not expired, other than {@code connectionId}'s own. */
    private Map<String, Long> liveSlots(Map<String, AttributeValue> row, String connectionId) {
        long now = clock.instant().getEpochSecond();
        Map<String, Long> open = new LinkedHashMap<>();
        AttributeValue slots = row.get(SLOTS);
        if (slots != null && slots.hasM()) {
            slots.m().forEach((id, expiry) -> {
                long at = expiry.n() == null ? 0 : Long.parseLong(expiry.n());
                if (at > now && !id.equals(connectionId)) {
                    open.put(id, at);
                }
            });
        }
        return open;
    }

    /** The entries whose connection rows still exist, read consistently in one BatchGetItem. */
    private Map<String, Long> stillOpen(Map<String, Long> open) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        open.keySet().forEach(id -> keys.add(Map.of(ConnectionStore.CONNECTION_ID, AttributeValue.fromS(id))));
        Set<String> found;
        try {
            BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(Map.of(tableName,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true)
                            .projectionExpression("#id")
                            .expressionAttributeNames(Map.of("#id", ConnectionStore.CONNECTION_ID)).build())));
            found = response.responses().getOrDefault(tableName, List.of()).stream()
                    .map(item -> item.get(ConnectionStore.CONNECTION_ID).s())
                    .collect(Collectors.toCollection(HashSet::new));
            if (response.hasUnprocessedKeys() && !response.unprocessedKeys().isEmpty()) {
                // Not read: count them as open rather than let a user past the limit.
                response.unprocessedKeys().getOrDefault(tableName, KeysAndAttributes.builder().build()).keys()
                        .forEach(unread -> found.add(unread.get(ConnectionStore.CONNECTION_ID).s()));
            }
        } catch (RuntimeException e) {
            throw new ConnectionStoreException("Could not check a user's open connections", e);
        }
        Map<String, Long> kept = new LinkedHashMap<>(open);
        kept.keySet().retainAll(found);
        return kept;
    }

    private boolean writeSlots(String key, Map<String, Long> open, long version) {
        Map<String, AttributeValue> slots = new HashMap<>();
        open.forEach((id, at) -> slots.put(id, AttributeValue.fromN(Long.toString(at))));
        long expiresAt = open.values().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        Map<String, AttributeValue> item = new HashMap<>(rowKey("conns", key));
        item.put(SLOTS, AttributeValue.fromM(slots));
        item.put(VERSION, AttributeValue.fromN(Long.toString(version + 1)));
        item.put(ConnectionStore.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item)
                    .conditionExpression(version == 0 ? "attribute_not_exists(#version)" : "#version = :version")
                    .expressionAttributeNames(Map.of("#version", VERSION))
                    .expressionAttributeValues(version == 0 ? null : Map.of(":version",
                            AttributeValue.fromN(Long.toString(version)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (RuntimeException e) {
            throw new ConnectionStoreException("Could not store a user's connection places", e);
        }
    }

    private static long version(Map<String, AttributeValue> row) {
        return ConnectionStore.optionalNumber(row, VERSION).orElse(0L);
    }

    private static Map<String, AttributeValue> rowKey(String kind, String key) {
        return Map.of(ConnectionStore.CONNECTION_ID, AttributeValue.fromS(kind + "#" + key));
    }
}
