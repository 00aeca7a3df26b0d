package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.expression.ConditionTree.Comparator;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.AndConditionContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.BetweenContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.ComparisonContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.ConditionContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.FunctionConditionContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.FunctionContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.FunctionOperandContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.InContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.NegationContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.NotConditionContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.OperandContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.OrConditionContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.ParenthesizedContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.ParenthesizedOperandContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.PathOperandContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.PlainConditionContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.PrimaryConditionContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.ValueOperandContext;
import io.wschat.dynamodb.internal.value.Order;
import io.wschat.dynamodb.internal.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Compiles a condition parse tree and checks it as DynamoDB does. DynamoDB reports some errors for the whole
 * expression (redundant parentheses, unknown and misused functions, reserved words) and the others from the first
 * single condition that has any, so those are collected per condition.
 */
final class ConditionCompiler extends Compiler {

    /** DynamoDB's limit on the operands right of IN. */
    static final int MAX_IN_OPERANDS = 100;

    private static final Map<String, Integer> ARITY = Map.of("attribute_exists", 1, "attribute_not_exists", 1,
            "attribute_type", 2, "begins_with", 2, "contains", 2, "size", 1);
    private static final Set<String> TYPE_NAMES = Set.of("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS");

    /** Errors of the single condition being compiled, of the kinds DynamoDB reports per condition. */
    private Problems single = new Problems();

    ConditionCompiler(ExpressionContext context, String parameter) {
        super(context, parameter);
    }

    Condition compile(ConditionContext tree) {
        Condition condition = or(tree.orCondition());
        reportFirst(Problems.Kind.LIMIT, Problems.Kind.PARENTHESES, Problems.Kind.UNKNOWN_FUNCTION,
                Problems.Kind.MISUSED_FUNCTION, Problems.Kind.RESERVED, Problems.Kind.CONDITION);
        return condition;
    }

    @Override
    void undefinedName(String message) {
        single.add(Problems.Kind.UNDEFINED_NAME, message);
    }

    @Override
    void undefinedValue(String message) {
        single.add(Problems.Kind.UNDEFINED_NAME, message); // DynamoDB ranks undefined names and values alike here
    }

    private Condition or(OrConditionContext or) {
        return join(or.andCondition(), this::and, ConditionTree.Or::new);
    }

    private Condition and(AndConditionContext and) {
        return join(and.notCondition(), this::not, ConditionTree.And::new);
    }

    /** The compiled parts joined by one operator (counted once between each two), or the part itself when alone. */
    private <T> Condition join(List<T> parts, Function<T, Condition> compile,
            Function<List<Condition>, Condition> operator) {
        List<Condition> operands = new ArrayList<>();
        for (T part : parts) {
            operands.add(compile.apply(part));
        }
        operators += operands.size() - 1;
        return operands.size() == 1 ? operands.get(0) : operator.apply(List.copyOf(operands));
    }

    private Condition not(NotConditionContext not) {
        if (not instanceof NegationContext negation) {
            countOperator();
            return new ConditionTree.Not(not(negation.notCondition()));
        }
        return primary(((PlainConditionContext) not).primaryCondition());
    }

    private Condition primary(PrimaryConditionContext primary) {
        if (primary instanceof ParenthesizedContext parenthesized) {
            if (isParenthesized(parenthesized.orCondition())) {
                problems.add(Problems.Kind.PARENTHESES, "The expression has redundant parentheses;");
            }
            return or(parenthesized.orCondition());
        }
        Condition condition;
        countOperator();
        if (primary instanceof ComparisonContext comparison) {
            Comparator comparator = Comparator.of(comparison.comparator().getText());
            Operand left = operand(comparison.operand(0));
            Operand right = operand(comparison.operand(1));
            misused(left, right);
            distinct(comparator.symbol, List.of(left, right));
            condition = new ConditionTree.Comparison(comparator, left, right);
        } else if (primary instanceof BetweenContext between) {
            Operand operand = operand(between.operand(0));
            Operand low = operand(between.operand(1));
            Operand high = operand(between.operand(2));
            misused(operand, low, high);
            bounds(low, high);
            condition = new ConditionTree.Between(operand, low, high);
        } else if (primary instanceof InContext in) {
            Operand operand = operand(in.operand(0));
            List<Operand> candidates = new ArrayList<>();
            for (int i = 1; i < in.operand().size(); i++) {
                candidates.add(operand(in.operand(i)));
            }
            misused(operand);
            misused(candidates.toArray(new Operand[0]));
            if (candidates.size() > MAX_IN_OPERANDS) {
                problems.add(Problems.Kind.LIMIT, "The IN operator is provided with too many operands; "
                        + "number of operands: " + candidates.size());
            }
            condition = new ConditionTree.In(operand, List.copyOf(candidates));
        } else {
            FunctionContext function = ((FunctionConditionContext) primary).function();
            String name = function.IDENTIFIER().getText();
            List<Operand> arguments = arguments(function);
            check(name, arguments);
            if (name.equals("size")) {
                problems.add(Problems.Kind.MISUSED_FUNCTION, misusedMessage(name));
            }
            condition = new ConditionTree.Function(name, List.copyOf(arguments));
            operators--; // counted once, as the function
        }
        endCondition();
        return condition;
    }

    private static boolean isParenthesized(OrConditionContext or) {
        if (or.andCondition().size() != 1 || or.andCondition(0).notCondition().size() != 1) {
            return false;
        }
        NotConditionContext only = or.andCondition(0).notCondition(0);
        return only instanceof PlainConditionContext plain
                && plain.primaryCondition() instanceof ParenthesizedContext;
    }

    /** One single condition is complete: the first of its errors, by DynamoDB's ranking, may be the one reported. */
    private void endCondition() {
        String message = single.first(Problems.Kind.UNDEFINED_NAME, Problems.Kind.OPERAND_COUNT,
                Problems.Kind.DISTINCT, Problems.Kind.FUNCTION);
        if (message != null) {
            problems.add(Problems.Kind.CONDITION, message);
        }
        single = new Problems();
    }

    private Operand operand(OperandContext operand) {
        if (operand instanceof PathOperandContext path) {
            return new Operand.PathOperand(path(path.path()));
        }
        if (operand instanceof ValueOperandContext value) {
            return new Operand.Literal(value(value.VALUE()));
        }
        if (operand instanceof ParenthesizedOperandContext parenthesized) {
            if (parenthesized.operand() instanceof ParenthesizedOperandContext) {
                problems.add(Problems.Kind.PARENTHESES, "The expression has redundant parentheses;");
            }
            return operand(parenthesized.operand());
        }
        FunctionContext function = ((FunctionOperandContext) operand).function();
        String name = function.IDENTIFIER().getText();
        List<Operand> arguments = arguments(function);
        String type = check(name, arguments);
        if (name.equals("size")) {
            return new Operand.Size(arguments.get(0));
        }
        return new Operand.MisusedFunction(name, type);
    }

    private List<Operand> arguments(FunctionContext function) {
        countOperator();
        List<Operand> arguments = new ArrayList<>();
        for (OperandContext argument : function.operand()) {
            arguments.add(operand(argument));
        }
        misused(arguments.toArray(new Operand[0]));
        return arguments;
    }

    /** Checks a function call as far as it can be without an item; returns its result type when known. */
    private String check(String name, List<Operand> arguments) {
        Integer arity = ARITY.get(name); // function names are case-sensitive
        if (arity == null) {
            problems.add(Problems.Kind.UNKNOWN_FUNCTION, "Invalid function name; function: " + name);
            return null;
        }
        if (arguments.size() != arity) {
            single.add(Problems.Kind.OPERAND_COUNT, "Incorrect number of operands for operator or function; "
                    + "operator or function: " + name + ", number of operands: " + arguments.size());
            return null;
        }
        distinct(name, arguments);
        switch (name) {
            case "attribute_exists":
            case "attribute_not_exists":
                if (!(arguments.get(0) instanceof Operand.PathOperand)) {
                    single.add(Problems.Kind.FUNCTION,
                            "Operator or function requires a document path; operator or function: " + name);
                }
                return null;
            case "begins_with":
                for (Operand argument : arguments) {
                    String type = argument.knownType();
                    if (type != null && !type.equals("S") && !type.equals("B")) {
                        operandType(name, type);
                        break;
                    }
                }
                return "BOOL";
            case "attribute_type": {
                String type = arguments.get(1).knownType();
                if (!"S".equals(type)) {
                    operandType(name, type == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : type);
                } else {
                    Value typeName = arguments.get(1).evaluate(Map.of());
                    String text = ((Value.S) typeName).value();
                    if (!TYPE_NAMES.contains(text)) {
                        single.add(Problems.Kind.FUNCTION, "Invalid attribute type name found; type: " + text
                                + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
                    }
                }
                return "BOOL";
            }
            case "size": {
                String type = arguments.get(0).knownType();
                if ("N".equals(type) || "BOOL".equals(type) || "NULL".equals(type)) {
                    operandType(name, type);
                }
                return "N";
            }
            default:
                return "BOOL"; // contains
        }
    }

    private void operandType(String function, String type) {
        single.add(Problems.Kind.FUNCTION, "Incorrect operand type for operator or function; "
                + "operator or function: " + function + ", operand type: " + type);
    }

    /** Only size may stand where a value is expected. */
    private void misused(Operand... operands) {
        for (Operand operand : operands) {
            if (operand instanceof Operand.MisusedFunction function) {
                problems.add(Problems.Kind.MISUSED_FUNCTION, misusedMessage(function.name()));
                return;
            }
        }
    }

    private static String misusedMessage(String function) {
        return "The function is not allowed to be used this way in an expression; function: " + function;
    }

    /** DynamoDB rejects comparing a path with itself, such as {@code a = a} or {@code contains(a, a)}. */
    private void distinct(String operator, List<Operand> operands) {
        if (operands.size() == 2 && operands.get(0) instanceof Operand.PathOperand first
                && operands.get(1) instanceof Operand.PathOperand second && first.path().equals(second.path())) {
            single.add(Problems.Kind.DISTINCT, "The first operand must be distinct from the remaining operands for "
                    + "this operator or function; operator: " + operator + ", first operand: " + first.path());
        }
    }

    /** BETWEEN's bounds, when both are placeholders, must be of one type and in order. */
    private void bounds(Operand low, Operand high) {
        if (!(low instanceof Operand.Literal lower) || !(high instanceof Operand.Literal upper)
                || lower.value() == null || upper.value() == null) {
            return;
        }
        Value a = lower.value();
        Value b = upper.value();
        String operands = "lower bound operand: AttributeValue: {" + a.type() + ":" + text(a) + "}, "
                + "upper bound operand: AttributeValue: {" + b.type() + ":" + text(b) + "}";
        if (!a.type().equals(b.type())) {
            single.add(Problems.Kind.FUNCTION,
                    "The BETWEEN operator requires same data type for lower and upper bounds; " + operands);
        } else if (Order.comparable(a, b) && Order.compare(a, b) > 0) {
            single.add(Problems.Kind.FUNCTION, "The BETWEEN operator requires upper bound to be greater than or "
                    + "equal to lower bound; " + operands);
        }
    }

    private static String text(Value value) {
        if (value instanceof Value.S s) {
            return s.value();
        }
        if (value instanceof Value.N n) {
            return n.text();
        }
        if (value instanceof Value.B b) {
            return b.value().toBase64();
        }
        return String.valueOf(value);
    }
}
