package io.wschat.local.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a CloudFormation/SAM template, turning the YAML short forms ({@code !Ref}, {@code !GetAtt},
 * {@code !Sub}, ...) into the long JSON forms ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, ...).
 */
public final class CloudFormationYaml {

    private CloudFormationYaml() {
    }

    public static Map<String, Object> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return asTemplate(load().loadFromReader(reader), file.toString());
        } catch (IOException e) {
            throw new TemplateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static Map<String, Object> parse(String yaml) {
        return asTemplate(load().loadFromString(yaml), "template");
    }

    private static Load load() {
        LoadSettings settings = LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setLabel("template.yaml")
                .setMaxAliasesForCollections(100)
                .build();
        return new Load(settings, new ShortFormConstructor(settings));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asTemplate(Object document, String name) {
        if (!(document instanceof Map)) {
            throw new TemplateException(name + " is not a YAML mapping");
        }
        return (Map<String, Object>) document;
    }

    /** The long form of a short tag: {@code !Ref} and {@code !Condition} keep their name, the others get {@code Fn::}. */
    static String longForm(String tag) {
        String name = tag.substring(1);
        return name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
    }

    private static final class ShortFormConstructor extends StandardConstructor {

        private final ConstructNode shortForm = this::constructShortForm;

        ShortFormConstructor(LoadSettings settings) {
            super(settings);
        }

        @Override
        protected Optional<ConstructNode> findConstructorFor(Node node) {
            String tag = node.getTag().getValue();
            if (tag.startsWith("!") && !tag.startsWith("!!")) {
                return Optional.of(shortForm);
            }
            return super.findConstructorFor(node);
        }

        private Object constructShortForm(Node node) {
            String function = longForm(node.getTag().getValue());
            Object argument;
            if (node instanceof ScalarNode scalar) {
                String value = constructScalar(scalar);
                argument = function.equals("Fn::GetAtt") ? List.of(value.split("\\.", 2)) : value;
            } else if (node instanceof SequenceNode sequence) {
                argument = constructSequence(sequence);
            } else {
                argument = constructMapping((MappingNode) node);
            }
            return Map.of(function, argument);
        }
    }
}
