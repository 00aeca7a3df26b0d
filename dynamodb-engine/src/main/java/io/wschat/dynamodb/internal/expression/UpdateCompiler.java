package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.AddClauseContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.ArithmeticContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.BinaryArithmeticContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.DeleteClauseContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.FunctionAtomContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.PathAtomContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.PathContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.RemoveClauseContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.SetActionContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.SetClauseContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.SingleOperandContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.UpdateAtomContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.UpdateClauseContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.UpdateContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.UpdateFunctionContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.UpdateOperandContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.ValueAtomContext;
import io.wschat.dynamodb.internal.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Compiles an update parse tree, with DynamoDB's checks and their order. */
final class UpdateCompiler extends Compiler {

    private static final Map<String, String> OPERAND_TYPE_NAMES = Map.of("S", "STRING", "N", "NUMBER",
            "B", "BINARY", "NULL", "NULL", "BOOL", "BOOLEAN", "L", "LIST", "M", "MAP");

    UpdateCompiler(ExpressionContext context, String parameter) {
        super(context, parameter);
    }

    @Override
    void undefinedName(String message) {
        problems.add(Problems.Kind.UNDEFINED_NAME, message);
    }

    @Override
    void undefinedValue(String message) {
        problems.add(Problems.Kind.UNDEFINED_VALUE, message);
    }

    Update compile(UpdateContext tree, Set<String> keyAttributes) {
        Set<String> sections = new HashSet<>();
        PathSet paths = new PathSet();
        List<Update.Action> actions = new ArrayList<>();
        for (UpdateClauseContext clause : tree.updateClause()) {
            String section = clause.getStart().getText().toUpperCase(java.util.Locale.ROOT);
            if (!sections.add(section)) {
                problems.add(Problems.Kind.SECTION,
                        "The \"" + section + "\" section can only be used once in an update expression;");
            }
            if (clause instanceof SetClauseContext set) {
                for (SetActionContext action : set.setAction()) {
                    Path path = path(action.path());
                    UpdateValue value = arithmetic(action.setValue().arithmetic());
                    paths.add(path, problems);
                    actions.add(new Update.Action(Update.Kind.SET, path, value, null));
                }
            } else if (clause instanceof RemoveClauseContext remove) {
                for (PathContext target : remove.path()) {
                    Path path = path(target);
                    paths.add(path, problems);
                    actions.add(new Update.Action(Update.Kind.REMOVE, path, null, null));
                }
            } else if (clause instanceof AddClauseContext add) {
                setAction(Update.Kind.ADD, add.path(), add.VALUE(), paths, actions);
            } else {
                DeleteClauseContext delete = (DeleteClauseContext) clause;
                setAction(Update.Kind.DELETE, delete.path(), delete.VALUE(), paths, actions);
            }
        }
        operators += actions.size();
        reportFirst(Problems.Kind.LIMIT, Problems.Kind.RESERVED, Problems.Kind.UNKNOWN_FUNCTION,
                Problems.Kind.SECTION, Problems.Kind.UNDEFINED_NAME, Problems.Kind.UNDEFINED_VALUE,
                Problems.Kind.OVERLAP, Problems.Kind.CONFLICT, Problems.Kind.OPERAND_TYPE, Problems.Kind.FUNCTION);
        for (Update.Action action : actions) {
            if (keyAttributes.contains(action.path().head())) {
                throw ApiException.validation("One or more parameter values were invalid: Cannot update attribute "
                        + action.path().head() + ". This attribute is part of the key");
            }
        }
        return new Update(actions, paths.paths());
    }

    /** An ADD or DELETE action: a path and a placeholder, a number (ADD only) or a set. */
    private void setAction(Update.Kind kind, List<PathContext> targets, List<TerminalNode> values, PathSet paths,
            List<Update.Action> actions) {
        for (int i = 0; i < targets.size(); i++) {
            Path path = path(targets.get(i));
            Value value = value(values.get(i));
            paths.add(path, problems);
            if (value != null) {
                String typeName = OPERAND_TYPE_NAMES.get(value.type());
                if (typeName != null && !(kind == Update.Kind.ADD && value instanceof Value.N)) {
                    problems.add(Problems.Kind.OPERAND_TYPE, "Incorrect operand type for operator or function; "
                            + "operator: " + kind + ", operand type: " + typeName);
                }
            }
            actions.add(new Update.Action(kind, path, null, value));
        }
    }

    private UpdateValue arithmetic(ArithmeticContext arithmetic) {
        if (arithmetic instanceof SingleOperandContext single) {
            return operand(single.updateOperand());
        }
        BinaryArithmeticContext binary = (BinaryArithmeticContext) arithmetic;
        boolean plus = binary.PLUS() != null;
        String operator = plus ? "+" : "-";
        UpdateValue left = operand(binary.updateOperand(0));
        UpdateValue right = operand(binary.updateOperand(1));
        countOperator();
        operandTypes(operator, "N", left, right);
        return new UpdateValue.Arithmetic(plus, left, right);
    }

    private UpdateValue operand(UpdateOperandContext operand) {
        UpdateAtomContext atom = operand.updateAtom();
        if (atom instanceof PathAtomContext path) {
            return new Operand.PathOperand(path(path.path()));
        }
        if (atom instanceof ValueAtomContext value) {
            return new Operand.Literal(value(value.VALUE()));
        }
        return function(((FunctionAtomContext) atom).updateFunction());
    }

    private UpdateValue function(UpdateFunctionContext function) {
        String name = function.IDENTIFIER().getText();
        List<UpdateValue> arguments = new ArrayList<>();
        for (UpdateOperandContext argument : function.updateOperand()) {
            arguments.add(operand(argument));
        }
        countOperator();
        if (!name.equals("if_not_exists") && !name.equals("list_append")) {
            problems.add(Problems.Kind.UNKNOWN_FUNCTION, "Invalid function name; function: " + name);
            return new Operand.Literal(null);
        }
        if (arguments.size() != 2) {
            problems.add(Problems.Kind.FUNCTION, "Incorrect number of operands for operator or function; "
                    + "operator or function: " + name + ", number of operands: " + arguments.size());
            return new Operand.Literal(null);
        }
        if (name.equals("if_not_exists")) {
            if (!(arguments.get(0) instanceof Operand.PathOperand path)) {
                problems.add(Problems.Kind.FUNCTION,
                        "Operator or function requires a document path; operator or function: " + name);
                return new UpdateValue.IfNotExists(null, arguments.get(1));
            }
            return new UpdateValue.IfNotExists(path.path(), arguments.get(1));
        }
        operandTypes(name, "L", arguments.get(0), arguments.get(1));
        return new UpdateValue.ListAppend(arguments.get(0), arguments.get(1));
    }

    /** Placeholder operands of + - and list_append must already be of the right type. */
    private void operandTypes(String operator, String type, UpdateValue... operands) {
        for (UpdateValue operand : operands) {
            String actual = operand.knownType();
            if (actual != null && !actual.equals(type)) {
                problems.add(Problems.Kind.FUNCTION, "Incorrect operand type for operator or function; "
                        + "operator or function: " + operator + ", operand type: " + actual);
                return;
            }
        }
    }
}
