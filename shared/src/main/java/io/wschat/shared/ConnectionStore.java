package io.wschat.shared;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The connections table in DynamoDB: one row per open connection, keyed by {@code connectionId}.
 *
 * <p>Room and user lookups go through the {@value #ROOM_INDEX} and {@value #USER_INDEX} global secondary indexes,
 * never a Scan, so their cost grows with the room or the user, not with the table. Index reads are eventually
 * consistent: a connection made a moment ago may be missing from a broadcast.
 *
 * <p>Every SDK failure surfaces as a {@link ConnectionStoreException}.
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

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Integer queryPageSize;

    public ConnectionStore(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, null);
    }

    /** With a page size for index queries, so tests can exercise pagination on a handful of rows. */
    ConnectionStore(DynamoDbClient dynamoDb, String tableName, Integer queryPageSize) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.queryPageSize = queryPageSize;
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
        connection.sourceIp().ifPresent(ip -> item.put(SOURCE_IP, s(ip)));
        connection.userAgent().ifPresent(agent -> item.put(USER_AGENT, s(agent)));
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item));
        } catch (SdkException e) {
            throw new ConnectionStoreException("Could not store connection " + connection.connectionId(), e);
        }
    }

    /** The stored connection, read consistently so a connection stored a moment ago is found. */
    public Optional<Connection> find(String connectionId) {
        GetItemResponse response;
        try {
            response = dynamoDb.getItem(b -> b.tableName(tableName).key(key(connectionId)).consistentRead(true));
        } catch (SdkException e) {
            throw new ConnectionStoreException("Could not read connection " + connectionId, e);
        }
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(toConnection(response.item()))
                : Optional.empty();
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
        } catch (SdkException e) {
            throw new ConnectionStoreException("Could not delete connection " + connectionId, e);
        }
        return response.hasAttributes() && !response.attributes().isEmpty()
                ? Optional.of(toConnection(response.attributes()))
                : Optional.empty();
    }

    /** The ids of every connection in the room: a paginated Query of {@value #ROOM_INDEX} reading only ids. */
    public List<String> roomMembers(String room) {
        return queryIds(ROOM_INDEX, ROOM, room);
    }

    /** The ids of every connection of the user: a paginated Query of {@value #USER_INDEX}. */
    public List<String> userConnections(String userId) {
        return queryIds(USER_INDEX, USER_ID, userId);
    }

    private List<String> queryIds(String index, String attribute, String value) {
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(index)
                .keyConditionExpression("#k = :v")
                .expressionAttributeNames(Map.of("#k", attribute, "#id", CONNECTION_ID))
                .expressionAttributeValues(Map.of(":v", s(value)))
                .projectionExpression("#id")
                .limit(queryPageSize)
                .build();
        List<String> ids = new ArrayList<>();
        try {
            for (QueryResponse page : dynamoDb.queryPaginator(request)) {
                for (Map<String, AttributeValue> item : page.items()) {
                    ids.add(item.get(CONNECTION_ID).s());
                }
            }
        } catch (SdkException e) {
            throw new ConnectionStoreException("Could not query " + index + " for " + attribute + " " + value, e);
        }
        return ids;
    }

    private static Map<String, AttributeValue> key(String connectionId) {
        return Map.of(CONNECTION_ID, s(connectionId));
    }

    private static Connection toConnection(Map<String, AttributeValue> item) {
        String id = attribute(item, CONNECTION_ID, "unknown");
        return new Connection(
                id,
                attribute(item, ROOM, id),
                attribute(item, NAME, id),
                attribute(item, USER_ID, id),
                Instant.ofEpochMilli(number(item, CONNECTED_AT, id)),
                Optional.ofNullable(item.get(SOURCE_IP)).map(AttributeValue::s),
                Optional.ofNullable(item.get(USER_AGENT)).map(AttributeValue::s),
                Instant.ofEpochSecond(number(item, EXPIRES_AT, id)));
    }

    private static String attribute(Map<String, AttributeValue> item, String name, String connectionId) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new ConnectionStoreException("Connection row " + connectionId + " has no string " + name, null);
        }
        return value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name, String connectionId) {
        AttributeValue value = item.get(name);
        try {
            return Long.parseLong(value == null ? null : value.n());
        } catch (NumberFormatException e) {
            throw new ConnectionStoreException("Connection row " + connectionId + " has no whole number " + name, e);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
