package io.wschat.shared.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Parses untrusted JSON text into a gson tree without recursion: RFC 8259 strict, a nesting limit checked as the
 * text is read, no repeated keys in one object, nothing after the value.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /**
     * @throws JsonParseException with a short reason fit for a client when the text is not acceptable
     */
    public static JsonElement parse(String text, int maxDepth) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            Deque<JsonElement> open = new ArrayDeque<>();
            JsonElement root = null;
            String name = null;
            do {
                JsonToken token = reader.peek();
                switch (token) {
                    case BEGIN_OBJECT -> {
                        reader.beginObject();
                        root = openContainer(open, name, new JsonObject(), root, maxDepth);
                    }
                    case BEGIN_ARRAY -> {
                        reader.beginArray();
                        root = openContainer(open, name, new JsonArray(), root, maxDepth);
                    }
                    case END_OBJECT -> {
                        reader.endObject();
                        open.pop();
                    }
                    case END_ARRAY -> {
                        reader.endArray();
                        open.pop();
                    }
                    case NAME -> {
                        name = reader.nextName();
                        if (open.peek().getAsJsonObject().has(name)) {
                            throw new JsonParseException("repeated key in an object");
                        }
                    }
                    case STRING -> root = attach(open, name, new JsonPrimitive(reader.nextString()), root);
                    case NUMBER -> root = attach(open, name, new JsonPrimitive(new BigDecimal(reader.nextString())), root);
                    case BOOLEAN -> root = attach(open, name, new JsonPrimitive(reader.nextBoolean()), root);
                    case NULL -> {
                        reader.nextNull();
                        root = attach(open, name, JsonNull.INSTANCE, root);
                    }
                    case END_DOCUMENT -> throw new JsonParseException("empty document");
                    default -> throw new JsonParseException("unexpected token " + token);
                }
                if (token != JsonToken.NAME) {
                    name = null;
                }
            } while (!open.isEmpty());
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("text after the JSON value");
            }
            return root;
        } catch (IOException | NumberFormatException | IllegalStateException e) {
            // MalformedJsonException is an IOException; the reader's own messages quote input, so they stay here.
            throw new JsonParseException("not valid JSON", e);
        }
    }

    private static JsonElement attach(Deque<JsonElement> open, String name, JsonElement value, JsonElement root) {
        JsonElement parent = open.peek();
        if (parent == null) {
            return value;
        }
        if (parent.isJsonObject()) {
            parent.getAsJsonObject().add(name, value);
        } else {
            parent.getAsJsonArray().add(value);
        }
        return root;
    }

    /** {@link #attach}es a new object or array and makes it the innermost open one; returns the root, as attach. */
    private static JsonElement openContainer(Deque<JsonElement> open, String name, JsonElement container,
            JsonElement root, int maxDepth) {
        JsonElement newRoot = attach(open, name, container, root);
        open.push(container);
        checkDepth(open, maxDepth);
        return newRoot;
    }

    private static void checkDepth(Deque<JsonElement> open, int maxDepth) {
        if (open.size() > maxDepth) {
            throw new JsonParseException("nested deeper than " + maxDepth + " levels");
        }
    }
}
