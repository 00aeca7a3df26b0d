package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.expression.ConditionTree.Comparator;
import io.wschat.dynamodb.internal.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled KeyConditionExpression: the partition key value and at most one condition on the sort key (null when
 * there is none). The sort keys that match always form one run in sort order, from {@link #lowerBound()} on, so the
 * engine can seek to the bound and stop at the first key that {@link #matchesSort} rejects.
 */
public record KeyCondition(Value partitionValue, Part sort) {

    private static final String PREFIX = "Invalid condition in KeyConditionExpression: ";

    /** One key attribute's condition, with the attribute on the left. */
    public record Part(String operator, List<Value> values) {
    }

    public boolean hasSortCondition() {
        return sort != null;
    }

    /** True when there is no sort condition. */
    public boolean matchesSort(Value sortValue) {
        if (sort == null) {
            return true;
        }
        if (sortValue == null) {
            return false;
        }
        List<Value> values = sort.values();
        switch (sort.operator()) {
            case "BETWEEN":
                return Comparator.GE.holds(sortValue, values.get(0)) && Comparator.LE.holds(sortValue, values.get(1));
            case "begins_with":
                return ConditionTree.beginsWith(sortValue, values.get(0));
            default:
                return Comparator.of(sort.operator()).holds(sortValue, values.get(0));
        }
    }

    /** The least sort key that can match, or null when the range is open below. */
    public Value lowerBound() {
        if (sort == null) {
            return null;
        }
        return switch (sort.operator()) {
            case "=", ">", ">=", "BETWEEN", "begins_with" -> sort.values().get(0);
            default -> null;
        };
    }

    public boolean lowerInclusive() {
        return sort == null || !sort.operator().equals(">");
    }

    /** The greatest sort key that can match, or null when the range is open above (also for begins_with). */
    public Value upperBound() {
        if (sort == null) {
            return null;
        }
        return switch (sort.operator()) {
            case "=", "<", "<=" -> sort.values().get(0);
            case "BETWEEN" -> sort.values().get(1);
            default -> null;
        };
    }

    public boolean upperInclusive() {
        return sort == null || !sort.operator().equals("<");
    }

    /** Reads the key conditions off a compiled condition, with DynamoDB's checks of shape and then of the schema. */
    static KeyCondition of(Condition condition, KeySchema schema) {
        Map<String, Part> parts = new LinkedHashMap<>();
        collect(condition, parts);
        if (parts.size() != 1 && parts.size() != 2) {
            throw ApiException.validation("Conditions can be of length 1 or 2 only");
        }
        Part hash = parts.get(schema.hashName());
        if (schema.rangeName() == null && parts.size() > 1) {
            throw ApiException.validation("Query key condition not supported");
        }
        if (hash == null) {
            throw ApiException.validation("Query condition missed key schema element: " + schema.hashName());
        }
        checkType(hash, schema.hashType());
        if (!hash.operator().equals("=")) {
            throw ApiException.validation("Query key condition not supported");
        }
        Part range = schema.rangeName() == null ? null : parts.get(schema.rangeName());
        if (schema.rangeName() != null && range == null && parts.size() > 1) {
            throw ApiException.validation("Query condition missed key schema element: " + schema.rangeName());
        }
        if (range != null) {
            checkType(range, schema.rangeType());
        }
        return new KeyCondition(hash.values().get(0), range);
    }

    private static void checkType(Part part, String type) {
        for (Value value : part.values()) {
            if (!value.type().equals(type)) {
                throw ApiException.validation(
                        "One or more parameter values were invalid: Condition parameter type does not match schema type");
            }
        }
    }

    private static void collect(Condition condition, Map<String, Part> parts) {
        if (condition instanceof ConditionTree.And and) {
            for (Condition operand : and.operands()) {
                collect(operand, parts);
            }
            return;
        }
        String operator;
        List<Operand> operands;
        if (condition instanceof ConditionTree.Or) {
            throw invalidOperator("OR");
        } else if (condition instanceof ConditionTree.Not) {
            throw invalidOperator("NOT");
        } else if (condition instanceof ConditionTree.In) {
            throw invalidOperator("IN");
        } else if (condition instanceof ConditionTree.Comparison comparison) {
            if (comparison.comparator() == Comparator.NE) {
                throw invalidOperator("<>");
            }
            operator = comparison.comparator().symbol;
            operands = List.of(comparison.left(), comparison.right());
        } else if (condition instanceof ConditionTree.Between between) {
            if (!(between.operand() instanceof Operand.PathOperand)) {
                throw ApiException.validation(PREFIX + "BETWEEN operator must have the key attribute as its first operand");
            }
            operator = "BETWEEN";
            operands = List.of(between.operand(), between.low(), between.high());
        } else {
            ConditionTree.Function function = (ConditionTree.Function) condition;
            if (!function.name().equals("begins_with")) {
                throw invalidOperator(function.name());
            }
            if (!(function.arguments().get(0) instanceof Operand.PathOperand)) {
                throw ApiException.validation(PREFIX + "begins_with operator must have the key attribute as its first operand");
            }
            operator = "begins_with";
            operands = function.arguments();
        }
        String name = null;
        int position = 0;
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            Operand operand = operands.get(i);
            if (operand instanceof Operand.PathOperand path) {
                if (name != null) {
                    throw ApiException.validation(PREFIX + "Multiple attribute names used in one condition");
                }
                if (path.path().length() > 1) {
                    throw ApiException.validation("KeyConditionExpressions cannot have conditions on nested attributes");
                }
                name = path.path().head();
                position = i;
            } else if (operand instanceof Operand.Literal literal) {
                values.add(literal.value());
            } else {
                throw ApiException.validation("KeyConditionExpressions cannot contain nested operations");
            }
        }
        if (name == null) {
            throw ApiException.validation(PREFIX + "No key attribute specified");
        }
        if (parts.containsKey(name)) {
            throw ApiException.validation("KeyConditionExpressions must only contain one condition per key");
        }
        if (position != 0) {
            operator = Comparator.of(operator).mirrored().symbol; // only comparisons get here: the others checked
        }
        parts.put(name, new Part(operator, List.copyOf(values)));
    }

    private static ApiException invalidOperator(String operator) {
        return ApiException.validation("Invalid operator used in KeyConditionExpression: " + operator);
    }
}
