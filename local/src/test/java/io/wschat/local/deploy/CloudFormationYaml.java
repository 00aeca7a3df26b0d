package io.wschat.local.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Reads a CloudFormation YAML template, turning short-form tags ({@code !Ref}, {@code !Sub}, ...) into their long JSON form. */
final class CloudFormationYaml {

    /** Short tags and the intrinsic each stands for; {@code !GetAtt} also gets its {@code A.B} scalar split. */
    private static final Map<String, String> INTRINSICS = Map.ofEntries(
            Map.entry("Ref", "Ref"),
            Map.entry("Condition", "Condition"),
            Map.entry("GetAtt", "Fn::GetAtt"),
            Map.entry("Sub", "Fn::Sub"),
            Map.entry("Join", "Fn::Join"),
            Map.entry("Select", "Fn::Select"),
            Map.entry("Split", "Fn::Split"),
            Map.entry("If", "Fn::If"),
            Map.entry("Equals", "Fn::Equals"),
            Map.entry("Not", "Fn::Not"),
            Map.entry("And", "Fn::And"),
            Map.entry("Or", "Fn::Or"),
            Map.entry("FindInMap", "Fn::FindInMap"),
            Map.entry("Base64", "Fn::Base64"),
            Map.entry("Cidr", "Fn::Cidr"),
            Map.entry("GetAZs", "Fn::GetAZs"),
            Map.entry("ImportValue", "Fn::ImportValue"),
            Map.entry("Transform", "Fn::Transform"),
            Map.entry("Length", "Fn::Length"),
            Map.entry("ToJsonString", "Fn::ToJsonString"),
            Map.entry("Contains", "Fn::Contains"),
            Map.entry("EachMemberEquals", "Fn::EachMemberEquals"),
            Map.entry("EachMemberIn", "Fn::EachMemberIn"),
            Map.entry("RefAll", "Fn::RefAll"),
            Map.entry("ValueOf", "Fn::ValueOf"),
            Map.entry("ValueOfAll", "Fn::ValueOfAll"));

    private CloudFormationYaml() {
    }

    static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(Reader reader) {
        LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(false).build();
        Object document = new Load(settings, new IntrinsicConstructor(settings)).loadFromReader(reader);
        if (!(document instanceof Map)) {
            throw new IllegalArgumentException("a template is a YAML mapping, got " + document);
        }
        return (Map<String, Object>) document;
    }

    private static final class IntrinsicConstructor extends StandardConstructor {

        IntrinsicConstructor(LoadSettings settings) {
            super(settings);
            INTRINSICS.forEach((shortName, longName) -> tagConstructors.put(new Tag("!" + shortName), intrinsic(longName)));
        }

        private ConstructNode intrinsic(String longName) {
            return node -> {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    value = longName.equals("Fn::GetAtt") ? List.of(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> function = new LinkedHashMap<>();
                function.put(longName, value);
                return function;
            };
        }
    }
}
