package io.wschat.shared;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The messages table in DynamoDB: a room's messages for {@code history}, partition key {@code room}, sort key
 * {@code sk} = the 13-digit epoch millisecond, {@code #} and the message id, so a Query of one room reads in time
 * order (newest first when reversed) without touching other rooms.
 *
 * <p>Each row carries {@code expiresAt} (epoch seconds), DynamoDB's TTL attribute. TTL deletion can lag by hours, so
 * reads filter out rows already past it.
 *
 * <p>Every SDK failure surfaces as a {@link MessageStoreException}: an {@code SdkException}, and also any other
 * {@code RuntimeException} an SDK call throws, because {@code UrlConnectionHttpClient} can let the failure of an
 * aborted attempt out unwrapped (a {@code NullPointerException} from the JDK's {@code HttpURLConnection}).
 */
public final class MessageStore {

    static final String ROOM = "room";
    static final String SORT_KEY = "sk";
    static final String ID = "id";
    static final String TS = "ts";
    static final String FROM = "from";
    static final String USER_ID = "userId";
    static final String DATA = "data";
    static final String EXPIRES_AT = "expiresAt";

    /** The most Query pages one {@link #latest} reads, so expired rows cannot make it read without bound. */
    static final int MAX_PAGES = 5;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public MessageStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /** The sort key of a message: 13-digit epoch milliseconds, {@code #}, id. */
    public static String sortKey(ChatMessage message) {
        return String.format("%013d#%s", message.ts(), message.id());
    }

    /** Stores the message until {@code expiresAt}. */
    public void append(ChatMessage message, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ROOM, AttributeValue.fromS(message.room()));
        item.put(SORT_KEY, AttributeValue.fromS(sortKey(message)));
        item.put(ID, AttributeValue.fromS(message.id()));
        item.put(TS, AttributeValue.fromN(Long.toString(message.ts())));
        item.put(FROM, AttributeValue.fromS(message.from()));
        item.put(USER_ID, AttributeValue.fromS(message.userId()));
        item.put(DATA, AttributeValue.fromS(message.data()));
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item));
        } catch (RuntimeException e) {
            throw new MessageStoreException("Could not store message " + message.id(), e);
        }
    }

    /**
     * The room's newest messages, newest first, at most {@code limit}, leaving out those past their expiry at
     * {@code now}: a Query with {@code ScanIndexForward=false}, {@code Limit} = {@code limit} and a filter on
     * {@code expiresAt}.
     *
     * <p>DynamoDB applies {@code Limit} before the filter, so a page that read expired rows (TTL deletes them late)
     * holds fewer than {@code limit} messages although older unexpired ones may exist. The Query therefore goes on
     * from {@code LastEvaluatedKey} until it has {@code limit} messages or the room has no more rows, but reads at
     * most {@value #MAX_PAGES} pages, so at most {@value #MAX_PAGES} × {@code limit} rows: when those hold fewer than
     * {@code limit} unexpired messages, the result is short.
     */
    public List<ChatMessage> latest(String room, int limit, Instant now) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#room = :room")
                .filterExpression("#expiresAt > :now")
                .expressionAttributeNames(Map.of("#room", ROOM, "#expiresAt", EXPIRES_AT))
                .expressionAttributeValues(Map.of(
                        ":room", AttributeValue.fromS(room),
                        ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                .scanIndexForward(false)
                .limit(limit)
                .build();
        List<ChatMessage> messages = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            QueryRequest pageRequest = request.toBuilder().exclusiveStartKey(startKey).build();
            QueryResponse response;
            try {
                response = dynamoDb.query(pageRequest);
            } catch (RuntimeException e) {
                throw new MessageStoreException("Could not read the history of room " + room, e);
            }
            for (Map<String, AttributeValue> item : response.items()) {
                if (messages.size() == limit) {
                    return messages;
                }
                messages.add(toMessage(item));
            }
            if (messages.size() == limit || response.lastEvaluatedKey().isEmpty()) {
                return messages;
            }
            startKey = response.lastEvaluatedKey();
        }
        return messages;
    }

    private static ChatMessage toMessage(Map<String, AttributeValue> item) {
        String from = string(item, FROM);
        String ts = item.containsKey(TS) ? item.get(TS).n() : null;
        if (ts == null || !ts.matches("\\d{1,18}")) {
            throw new MessageStoreException("Message row " + string(item, SORT_KEY) + " has no whole number ts", null);
        }
        return new ChatMessage(string(item, ID), Long.parseLong(ts), string(item, ROOM), from,
                item.containsKey(USER_ID) ? string(item, USER_ID) : from, string(item, DATA));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new MessageStoreException("Message row has no string " + name, null);
        }
        return value.s();
    }
}
