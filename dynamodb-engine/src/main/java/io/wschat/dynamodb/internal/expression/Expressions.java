package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.ApiException;
import io.wschat.dynamodb.internal.value.ItemSize;
import io.wschat.dynamodb.internal.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/** Parses and compiles DynamoDB's condition, filter, key condition, projection and update expressions. */
public final class Expressions {

    /** DynamoDB's limit on an expression's length, in UTF-8 bytes. */
    static final int MAX_EXPRESSION_BYTES = 4096;

    static {
        warmUp();
    }

    private Expressions() {
    }

    /** parameter is "ConditionExpression" or "FilterExpression" (it appears in messages: "Invalid ConditionExpression: ..."). */
    public static Condition condition(String text, String parameter, ExpressionContext context) {
        return new ConditionCompiler(context, parameter).compile(
                parse(text, parameter, DynamoDbExpressionParser::condition));
    }

    /**
     * A Query's FilterExpression, which DynamoDB refuses when it names a key attribute of the table or index read
     * (those belong in the KeyConditionExpression).
     */
    public static Condition queryFilter(String text, ExpressionContext context, Set<String> keyAttributes) {
        String parameter = "FilterExpression";
        ConditionCompiler compiler = new ConditionCompiler(context, parameter);
        Condition condition = compiler.compile(parse(text, parameter, DynamoDbExpressionParser::condition));
        for (String name : compiler.topLevelNames) {
            if (keyAttributes.contains(name)) {
                throw ApiException.validation(
                        "Filter Expression can only contain non-primary key attributes: Primary key attribute: "
                                + name);
            }
        }
        return condition;
    }

    /** A ProjectionExpression. */
    public static Projection projection(String text, ExpressionContext context) {
        String parameter = "ProjectionExpression";
        DynamoDbExpressionParser.ProjectionContext tree =
                parse(text, parameter, DynamoDbExpressionParser::projection);
        return new ProjectionCompiler(context, parameter).compile(tree);
    }

    /** An UpdateExpression; keyAttributes are the table's key attribute names, which it may not touch. */
    public static Update update(String text, ExpressionContext context, Set<String> keyAttributes) {
        String parameter = "UpdateExpression";
        DynamoDbExpressionParser.UpdateContext tree = parse(text, parameter, DynamoDbExpressionParser::update);
        return new UpdateCompiler(context, parameter).compile(tree, keyAttributes);
    }

    /** A KeyConditionExpression of a Query against a table or index with this key schema. */
    public static KeyCondition keyCondition(String text, ExpressionContext context, KeySchema schema) {
        return KeyCondition.of(condition(text, "KeyConditionExpression", context), schema);
    }

    /**
     * Parses with the fast SLL prediction first and only on failure again with full LL, which finds the true
     * offending token for the message; ANTLR's DFA cache is static, so parsers after the first one are cheap.
     */
    static <T extends ParserRuleContext> T parse(
            String text, String parameter, Function<DynamoDbExpressionParser, T> rule) {
        if (text.isEmpty()) {
            throw ApiException.validation("Invalid " + parameter + ": The expression can not be empty;");
        }
        long bytes = ItemSize.utf8Length(text);
        if (bytes > MAX_EXPRESSION_BYTES) {
            throw ApiException.validation("Invalid " + parameter
                    + ": Expression size has exceeded the maximum allowed size; expression size: " + bytes);
        }
        DynamoDbExpressionLexer lexer = new DynamoDbExpressionLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        DynamoDbExpressionParser parser = new DynamoDbExpressionParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return rule.apply(parser);
        } catch (ParseCancellationException e) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.addErrorListener(syntaxErrors(tokens, parameter));
            return rule.apply(parser);
        } catch (StackOverflowError e) {
            // Thousands of nested parentheses fit in 4 KB; DynamoDB rejects such input too, if with other words.
            throw ApiException.validation("Invalid " + parameter + ": The expression has too many nesting levels");
        }
    }

    /** Turns ANTLR's first syntax error into DynamoDB's message, which quotes the token and the text around it. */
    private static BaseErrorListener syntaxErrors(CommonTokenStream tokens, String parameter) {
        return new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line,
                    int charPositionInLine, String msg, RecognitionException e) {
                tokens.fill();
                Token offending = (Token) offendingSymbol;
                boolean atEnd = offending.getType() == Token.EOF;
                String token = atEnd ? "<EOF>" : offending.getText();
                throw ApiException.validation("Invalid " + parameter + ": Syntax error; token: \"" + token
                        + "\", near: \"" + near(tokens.getTokens(), offending.getTokenIndex(), atEnd) + "\"");
            }
        };
    }

    /**
     * DynamoDB quotes the token before the offending one and the one after it, each together with the
     * whitespace between; at the end of the input only what comes before.
     */
    private static String near(List<Token> all, int index, boolean atEnd) {
        StringBuilder near = new StringBuilder();
        if (index >= 1) {
            Token previous = all.get(index - 1);
            if (isWhitespace(previous) && index >= 2) {
                near.append(all.get(index - 2).getText());
            }
            near.append(previous.getText());
        }
        if (atEnd) {
            return near.toString();
        }
        near.append(all.get(index).getText());
        if (index + 1 < all.size() && all.get(index + 1).getType() != Token.EOF) {
            Token next = all.get(index + 1);
            near.append(next.getText());
            if (isWhitespace(next) && index + 2 < all.size() && all.get(index + 2).getType() != Token.EOF) {
                near.append(all.get(index + 2).getText());
            }
        }
        return near.toString();
    }

    private static boolean isWhitespace(Token token) {
        return token.getType() == DynamoDbExpressionLexer.WHITESPACE;
    }

    /** Fills ANTLR's shared DFA cache once per JVM, so the first request does not pay for it. */
    private static void warmUp() {
        ExpressionContext context = new ExpressionContext(Map.of("#n", "n"),
                Map.of(":s", Value.s("s"), ":n", Value.n(1), ":l", new Value.L(List.of())));
        try {
            condition("#n = :s AND (b < :s OR NOT c BETWEEN :s AND :s) AND d IN (:s, :s) "
                    + "AND attribute_exists(e.f[0]) AND begins_with(g, :s) AND size(h) > :n", "ConditionExpression",
                    context);
            projection("a, b.c, d[0]", context);
            update("SET a = b + :n, c = list_append(if_not_exists(c, :l), :l) REMOVE d[0] ADD e :n DELETE f :s",
                    context, Set.of());
        } catch (ApiException ignored) {
            // the warm-up is about the parser's caches, not about the answer
        }
    }
}
