package io.wschat.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The connections table in DynamoDB: one row per open connection, keyed by {@code connectionId}.
 *
 * <p>Room and user lookups go through the {@value #ROOM_INDEX} and {@value #USER_INDEX} global secondary indexes,
 * never a Scan, so their cost grows with the room or the user, not with the table. Index reads are eventually
 * consistent: a connection made a moment ago may be missing from a broadcast. Both lookups skip rows whose
 * {@code expiresAt} has passed: DynamoDB's TTL deletes expired rows only eventually (in AWS typically within a few
 * days), and such a row is a connection API Gateway has closed whose {@code $disconnect} was lost. Both indexes project
 * {@code expiresAt} for that filter.
 *
 * <p>The row also holds the connection's rate limit counter ({@code rlWindow}, {@code rlCount}), so the limit holds
 * across every function instance without any state in memory; see {@link #admit}.
 *
 * <p>Every SDK failure surfaces as a {@link ConnectionStoreException}: an {@code SdkException}, and also any other
 * {@code RuntimeException} an SDK call throws, because {@code UrlConnectionHttpClient} can let the failure of an
 * aborted attempt out unwrapped (a {@code NullPointerException} from the JDK's {@code HttpURLConnection}).
 */
public final class ConnectionStore {

    public static final String ROOM_INDEX = "room-index";
    public static final String USER_INDEX = "user-index";

    static final String CONNECTION_ID = "connectionId";
    static final String ROOM = "room";
    static final String NAME = "name";
    static final String USER_ID = "userId";
    static final String CONNECTED_AT = "connectedAt";
    static final String SOURCE_IP = "sourceIp";
    static final String USER_AGENT = "userAgent";
    static final String EXPIRES_AT = "expiresAt";
    static final String ANONYMOUS = "anonymous";

    /** Rows whose expiry has passed are connections that are gone; rows without one are kept. */
    private static final String NOT_EXPIRED = "attribute_not_exists(#expires) OR #expires > :now";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Integer queryPageSize;
    private final Clock clock;
    private final FixedWindowCounter windows;

    public ConnectionStore(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, Clock.systemUTC());
    }

    /** With the clock that decides which rows have expired. */
    public ConnectionStore(DynamoDbClient dynamoDb, String tableName, Clock clock) {
        this(dynamoDb, tableName, null, clock);
    }

    /** With a page size for index queries, so tests can exercise pagination on a handful of rows. */
    ConnectionStore(DynamoDbClient dynamoDb, String tableName, Integer queryPageSize, Clock clock) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.queryPageSize = queryPageSize;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windows = new FixedWindowCounter(dynamoDb, tableName);
    }

    /** Stores the connection, replacing any row with the same id. */
    public void put(Connection connection) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(CONNECTION_ID, s(connection.connectionId()));
        item.put(ROOM, s(connection.room()));
        item.put(NAME, s(connection.name()));
        item.put(USER_ID, s(connection.userId()));
        item.put(CONNECTED_AT, n(connection.connectedAt().toEpochMilli()));
        item.put(EXPIRES_AT, n(connection.expiresAt().getEpochSecond()));
        item.put(ANONYMOUS, AttributeValue.fromBool(connection.anonymous()));
        connection.sourceIp().ifPresent(ip -> item.put(SOURCE_IP, s(ip)));
        connection.userAgent().ifPresent(agent -> item.put(USER_AGENT, s(agent)));
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item));
        } catch (RuntimeException e) {
            throw new ConnectionStoreException("Could not store connection " + connection.connectionId(), e);
        }
    }

    /** The stored connection, read consistently so a connection stored a moment ago is found. */
    public Optional<Connection> find(String connectionId) {
        GetItemResponse response;
        try {
            response = dynamoDb.getItem(b -> b.tableName(tableName).key(key(connectionId)).consistentRead(true));
        } catch (RuntimeException e) {
            throw new ConnectionStoreException("Could not read connection " + connectionId, e);
        }
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(toConnection(response.item()))
                : Optional.empty();
    }

    /**
     * Counts one action of the connection against a fixed-window rate limit and returns its row, without a read
     * ({@link FixedWindowCounter}: one conditional UpdateItem, two when a new window starts).
     *
     * @param window the current window's number (epoch time divided by the window length); a row holding a later
     *               window (another instance's clock is ahead) is counted in that window
     * @param limit  actions allowed per window
     */
    public Admission admit(String connectionId, long window, int limit) {
        FixedWindowCounter.Count count = windows.count(key(connectionId), CONNECTION_ID, window, limit, 0,
                "an action of connection " + connectionId);
        return switch (count.outcome()) {
            case COUNTED -> new Admission.Admitted(toConnection(count.row()));
            case LIMITED -> new Admission.Limited(toConnection(count.row()));
            case NO_ROW -> new Admission.NotConnected();
        };
    }

    /**
     * Moves the connection to another room.
     *
     * @return the row as it was before the move, or empty when the connection has no row
     */
    public Optional<Connection> moveTo(String connectionId, String room) {
        return updateExisting(connectionId, ROOM, room);
    }

    /**
     * Gives the connection a new display name.
     *
     * @return the row as it was before, or empty when the connection has no row
     */
    public Optional<Connection> rename(String connectionId, String name) {
        return updateExisting(connectionId, NAME, name);
    }

    private Optional<Connection> updateExisting(String connectionId, String attribute, String value) {
        UpdateItemResponse response;
        try {
            response = dynamoDb.updateItem(b -> b.tableName(tableName).key(key(connectionId))
                    .updateExpression("SET #a = :v")
                    .conditionExpression("attribute_exists(#id)")
                    .expressionAttributeNames(Map.of("#a", attribute, "#id", CONNECTION_ID))
                    .expressionAttributeValues(Map.of(":v", s(value)))
                    .returnValues(ReturnValue.ALL_OLD));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new ConnectionStoreException("Could not update " + attribute + " of connection " + connectionId, e);
        }
        return Optional.of(toConnection(response.attributes()));
    }

    /** The key prefix of a user's typing throttle row; connection ids never hold {@code #}. */
    static final String TYPING_PREFIX = "typing#";
    static final String TYPING_AT = "typingAt";

    /**
     * Takes the user's turn to send a typing notice: true at most once per {@code interval} per user, across all
     * of the user's connections and function instances. A conditional UpdateItem of a throttle row keyed
     * {@code typing#<userId>} (in no index, since it has no room or user id attribute, and gone by TTL after
     * {@code interval}).
     */
    public boolean takeTypingTurn(String userId, Instant now, Duration interval) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(key(TYPING_PREFIX + userId))
                    .updateExpression("SET #at = :now, #expires = :expires")
                    .conditionExpression("attribute_not_exists(#at) OR #at <= :cutoff")
                    .expressionAttributeNames(Map.of("#at", TYPING_AT, "#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(
                            ":now", n(now.toEpochMilli()),
                            ":cutoff", n(now.minus(interval).toEpochMilli()),
                            ":expires", n(now.plus(interval).getEpochSecond() + 1))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (RuntimeException e) {
            throw new ConnectionStoreException("Could not update the typing turn of a user", e);
        }
    }

    /** The key prefix of a user's read marker for a room: {@code read#<room>#<userId>}; rooms never hold {@code #}. */
    static final String READ_PREFIX = "read#";
    static final String LAST_READ = "lastRead";

    /**
     * Moves the user's read marker for the room forward to {@code seq}, never back: a conditional UpdateItem of the
     * row {@code read#<room>#<userId>} (in no index; TTL removes it {@code keep} after its last move, by when the
     * messages it counts have expired too).
     *
     * @return true when the marker moved, false when it was already at or past {@code seq}
     */
    public boolean markRead(String room, String userId, long seq, Duration keep) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(key(READ_PREFIX + room + "#" + userId))
                    .updateExpression("SET #read = :seq, #expires = :expires")
                    .conditionExpression("attribute_not_exists(#read) OR #read < :seq")
                    .expressionAttributeNames(Map.of("#read", LAST_READ, "#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":seq", n(seq),
                            ":expires", n(clock.instant().plus(keep).getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (RuntimeException e) {
            throw new ConnectionStoreException("Could not move a read marker", e);
        }
    }

    /** The user's read marker for the room: the highest seq it has marked read, 0 for none. */
    public long lastRead(String room, String userId) {
        GetItemResponse response;
        try {
            response = dynamoDb.getItem(b -> b.tableName(tableName).key(key(READ_PREFIX + room + "#" + userId))
                    .consistentRead(true));
        } catch (RuntimeException e) {
            throw new ConnectionStoreException("Could not read a read marker", e);
        }
        return response.hasItem() ? optionalNumber(response.item(), LAST_READ).orElse(0L) : 0;
    }

    /**
     * Deletes the connection's row. Idempotent: deleting a missing row succeeds.
     *
     * @return the row as it was before the delete, or empty when there was none
     */
    public Optional<Connection> delete(String connectionId) {
        DeleteItemResponse response;
        try {
            response = dynamoDb.deleteItem(b -> b.tableName(tableName).key(key(connectionId))
                    .returnValues(ReturnValue.ALL_OLD));
        } catch (RuntimeException e) {
            throw new ConnectionStoreException("Could not delete connection " + connectionId, e);
        }
        return response.hasAttributes() && !response.attributes().isEmpty()
                ? Optional.of(toConnection(response.attributes()))
                : Optional.empty();
    }

    /** What {@link #deleteStale} did. */
    public enum StaleRemoval {
        /** The row was deleted. */
        DELETED,
        /** There was no row. */
        NO_ROW,
        /** The row was kept: the connection is too recent to be known gone. */
        KEPT_RECENT
    }

    /**
     * Deletes the row of a connection that a post found gone, unless the connection started at or after
     * {@code connectedBefore}: API Gateway answers 410 for a connection whose {@code $connect} is still running too,
     * and deleting that row would leave the connection open but unknown. One conditional DeleteItem.
     */
    public StaleRemoval deleteStale(String connectionId, Instant connectedBefore) {
        DeleteItemResponse response;
        try {
            response = dynamoDb.deleteItem(b -> b.tableName(tableName).key(key(connectionId))
                    .conditionExpression("attribute_not_exists(#connectedAt) OR #connectedAt < :cutoff")
                    .expressionAttributeNames(Map.of("#connectedAt", CONNECTED_AT))
                    .expressionAttributeValues(Map.of(":cutoff", n(connectedBefore.toEpochMilli())))
                    .returnValues(ReturnValue.ALL_OLD));
        } catch (ConditionalCheckFailedException e) {
            return StaleRemoval.KEPT_RECENT;
        } catch (RuntimeException e) {
            throw new ConnectionStoreException("Could not delete connection " + connectionId, e);
        }
        return response.hasAttributes() && !response.attributes().isEmpty() ? StaleRemoval.DELETED
                : StaleRemoval.NO_ROW;
    }

    /** The ids of every connection in the room: a paginated Query of {@value #ROOM_INDEX} reading only ids. */
    public List<String> roomMembers(String room) {
        return ids(queryRoom(room, false, Integer.MAX_VALUE).members());
    }

    /**
     * The ids of the room's connections when there are at most {@code max} of them, else empty: the Query stops
     * after {@code max + 1} rows, so a big room costs no more than a small one.
     */
    public Optional<List<String>> roomMembersUpTo(String room, int max) {
        RoomPage page = queryRoom(room, false, max);
        return page.more() ? Optional.empty() : Optional.of(ids(page.members()));
    }

    /**
     * Up to {@code max} connections of the room with their names and user ids, read from {@value #ROOM_INDEX}
     * (which projects both), and whether the room has more.
     */
    public RoomPage roomPresence(String room, int max) {
        return queryRoom(room, true, max);
    }

    /**
     * Some of a room's connections.
     *
     * @param members the connections read, in connection id order
     * @param more    whether the room has connections beyond these
     */
    public record RoomPage(List<RoomMember> members, boolean more) {

        public RoomPage {
            members = List.copyOf(members);
        }
    }

    /** The ids of every connection of the user: a paginated Query of {@value #USER_INDEX}. */
    public List<String> userConnections(String userId) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(USER_INDEX)
                .keyConditionExpression("#k = :v")
                .filterExpression(NOT_EXPIRED)
                .expressionAttributeNames(Map.of("#k", USER_ID, "#id", CONNECTION_ID, "#expires", EXPIRES_AT))
                .expressionAttributeValues(Map.of(":v", s(userId), ":now", now()))
                .projectionExpression("#id")
                .limit(queryPageSize)
                .build();
        List<String> ids = new ArrayList<>();
        String failure = "Could not query " + USER_INDEX + " for a user";
        Iterator<QueryResponse> pages = dynamoDb.queryPaginator(request).iterator();
        while (pages.hasNext()) {
            for (Map<String, AttributeValue> item : nextPage(pages, failure).items()) {
                ids.add(item.get(CONNECTION_ID).s());
            }
        }
        return ids;
    }

    private RoomPage queryRoom(String room, boolean withNames, int max) {
        Map<String, String> names = withNames
                ? Map.of("#k", ROOM, "#id", CONNECTION_ID, "#name", NAME, "#user", USER_ID, "#expires", EXPIRES_AT)
                : Map.of("#k", ROOM, "#id", CONNECTION_ID, "#expires", EXPIRES_AT);
        int wanted = max == Integer.MAX_VALUE ? max : max + 1;
        Integer pageSize = queryPageSize != null ? queryPageSize : (wanted < 1000 ? Integer.valueOf(wanted) : null);
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(ROOM_INDEX)
                .keyConditionExpression("#k = :v")
                .filterExpression(NOT_EXPIRED)
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":v", s(room), ":now", now()))
                .projectionExpression(withNames ? "#id, #name, #user" : "#id")
                .limit(pageSize)
                .build();
        List<RoomMember> members = new ArrayList<>();
        String failure = "Could not query " + ROOM_INDEX + " for room " + room;
        Iterator<QueryResponse> pages = dynamoDb.queryPaginator(request).iterator();
        while (pages.hasNext()) {
            for (Map<String, AttributeValue> item : nextPage(pages, failure).items()) {
                if (members.size() == max) {
                    return new RoomPage(members, true);
                }
                String id = item.get(CONNECTION_ID).s();
                members.add(withNames
                        ? new RoomMember(id, attribute(item, NAME, id), attribute(item, USER_ID, id))
                        : new RoomMember(id, "", ""));
            }
        }
        return new RoomPage(members, false);
    }

    /** The next page of a paginated Query: the paginator sends each page's request in {@code next()}. */
    private static QueryResponse nextPage(Iterator<QueryResponse> pages, String failure) {
        try {
            return pages.next();
        } catch (RuntimeException e) {
            throw new ConnectionStoreException(failure, e);
        }
    }

    private AttributeValue now() {
        return n(clock.instant().getEpochSecond());
    }

    private static List<String> ids(List<RoomMember> members) {
        return members.stream().map(RoomMember::connectionId).toList();
    }

    private static Map<String, AttributeValue> key(String connectionId) {
        return Map.of(CONNECTION_ID, s(connectionId));
    }

    private static Connection toConnection(Map<String, AttributeValue> item) {
        String id = attribute(item, CONNECTION_ID, "unknown");
        AttributeValue anonymous = item.get(ANONYMOUS);
        return new Connection(
                id,
                attribute(item, ROOM, id),
                attribute(item, NAME, id),
                attribute(item, USER_ID, id),
                Instant.ofEpochMilli(number(item, CONNECTED_AT, id)),
                Optional.ofNullable(item.get(SOURCE_IP)).map(AttributeValue::s),
                Optional.ofNullable(item.get(USER_AGENT)).map(AttributeValue::s),
                Instant.ofEpochSecond(number(item, EXPIRES_AT, id)),
                // Rows written before the flag existed were all anonymous: no token was checked then.
                anonymous == null || anonymous.bool() == null || anonymous.bool());
    }

    private static String attribute(Map<String, AttributeValue> item, String name, String connectionId) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new ConnectionStoreException("Connection row " + connectionId + " has no string " + name, null);
        }
        return value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name, String connectionId) {
        return optionalNumber(item, name).orElseThrow(() -> new ConnectionStoreException(
                "Connection row " + connectionId + " has no whole number " + name, null));
    }

    /** A whole number attribute of a row, or empty when it is missing or not one. */
    static Optional<Long> optionalNumber(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.n()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
