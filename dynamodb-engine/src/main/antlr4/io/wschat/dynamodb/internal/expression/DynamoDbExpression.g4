/*
 * DynamoDB's expression languages: condition and filter expressions (also used for key conditions),
 * projection expressions and update expressions. One grammar with one entry rule per language, so the four share
 * their tokens and document paths.
 */
grammar DynamoDbExpression;

condition
    : orCondition EOF
    ;

projection
    : path (COMMA path)* EOF
    ;

update
    : updateClause+ EOF
    ;

// NOT binds tighter than AND, AND tighter than OR; the comparisons in primaryCondition bind tighter than NOT.
orCondition
    : andCondition (OR andCondition)*
    ;

andCondition
    : notCondition (AND notCondition)*
    ;

notCondition
    : NOT notCondition          # negation
    | primaryCondition          # plainCondition
    ;

primaryCondition
    : operand comparator operand                    # comparison
    | operand BETWEEN operand AND operand           # between
    | operand IN LPAREN operand (COMMA operand)* RPAREN   # in
    | function                                      # functionCondition
    | LPAREN orCondition RPAREN                     # parenthesized
    ;

comparator
    : EQ | NE | LT | LE | GT | GE
    ;

operand
    : function                  # functionOperand
    | VALUE                     # valueOperand
    | path                      # pathOperand
    | LPAREN operand RPAREN     # parenthesizedOperand
    ;

function
    : IDENTIFIER LPAREN operand (COMMA operand)* RPAREN
    ;

updateClause
    : SET setAction (COMMA setAction)*              # setClause
    | REMOVE path (COMMA path)*                     # removeClause
    | ADD path VALUE (COMMA path VALUE)*            # addClause
    | DELETE path VALUE (COMMA path VALUE)*         # deleteClause
    ;

setAction
    : path EQ setValue
    ;

// DynamoDB allows one + or - per action, and parentheses around the whole value or around one operand.
setValue
    : LPAREN arithmetic RPAREN
    | arithmetic
    ;

arithmetic
    : updateOperand (PLUS | MINUS) updateOperand    # binaryArithmetic
    | updateOperand                                 # singleOperand
    ;

updateOperand
    : LPAREN updateAtom RPAREN
    | updateAtom
    ;

updateAtom
    : updateFunction            # functionAtom
    | VALUE                     # valueAtom
    | path                      # pathAtom
    ;

updateFunction
    : IDENTIFIER LPAREN updateOperand (COMMA updateOperand)* RPAREN
    ;

path
    : pathName (DOT pathName | LBRACKET INDEX RBRACKET)*
    ;

// Keywords are accepted as names so that using one is reported as a reserved word, as DynamoDB does, rather than as
// a syntax error. Names never follow one another without a separator, so this does not make clauses ambiguous.
pathName
    : IDENTIFIER
    | NAME
    | AND | OR | NOT | BETWEEN | IN
    | SET | REMOVE | ADD | DELETE
    ;

AND : A N D ;
OR : O R ;
NOT : N O T ;
BETWEEN : B E T W E E N ;
IN : I N ;
SET : S E T ;
REMOVE : R E M O V E ;
ADD : A D D ;
DELETE : D E L E T E ;

IDENTIFIER : [a-zA-Z_] [a-zA-Z0-9_]* ;
NAME : '#' [a-zA-Z0-9_]+ ;
VALUE : ':' [a-zA-Z0-9_]+ ;
INDEX : [0-9]+ ;

EQ : '=' ;
NE : '<>' ;
LE : '<=' ;
LT : '<' ;
GE : '>=' ;
GT : '>' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
DOT : '.' ;
COMMA : ',' ;
PLUS : '+' ;
MINUS : '-' ;

// Kept as tokens rather than skipped: syntax error messages quote the text around the offending token.
WHITESPACE : [ \t\r\n]+ -> channel(HIDDEN) ;

// Any other character becomes a token of its own, so the parser reports it as the offending token.
UNKNOWN : . ;

fragment A : [aA] ; fragment B : [bB] ; fragment D : [dD] ; fragment E : [eE] ; fragment I : [iI] ;
fragment L : [lL] ; fragment M : [mM] ; fragment N : [nN] ; fragment O : [oO] ; fragment R : [rR] ;
fragment S : [sS] ; fragment T : [tT] ; fragment V : [vV] ; fragment W : [wW] ;
