package io.wschat.dynamodb.internal.expression;

import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.PathContext;
import io.wschat.dynamodb.internal.expression.DynamoDbExpressionParser.ProjectionContext;

/** Compiles a projection parse tree, with DynamoDB's checks and their order. */
final class ProjectionCompiler extends Compiler {

    ProjectionCompiler(ExpressionContext context, String parameter) {
        super(context, parameter);
    }

    Projection compile(ProjectionContext tree) {
        PathSet paths = new PathSet();
        for (PathContext path : tree.path()) {
            paths.add(path(path), problems);
        }
        reportFirst(Problems.Kind.LIMIT, Problems.Kind.RESERVED, Problems.Kind.UNDEFINED_NAME,
                Problems.Kind.OVERLAP, Problems.Kind.CONFLICT);
        return new Projection(paths.paths());
    }

    @Override
    void undefinedName(String message) {
        problems.add(Problems.Kind.UNDEFINED_NAME, message);
    }

    @Override
    void undefinedValue(String message) {
        problems.add(Problems.Kind.UNDEFINED_VALUE, message); // a projection has no values
    }
}
