package io.wschat.sns;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parameters of an AWS Query request, from the query string and the form body, with the Query
 * protocol's flattened lists ({@code Attributes.entry.1.key}) regrouped.
 */
final class QueryParameters {

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code application/x-www-form-urlencoded} text; either part may be empty or null. */
    static QueryParameters parse(String queryString, String formBody) {
        Map<String, String> values = new LinkedHashMap<>();
        addAll(values, queryString);
        addAll(values, formBody);
        return new QueryParameters(values);
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value, or null when absent. */
    String get(String name) {
        return values.get(name);
    }

    Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * The members of a map parameter: for {@code prefix = "Attributes.entry"} and
     * {@code Attributes.entry.2.key=a}, entry 2 maps {@code key} to {@code a}. Entries come in index order.
     */
    Map<Integer, Map<String, String>> entries(String prefix) {
        return entries(values, prefix);
    }

    /**
     * The members of a map or list parameter nested in one member of another, as {@link #entries(String)} gives
     * them: {@code entries(batchEntry, "MessageAttributes.entry")}.
     */
    static Map<Integer, Map<String, String>> entries(Map<String, String> values, String prefix) {
        Map<Integer, Map<String, String>> entries = new TreeMap<>();
        String start = prefix + ".";
        values.forEach((name, value) -> {
            if (!name.startsWith(start)) {
                return;
            }
            String rest = name.substring(start.length());
            int dot = rest.indexOf('.');
            if (dot <= 0) {
                return;
            }
            try {
                int index = Integer.parseInt(rest.substring(0, dot));
                entries.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(rest.substring(dot + 1), value);
            } catch (NumberFormatException e) {
                throw SnsErrorException.invalidParameter(name);
            }
        });
        return Collections.unmodifiableMap(entries);
    }

    private static void addAll(Map<String, String> values, String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            values.putIfAbsent(name, value);
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SnsErrorException.invalidParameter("malformed form encoding");
        }
    }
}
