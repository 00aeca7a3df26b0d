package io.wschat.dynamodb.internal.expression;

import java.util.EnumMap;

/**
 * The semantic errors found in one expression, by kind. DynamoDB checks the whole expression before it answers and
 * then reports one error by a fixed order of kinds, so the first error found is not necessarily the one reported.
 */
final class Problems {

    enum Kind {
        LIMIT, PARENTHESES, UNKNOWN_FUNCTION, MISUSED_FUNCTION, RESERVED, SECTION, UNDEFINED_NAME, UNDEFINED_VALUE,
        OVERLAP, CONFLICT, OPERAND_COUNT, DISTINCT, OPERAND_TYPE, FUNCTION, CONDITION
    }

    private final EnumMap<Kind, String> found = new EnumMap<>(Kind.class);

    /** Records an error unless one of its kind was found before. */
    void add(Kind kind, String message) {
        found.putIfAbsent(kind, message);
    }

    boolean has(Kind kind) {
        return found.containsKey(kind);
    }

    String get(Kind kind) {
        return found.get(kind);
    }

    void clear(Kind kind) {
        found.remove(kind);
    }

    /** The message to report: the first kind, in the given order, that has one; null when none has. */
    String first(Kind... order) {
        for (Kind kind : order) {
            String message = found.get(kind);
            if (message != null) {
                return message;
            }
        }
        return null;
    }
}
