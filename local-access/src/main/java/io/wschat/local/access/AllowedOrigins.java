package io.wschat.local.access;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The web origins whose pages may talk to a listener: its own ({@code http://localhost:PORT},
 * {@code http://127.0.0.1:PORT}, the configured host) and those named with {@code --allow-origin}. A request without
 * an {@code Origin} header comes from a program, not a web page, and passes.
 */
public final class AllowedOrigins {

    private final Set<String> origins;

    private AllowedOrigins(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    /** The listener's own origins on {@code port} bound to {@code bindHost}, and {@code extra}. */
    public static AllowedOrigins of(int port, String bindHost, List<String> extra) {
        Set<String> origins = new HashSet<>();
        origins.add("http://localhost:" + port);
        origins.add("http://127.0.0.1:" + port);
        origins.add("http://[::1]:" + port);
        if (!BindAddress.isWildcard(bindHost)) {
            origins.add("http://" + BindAddress.urlHost(bindHost, "localhost").toLowerCase(Locale.ROOT) + ":" + port);
        }
        for (String origin : extra) {
            origins.add(normalize(origin));
        }
        return new AllowedOrigins(origins);
    }

    public boolean allows(String origin) {
        if (origin == null) {
            return true;
        }
        try {
            return origins.contains(normalize(origin));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code scheme://host[:port]} in lower case, without a default port or a trailing slash. */
    public static String normalize(String origin) {
        URI uri = URI.create(origin.trim());
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null) {
            throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + origin);
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
