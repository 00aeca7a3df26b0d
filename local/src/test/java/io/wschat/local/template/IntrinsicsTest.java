package io.wschat.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntrinsicsTest {

    private static final LocalNames NAMES = LocalNames.of("wschat", "local", "ws://localhost:3001");

    private static final String TEMPLATE = """
            Parameters:
              Stage: { Type: String, Default: prod }
              Size: { Type: Number, Default: 24 }
              Required: { Type: String }
            Conditions:
              IsProd: !Equals [ !Ref Stage, prod ]
              NotProd: !Not [ !Condition IsProd ]
              Both: !And [ !Condition IsProd, !Equals [ a, a ] ]
            Mappings:
              Sizes: { prod: { memory: 512 } }
            Resources:
              Named: { Type: AWS::DynamoDB::Table, Properties: { TableName: !Sub '${AWS::StackName}-named' } }
              Unnamed: { Type: AWS::DynamoDB::Table }
              Topic: { Type: AWS::SNS::Topic }
              NamedTopic: { Type: AWS::SNS::Topic, Properties: { TopicName: events } }
              Fn: { Type: AWS::Serverless::Function, Properties: { Handler: a.B::handle, AutoPublishAlias: live } }
              Api: { Type: AWS::ApiGatewayV2::Api, Properties: { ProtocolType: WEBSOCKET } }
              Maybe: { Type: AWS::SNS::Topic, Condition: NotProd }
            """;

    private final Intrinsics intrinsics = new Intrinsics(CloudFormationYaml.parse(TEMPLATE), Map.of(), NAMES);

    private Object resolve(String yaml) {
        return intrinsics.resolve(CloudFormationYaml.parse("v: " + yaml).get("v"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            !Ref Stage          | prod
            !Ref Size           | 24
            !Ref AWS::Region    | us-east-1
            !Ref AWS::AccountId | 000000000000
            !Ref Named          | wschat-named
            !Ref Unnamed        | Unnamed
            !Ref Topic          | arn:aws:sns:us-east-1:000000000000:Topic
            !Ref NamedTopic     | arn:aws:sns:us-east-1:000000000000:events
            !Ref Fn             | Fn
            !Ref Api            | local
            """)
    void ref_resolvesParametersPseudoParametersAndResources(String expression, String expected) {
        assertThat(resolve(expression)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"!Ref FnAliaslive", "!Ref Fn.Alias", "!Sub '${Fn.Arn}:live'"})
    void samAliases_resolveToTheAliasArn(String expression) {
        assertThat(resolve(expression)).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:Fn:live");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            !GetAtt Fn.Arn                  | arn:aws:lambda:us-east-1:000000000000:function:Fn
            !GetAtt Named.Arn               | arn:aws:dynamodb:us-east-1:000000000000:table/wschat-named
            !GetAtt [NamedTopic, TopicName] | events
            !GetAtt Api.ApiEndpoint         | ws://localhost:3001
            """)
    void getAtt_resolvesArnsAndEndpoints(String expression, String expected) {
        assertThat(resolve(expression)).isEqualTo(expected);
    }

    @Test
    void sub_joinSelectSplit_andFindInMap() {
        assertThat(resolve("!Sub 'https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}'"))
                .isEqualTo("https://local.execute-api.us-east-1.amazonaws.com/prod");
        assertThat(resolve("!Sub [ '${X}-${!Literal}', { X: !Ref Stage } ]")).isEqualTo("prod-${Literal}");
        assertThat(resolve("!Join [ ':', [ a, !Ref Stage, 3 ] ]")).isEqualTo("a:prod:3");
        assertThat(resolve("!Select [ 1, !Split [ ',', 'a,b,c' ] ]")).isEqualTo("b");
        assertThat(resolve("!FindInMap [ Sizes, !Ref Stage, memory ]")).isEqualTo(512);
    }

    @Test
    void conditions_drive_ifAndResourceInclusion() {
        assertThat(resolve("!If [ IsProd, yes, no ]")).isEqualTo("yes");
        assertThat(resolve("!If [ NotProd, yes, no ]")).isEqualTo("no");
        assertThat(intrinsics.condition("Both")).isTrue();
        assertThat(intrinsics.isIncluded("Maybe")).isFalse();
        assertThat(intrinsics.isIncluded("Topic")).isTrue();
    }

    @Test
    void noValue_removesTheProperty() {
        assertThat(resolve("{ a: 1, b: !If [ NotProd, 2, !Ref AWS::NoValue ] }")).isEqualTo(Map.of("a", 1));
        assertThat(resolve("[ 1, !Ref AWS::NoValue, 3 ]")).isEqualTo(List.of(1, 3));
    }

    @Test
    void parameterOverrides_replaceDefaults_andMissingDefaultsAreReported() {
        Intrinsics overridden = new Intrinsics(CloudFormationYaml.parse(TEMPLATE),
                Map.of("Stage", "dev", "Required", "given"), NAMES);

        assertThat(overridden.resolve(Map.of("Ref", "Stage"))).isEqualTo("dev");
        assertThat(overridden.resolve(Map.of("Ref", "Required"))).isEqualTo("given");
        assertThat(overridden.condition("IsProd")).isFalse();
        assertThatThrownBy(() -> resolve("!Ref Required")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("--parameter Required=");
        assertThatThrownBy(() -> new Intrinsics(CloudFormationYaml.parse(TEMPLATE), Map.of("Nope", "x"), NAMES))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Nope");
    }

    @Test
    void unknownNames_failWithTheName() {
        assertThatThrownBy(() -> resolve("!Ref Missing")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("Missing");
    }
}
