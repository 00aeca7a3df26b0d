package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.PathContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.PathNameContext;
import io.wschat.dynamodb.internal.value.Value;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/** What compiling any of the expression languages shares: document paths, placeholders and error reporting. */
abstract class Compiler {

    /** DynamoDB's limit on a document path's depth. */
    static final int MAX_PATH_DEPTH = 32;
    /** DynamoDB's limit on operators and functions in one expression. */
    static final int MAX_OPERATORS = 300;

    final ExpressionContext context;
    final String parameter;
    final Problems problems = new Problems();
    int operators;

    Compiler(ExpressionContext context, String parameter) {
        this.context = context;
        this.parameter = parameter;
    }

    /** Where an undefined {@code #name} is recorded; the languages rank it differently. */
    abstract void undefinedName(String message);

    /** Where an undefined {@code :value} is recorded. */
    abstract void undefinedValue(String message);

    /** The top-level attribute names of every path compiled so far, in order of appearance. */
    final java.util.Set<String> topLevelNames = new java.util.LinkedHashSet<>();

    Path path(PathContext path) {
        List<Object> elements = new ArrayList<>();
        for (ParseTree child : path.children) {
            if (child instanceof PathNameContext name) {
                elements.add(name(name));
            } else if (child instanceof TerminalNode terminal
                    && terminal.getSymbol().getType() == DynamoDbExpressionLexer.INDEX) {
                elements.add(index(terminal.getText()));
            }
        }
        if (elements.size() > MAX_PATH_DEPTH) {
            problems.add(Problems.Kind.LIMIT, "The document path has too many nesting levels; nesting levels: "
                    + elements.size());
        }
        if (!elements.isEmpty() && elements.get(0) instanceof String top) {
            topLevelNames.add(top);
        }
        return new Path(elements);
    }

    private String name(PathNameContext name) {
        Token token = name.getStart();
        String text = token.getText();
        if (token.getType() == DynamoDbExpressionLexer.NAME) {
            String resolved = context.name(text);
            if (resolved == null) {
                undefinedName("An expression attribute name used in the document path is not defined; "
                        + "attribute name: " + text);
                return text;
            }
            return resolved;
        }
        if (ReservedWords.isReserved(text)) {
            problems.add(Problems.Kind.RESERVED, "Attribute name is a reserved keyword; reserved keyword: " + text);
        }
        return text;
    }

    /** An index too large for any list still names a position past the end, which is all that matters. */
    private static int index(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The value of a {@code :placeholder}; null (after recording the error) when it is not defined. */
    Value value(TerminalNode placeholder) {
        String text = placeholder.getText();
        Value value = context.value(text);
        if (value == null) {
            undefinedValue("An expression attribute value used in expression is not defined; attribute value: "
                    + text);
        }
        return value;
    }

    void countOperator() {
        operators++;
    }

    /** Throws the error DynamoDB would report, if any: the first kind found in the given order. */
    void reportFirst(Problems.Kind... order) {
        if (operators > MAX_OPERATORS) {
            problems.add(Problems.Kind.LIMIT,
                    "The expression contains too many operators; operator count: " + operators);
        }
        String message = problems.first(order);
        if (message != null) {
            throw ApiException.validation("Invalid " + parameter + ": " + message);
        }
    }
}
