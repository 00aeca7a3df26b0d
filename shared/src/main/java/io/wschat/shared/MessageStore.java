package io.wschat.shared;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The messages table in DynamoDB: a room's messages, partition key {@code room}, sort key {@code seq}, the room's
 * sequence number (a Number, from 1), so a Query of one room reads in order (newest first when reversed), or from
 * any sequence number on, without touching other rooms.
 *
 * <p>Each room has a counter row at {@code seq} 0 whose {@code last} is the room's newest sequence number. A message
 * is stored in one transaction with the counter's step from {@code n - 1} to {@code n}, conditional on the counter
 * still being at {@code n - 1}: two senders racing for one number cannot both have it, and a message that is not
 * stored takes no number, so a room's stored messages are numbered 1, 2, 3... without gaps. A losing sender learns
 * the counter's value from the cancellation reason and tries the next number. Each instance remembers the last
 * number it saw per room, so in a room it has posted to before, a message costs one call.
 *
 * <p>Each message row carries {@code expiresAt} (epoch seconds), DynamoDB's TTL attribute. TTL deletion can lag by
 * hours, so reads filter out rows already past it. The counter row has no expiry. An edited row gains
 * {@code editedAt}; a deleted one keeps its number as a tombstone with {@code deleted} and empty {@code data}.
 *
 * <p>Every SDK failure surfaces as a {@link MessageStoreException}: an {@code SdkException}, and also any other
 * {@code RuntimeException} an SDK call throws, because {@code UrlConnectionHttpClient} can let the failure of an
 * aborted attempt out unwrapped (a {@code NullPointerException} from the JDK's {@code HttpURLConnection}).
 */
public final class MessageStore {

    static final String ROOM = "room";
    static final String SEQ = "seq";
    static final String LAST = "last";
    static final String ID = "id";
    static final String TS = "ts";
    static final String FROM = "from";
    static final String USER_ID = "userId";
    static final String DATA = "data";
    static final String EXPIRES_AT = "expiresAt";
    static final String EDITED_AT = "editedAt";
    static final String DELETED = "deleted";

    /** The most Query pages one read goes through, so expired rows cannot make it read without bound. */
    static final int MAX_PAGES = 5;

    /**
     * Attempts at numbering one message when other senders of the room keep taking the next number first, with
     * jittered pauses between them so that racing senders spread out instead of colliding again. Each round has one
     * winner, so a sender racing k others loses a round with a chance of about k/(k+1): 30 attempts lost about one
     * message in 50 at 100 msg/s into one room from 10 senders (docs/PERFORMANCE.md); 100 make that about one in a
     * million, at a worst case of a few seconds, well inside the function's timeout.
     */
    static final Backoff NUMBERING = new Backoff(100, Duration.ofMillis(2), Duration.ofMillis(50));

    /** Rooms whose last sequence number an instance remembers. */
    private static final int REMEMBERED_ROOMS = 1024;

    private static final AttributeValue COUNTER_SEQ = AttributeValue.fromN("0");

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Map<String, Long> lastSeen = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > REMEMBERED_ROOMS;
                }
            });

    public MessageStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /**
     * Stores the message until {@code expiresAt} under its room's next sequence number.
     *
     * @return the message with its sequence number
     */
    public ChatMessage append(ChatMessage message, Instant expiresAt) {
        String room = message.room();
        Long remembered = lastSeen.get(room);
        String failure = "Could not store message " + message.id();
        long last = remembered != null ? remembered : readLast(room, failure);
        for (int attempt = 1; attempt <= NUMBERING.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(NUMBERING.delayAfter(attempt - 1, ThreadLocalRandom.current()), failure);
            }
            ChatMessage numbered = message.withSeq(last + 1);
            TransactWriteItem step = step(room, last);
            TransactWriteItem put = put(numbered, expiresAt);
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(step, put));
                lastSeen.put(room, numbered.seq());
                return numbered;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                CancellationReason counter = reasons.isEmpty() ? null : reasons.get(0);
                if (counter != null && "ConditionalCheckFailed".equals(counter.code())) {
                    last = counter.hasItem() && counter.item().containsKey(LAST)
                            ? Long.parseLong(counter.item().get(LAST).n()) : 0;
                } else if (reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                    last = readLast(room, failure);
                } else {
                    throw new MessageStoreException(failure, e);
                }
            } catch (RuntimeException e) {
                throw new MessageStoreException(failure, e);
            }
        }
        throw new MessageStoreException("Could not number message " + message.id() + ": other senders of room "
                + room + " took the next number " + NUMBERING.maxAttempts() + " times", null);
    }

    private static void pause(Duration delay, String failure) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessageStoreException(failure + ": interrupted", e);
        }
    }

    /** The room's newest sequence number, 0 for a room with no message yet (a consistent read of its counter). */
    public long lastSeq(String room) {
        return readLast(room, "Could not read the message counter of room " + room);
    }

    private long readLast(String room, String failure) {
        Map<String, AttributeValue> item;
        try {
            item = dynamoDb.getItem(b -> b.tableName(tableName).key(counterKey(room)).consistentRead(true)).item();
        } catch (RuntimeException e) {
            throw new MessageStoreException(failure, e);
        }
        return item.containsKey(LAST) ? Long.parseLong(item.get(LAST).n()) : 0;
    }

    private TransactWriteItem step(String room, long last) {
        return TransactWriteItem.builder().update(u -> u
                .tableName(tableName)
                .key(counterKey(room))
                .updateExpression("SET #last = :next")
                .conditionExpression(last == 0 ? "attribute_not_exists(#last)" : "#last = :last")
                .expressionAttributeNames(Map.of("#last", LAST))
                .expressionAttributeValues(last == 0
                        ? Map.of(":next", number(1))
                        : Map.of(":next", number(last + 1), ":last", number(last)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                .build();
    }

    private TransactWriteItem put(ChatMessage message, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ROOM, AttributeValue.fromS(message.room()));
        item.put(SEQ, number(message.seq()));
        item.put(ID, AttributeValue.fromS(message.id()));
        item.put(TS, number(message.ts()));
        item.put(FROM, AttributeValue.fromS(message.from()));
        item.put(USER_ID, AttributeValue.fromS(message.userId()));
        item.put(DATA, AttributeValue.fromS(message.data()));
        item.put(EXPIRES_AT, number(expiresAt.getEpochSecond()));
        return TransactWriteItem.builder().put(p -> p
                .tableName(tableName)
                .item(item)
                .conditionExpression("attribute_not_exists(#seq)")
                .expressionAttributeNames(Map.of("#seq", SEQ)))
                .build();
    }

    /**
     * The room's newest messages, newest first, at most {@code limit}, leaving out those past their expiry at
     * {@code now}: a Query with {@code ScanIndexForward=false}, {@code Limit} = {@code limit} and a filter on
     * {@code expiresAt}. Deleted messages are included, as tombstones.
     *
     * <p>DynamoDB applies {@code Limit} before the filter, so a page that read expired rows (TTL deletes them late)
     * holds fewer than {@code limit} messages although older unexpired ones may exist. The Query therefore goes on
     * from {@code LastEvaluatedKey} until it has {@code limit} messages or the room has no more rows, but reads at
     * most {@value #MAX_PAGES} pages, so at most {@value #MAX_PAGES} × {@code limit} rows: when those hold fewer than
     * {@code limit} unexpired messages, the result is short.
     */
    public List<ChatMessage> latest(String room, int limit, Instant now) {
        return read(room, 0, false, limit, now).messages();
    }

    /**
     * The room's messages after sequence number {@code after}, oldest first, at most {@code limit}, leaving out
     * expired ones (so the first may come later than {@code after + 1}: the ones between are no longer kept).
     * Reads as {@link #latest} does, at most {@value #MAX_PAGES} pages.
     */
    public Page after(String room, long after, int limit, Instant now) {
        if (after < 0) {
            throw new IllegalArgumentException("after must not be negative, was " + after);
        }
        return read(room, after, true, limit, now);
    }

    /**
     * Messages of one room in sequence order.
     *
     * @param messages in the order read
     * @param more     whether the room may hold further messages in that direction
     */
    public record Page(List<ChatMessage> messages, boolean more) {

        public Page {
            messages = List.copyOf(messages);
        }
    }

    private Page read(String room, long after, boolean forward, int limit, Instant now) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .keyConditionExpression("#room = :room AND #seq > :after")
                .filterExpression("#expiresAt > :now")
                .expressionAttributeNames(Map.of("#room", ROOM, "#seq", SEQ, "#expiresAt", EXPIRES_AT))
                .expressionAttributeValues(Map.of(
                        ":room", AttributeValue.fromS(room),
                        ":after", number(after),
                        ":now", number(now.getEpochSecond())))
                .scanIndexForward(forward)
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
                    return new Page(messages, true);
                }
                messages.add(toMessage(item));
            }
            if (response.lastEvaluatedKey().isEmpty()) {
                return new Page(messages, false);
            }
            if (messages.size() == limit) {
                return new Page(messages, true);
            }
            startKey = response.lastEvaluatedKey();
        }
        return new Page(messages, true);
    }

    /** What became of an edit or a deletion. */
    public enum ChangeOutcome {
        /** Done; the result holds the message as it is now. */
        CHANGED,
        /** The room holds no such message (never stored, or expired). */
        NOT_FOUND,
        /** The message was deleted before. */
        DELETED,
        /** Another user sent the message. */
        NOT_SENDER
    }

    /**
     * An edit or a deletion's outcome.
     *
     * @param outcome what happened
     * @param message the message after the change ({@link ChangeOutcome#CHANGED} only), otherwise null
     */
    public record Change(ChangeOutcome outcome, ChatMessage message) {

        public Change {
            Objects.requireNonNull(outcome, "outcome");
            if ((outcome == ChangeOutcome.CHANGED) != (message != null)) {
                throw new IllegalArgumentException("a message comes with CHANGED and only then");
            }
        }
    }

    /** Replaces the text of message {@code seq} of {@code room}, if {@code userId} sent it and it is not deleted. */
    public Change edit(String room, long seq, String userId, String data, Instant now) {
        return change(room, seq, userId, now, "SET #data = :data, #editedAt = :at",
                Map.of(":data", AttributeValue.fromS(data)));
    }

    /**
     * Deletes message {@code seq} of {@code room}, if {@code userId} sent it: its text goes, its number stays as a
     * tombstone, so history and resume still show that something was there.
     */
    public Change delete(String room, long seq, String userId, Instant now) {
        return change(room, seq, userId, now, "SET #data = :data, #editedAt = :at, #deleted = :true",
                Map.of(":data", AttributeValue.fromS(""), ":true", AttributeValue.fromBool(true)));
    }

    private Change change(String room, long seq, String userId, Instant now, String update,
            Map<String, AttributeValue> values) {
        if (seq < 1) {
            return new Change(ChangeOutcome.NOT_FOUND, null);
        }
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        allValues.put(":me", AttributeValue.fromS(userId));
        allValues.put(":at", number(now.toEpochMilli()));
        allValues.put(":now", number(now.getEpochSecond()));
        Map<String, String> names = Map.of("#id", ID, "#userId", USER_ID, "#deleted", DELETED,
                "#expiresAt", EXPIRES_AT, "#data", DATA, "#editedAt", EDITED_AT);
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(tableName)
                .key(Map.of(ROOM, AttributeValue.fromS(room), SEQ, number(seq)))
                .updateExpression(update)
                .conditionExpression("attribute_exists(#id) AND #userId = :me AND attribute_not_exists(#deleted)"
                        + " AND #expiresAt > :now")
                .expressionAttributeNames(names)
                .expressionAttributeValues(allValues)
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        try {
            return new Change(ChangeOutcome.CHANGED, toMessage(dynamoDb.updateItem(request).attributes()));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.hasItem() ? e.item() : Map.of();
            if (!old.containsKey(ID) || !old.containsKey(EXPIRES_AT)
                    || Long.parseLong(old.get(EXPIRES_AT).n()) <= now.getEpochSecond()) {
                return new Change(ChangeOutcome.NOT_FOUND, null);
            }
            if (old.containsKey(DELETED)) {
                return new Change(ChangeOutcome.DELETED, null);
            }
            return new Change(ChangeOutcome.NOT_SENDER, null);
        } catch (RuntimeException e) {
            throw new MessageStoreException("Could not change message " + seq + " of room " + room, e);
        }
    }

    private static Map<String, AttributeValue> counterKey(String room) {
        return Map.of(ROOM, AttributeValue.fromS(room), SEQ, COUNTER_SEQ);
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static ChatMessage toMessage(Map<String, AttributeValue> item) {
        long ts = whole(item, TS);
        long seq = whole(item, SEQ);
        String from = string(item, FROM);
        return new ChatMessage(string(item, ID), ts, string(item, ROOM), from,
                item.containsKey(USER_ID) ? string(item, USER_ID) : from, string(item, DATA), seq,
                item.containsKey(EDITED_AT) ? whole(item, EDITED_AT) : 0,
                item.containsKey(DELETED) && Boolean.TRUE.equals(item.get(DELETED).bool()));
    }

    private static long whole(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        String n = value == null ? null : value.n();
        if (n == null || !n.matches("\\d{1,18}")) {
            throw new MessageStoreException("Message row has no whole number " + name, null);
        }
        return Long.parseLong(n);
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new MessageStoreException("Message row has no string " + name, null);
        }
        return value.s();
    }
}
