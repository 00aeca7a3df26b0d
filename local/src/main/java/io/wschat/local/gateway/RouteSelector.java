package io.wschat.local.gateway;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Optional;

/**
 * Evaluates a route selection expression of the form {@code $request.body.<dotted.path>} (or
 * {@code ${request.body.<dotted.path>}}) on a text frame. A frame that is not a JSON object, or has no scalar at
 * the path, selects nothing, which sends it to {@code $default}.
 */
public final class RouteSelector {

    private static final String PREFIX = "request.body.";

    private final String[] path;

    public RouteSelector(String expression) {
        this.path = parse(expression);
    }

    private static String[] parse(String expression) {
        String text = expression == null ? "" : expression.trim();
        if (text.startsWith("${") && text.endsWith("}")) {
            text = text.substring(2, text.length() - 1);
        } else if (text.startsWith("$")) {
            text = text.substring(1);
        }
        if (!text.startsWith(PREFIX) || text.length() == PREFIX.length()) {
            throw new IllegalArgumentException("unsupported route selection expression " + expression
                    + "; expected $request.body.<field>");
        }
        return text.substring(PREFIX.length()).split("\\.");
    }

    /** The route key the frame selects, if any. */
    public Optional<String> select(String body) {
        JsonElement current;
        try {
            current = JsonParser.parseString(body);
        } catch (JsonParseException e) {
            return Optional.empty();
        }
        for (String field : path) {
            if (current == null || !current.isJsonObject()) {
                return Optional.empty();
            }
            current = current.getAsJsonObject().get(field);
        }
        if (current == null || !current.isJsonPrimitive()) {
            return Optional.empty();
        }
        return Optional.of(current.getAsString());
    }
}
