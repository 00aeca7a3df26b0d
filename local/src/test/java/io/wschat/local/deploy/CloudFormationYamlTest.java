package io.wschat.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudFormationYamlTest {

    @Test
    void shortTags_becomeTheLongFormIntrinsics() {
        String yaml = """
                Resources:
                  Thing:
                    Properties:
                      Name: !Ref StageName
                      Arn: !GetAtt ConnectionsTable.Arn
                      Nested: !GetAtt Db.Endpoint.Address
                      Url: !Sub "https://${ChatApi}/${StageName}"
                      Listed: !Sub ["${A}-x", {A: !Ref B}]
                      Picked: !If [IsProd, !Join ["", [a, !Select [0, !Split [",", "x,y"]]]], !Ref AWS::NoValue]
                Conditions:
                  IsProd: !Not [!Equals [!Ref StageName, dev]]
                """;

        Map<String, Object> template = CloudFormationYaml.parse(new StringReader(yaml));

        Map<String, Object> properties = SamTemplate.map(SamTemplate.map(SamTemplate.map(template.get("Resources")).get("Thing")).get("Properties"));
        assertThat(properties.get("Name")).isEqualTo(Map.of("Ref", "StageName"));
        assertThat(properties.get("Arn")).isEqualTo(Map.of("Fn::GetAtt", List.of("ConnectionsTable", "Arn")));
        assertThat(properties.get("Nested")).isEqualTo(Map.of("Fn::GetAtt", List.of("Db", "Endpoint.Address")));
        assertThat(properties.get("Url")).isEqualTo(Map.of("Fn::Sub", "https://${ChatApi}/${StageName}"));
        assertThat(properties.get("Listed")).isEqualTo(Map.of("Fn::Sub", List.of("${A}-x", Map.of("A", Map.of("Ref", "B")))));
        assertThat(properties.get("Picked")).isEqualTo(Map.of("Fn::If", List.of(
                "IsProd",
                Map.of("Fn::Join", List.of("", List.of("a", Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of(",", "x,y"))))))),
                Map.of("Ref", "AWS::NoValue"))));
        assertThat(SamTemplate.map(template.get("Conditions")).get("IsProd"))
                .isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "StageName"), "dev")))));
    }

    @Test
    void duplicateKeys_areRejected_asCloudFormationDoes() {
        assertThatThrownBy(() -> CloudFormationYaml.parse(new StringReader("Resources:\n  A: 1\n  A: 2\n")))
                .hasMessageContaining("A");
    }
}
