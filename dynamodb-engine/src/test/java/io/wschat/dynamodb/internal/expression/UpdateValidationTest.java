package io.wschat.dynamodb.internal.expression;

import static io.wschat.dynamodb.internal.expression.Fixtures.names;
import static io.wschat.dynamodb.internal.expression.Fixtures.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.wschat.dynamodb.internal.ApiException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Update expressions DynamoDB refuses, with its messages, on a table keyed by {@code id} and {@code sort}, with
 * {@code #c} naming c and {@code #d} naming "[3]".
 */
class UpdateValidationTest {

    private static String error(String expression, String valuesJson) {
        try {
            Expressions.update(expression, new ExpressionContext(names("#c", "c", "#d", "[3]"), values(valuesJson)),
                    Set.of("id", "sort"));
        } catch (ApiException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + expression);
    }

    /** Each row: the expression, its ExpressionAttributeValues in DynamoDB JSON (empty for none), the message. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # syntax errors quote the token and its neighbours
            SET attrName = 3                 |                     | Invalid UpdateExpression: Syntax error; token: "3", near: "= 3"
            SET MyStr[ 3                     |                     | Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "3"
            SET MyStr[3 )                    |                     | Invalid UpdateExpression: Syntax error; token: ")", near: "3 )"
            SET ) 3                          |                     | Invalid UpdateExpression: Syntax error; token: ")", near: "SET ) 3"
            'SET MyStr = [:_val  '           | {":_val":{"N":"1"}} | Invalid UpdateExpression: Syntax error; token: "[", near: "= [:_val"
            '  RESET NonExistent value'      |                     | Invalid UpdateExpression: Syntax error; token: "RESET", near: "  RESET NonExistent"
            SET a[0].b = 5                   |                     | Invalid UpdateExpression: Syntax error; token: "5", near: "= 5"
            'SET a = b, '                    |                     | Invalid UpdateExpression: Syntax error; token: "<EOF>", near: ", "
            # reserved words
            ' remove Absolute '              |                     | Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: Absolute
            # each clause may appear once
            set a = :v set c = :v            | {":v":{"N":"1"}}    | Invalid UpdateExpression: The "SET" section can only be used once in an update expression;
            remove x set a = :v REMOVE e     | {":v":{"N":"1"}}    | Invalid UpdateExpression: The "REMOVE" section can only be used once in an update expression;
            # unknown functions
            set c = if_not_exist(:c)         | {":c":{"N":"1"}}    | Invalid UpdateExpression: Invalid function name; function: if_not_exist
            # undefined placeholders
            SET #x = :v                      | {":v":{"N":"1"}}    | Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #x
            SET a = :x                       |                     | Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :x
            # overlapping paths
            SET a = :v REMOVE a.b            | {":v":{"N":"1"}}    | Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]
            SET a = :v, a = :v               | {":v":{"N":"1"}}    | Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]
            set #c[3].#d = a, #c[3] = a      |                     | Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, [3], [3]], path two: [c, [3]]
            # conflicting paths
            remove a.#c set a[1] = b         |                     | Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, c], path two: [a, [1]]
            # ADD and DELETE check their operand's type
            add a.b :a                       | {":a":{"S":"a"}}     | Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING
            delete a.b :a                    | {":a":{"N":"1"}}     | Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER
            add a :a                         | {":a":{"NULL":true}} | Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: NULL
            add a :a                         | {":a":{"BOOL":false}}| Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: BOOLEAN
            delete a :a                      | {":a":{"B":"YQ=="}}  | Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: BINARY
            add a :a                         | {":a":{"M":{}}}      | Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: MAP
            add a :a                         | {":a":{"L":[]}}      | Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST
            # functions check their operands at parse time
            set a = if_not_exists(c)         |                      | Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1
            set a = if_not_exists(:a, c)     | {":a":{"S":"a"}}     | Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists
            set a = list_append(:a, a)       | {":a":{"S":"a"}}     | Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S
            set a = a + :a                   | {":a":{"SS":["a"]}}  | Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: SS
            set a = :c - a                   | {":c":{"B":"YQ=="}}  | Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: -, operand type: B
            # key attributes may not be updated
            SET id = :v                      | {":v":{"S":"x"}}     | One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key
            REMOVE a, sort                   |                      | One or more parameter values were invalid: Cannot update attribute sort. This attribute is part of the key
            # an empty expression
            ''                               |                      | Invalid UpdateExpression: The expression can not be empty;
            """)
    void refusedExpression_givesDynamoDbsMessage(String expression, String valuesJson, String message) {
        assertThat(error(expression, valuesJson)).isEqualTo(message);
    }

    @Test
    void syntaxErrors_forWhatDynamoDbDoesNotAllow() {
        for (String expression : new String[] {"whatever", "set a", "add a", "delete a", "remove a = b",
                "add a = b", "delete a b", "remove a b", "set a b", "set a = b / c", "set a = b + c + d",
                "SET if_not_exist(a, b) = a", "set (a = (b + c))", "set a[1] = \"eight\""}) {
            assertThat(error(expression, null)).as(expression).startsWith("Invalid UpdateExpression: Syntax error; ");
        }
    }
}
