package io.wschat.local.lambda;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** The management API calls one invocation made, counted by method and status. */
public final class FanOut {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    void record(String method, int status) {
        counts.computeIfAbsent(key(method, status), key -> new AtomicInteger()).incrementAndGet();
    }

    /** Status 0 is a call held without an answer (an injected hang). */
    private static String key(String method, int status) {
        return method + " " + (status == 0 ? "no answer" : String.valueOf(status));
    }

    public int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int count(String method, int status) {
        AtomicInteger count = counts.get(key(method, status));
        return count == null ? 0 : count.get();
    }

    /** For example "3 calls (POST 200 ×2, POST 410 ×1)", or "" when there were none. */
    public String summary() {
        if (counts.isEmpty()) {
            return "";
        }
        Map<String, Integer> sorted = new TreeMap<>();
        counts.forEach((key, value) -> sorted.put(key, value.get()));
        int total = total();
        return total + (total == 1 ? " call (" : " calls (")
                + sorted.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                        .collect(Collectors.joining(", "))
                + ")";
    }
}
