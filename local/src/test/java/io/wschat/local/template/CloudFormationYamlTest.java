package io.wschat.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudFormationYamlTest {

    @Test
    void shortTags_becomeLongForms() {
        Map<String, Object> template = CloudFormationYaml.parse("""
                Values:
                  ref: !Ref Table
                  att: !GetAtt Fn.Arn
                  attList: !GetAtt [Fn, Arn]
                  sub: !Sub ${AWS::Region}-x
                  subList: !Sub [ "${A}", { A: !Ref B } ]
                  join: !Join [ '', [ a, !Ref C ] ]
                  cond: !If [ IsProd, 1, 2 ]
                  eq: !Equals [ !Ref Env, prod ]
                  not: !Not [ !Condition IsProd ]
                  select: !Select [ 0, !Split [ ',', 'a,b' ] ]
                  plain: text
                  number: 10
                """);

        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) template.get("Values");
        assertThat(values.get("ref")).isEqualTo(Map.of("Ref", "Table"));
        assertThat(values.get("att")).isEqualTo(Map.of("Fn::GetAtt", List.of("Fn", "Arn")));
        assertThat(values.get("attList")).isEqualTo(Map.of("Fn::GetAtt", List.of("Fn", "Arn")));
        assertThat(values.get("sub")).isEqualTo(Map.of("Fn::Sub", "${AWS::Region}-x"));
        assertThat(values.get("subList")).isEqualTo(Map.of("Fn::Sub", List.of("${A}", Map.of("A", Map.of("Ref", "B")))));
        assertThat(values.get("join")).isEqualTo(Map.of("Fn::Join", List.of("", List.of("a", Map.of("Ref", "C")))));
        assertThat(values.get("cond")).isEqualTo(Map.of("Fn::If", List.of("IsProd", 1, 2)));
        assertThat(values.get("eq")).isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "Env"), "prod")));
        assertThat(values.get("not")).isEqualTo(Map.of("Fn::Not", List.of(Map.of("Condition", "IsProd"))));
        assertThat(values.get("select")).isEqualTo(Map.of("Fn::Select",
                List.of(0, Map.of("Fn::Split", List.of(",", "a,b")))));
        assertThat(values.get("plain")).isEqualTo("text");
        assertThat(values.get("number")).isEqualTo(10);
    }
}
