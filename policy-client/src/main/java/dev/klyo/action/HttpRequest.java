package dev.klyo.action;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An outbound HTTP request. {@code body} is what the client will send, when the enforcement
 * point can see it before it leaves; {@link HttpBody#NONE} otherwise.
 */
public record HttpRequest(AgentContext context, String method, URI uri, Map<String, List<String>> headers,
                          HttpBody body) implements Action {

    public HttpRequest {
        Objects.requireNonNull(uri, "uri");
        method = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
        context = Objects.requireNonNullElse(context, AgentContext.ANONYMOUS);
        headers = headers == null ? Map.of() : headers;
        body = body == null ? HttpBody.NONE : body;
    }

    public static HttpRequest of(String method, String url) {
        return new HttpRequest(AgentContext.ANONYMOUS, method, URI.create(url), Map.of(), HttpBody.NONE);
    }

    @Override
    public ActionKind kind() {
        return ActionKind.HTTP;
    }

    public String scheme() {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    /**
     * The host, normalised. {@link URI#getHost()} is null for names it does not accept (an
     * underscore, for one) although many clients still connect to them, so the host is then
     * taken from the authority: a rule on that name must still see it.
     */
    public String host() {
        String host = uri.getHost();
        if (host == null && uri.getRawAuthority() != null) {
            String authority = uri.getRawAuthority();
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            int portColon = authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']'))
                    : authority.lastIndexOf(':');
            host = portColon < 0 ? authority : authority.substring(0, portColon);
        }
        return Hosts.normalize(host);
    }

    /** The explicit port, or the scheme's default. */
    public int port() {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equals(scheme()) || "wss".equals(scheme()) ? 443 : 80;
    }

    /**
     * The path as servers interpret it, which is what path rules match: percent-encoded
     * unreserved characters decoded ({@code /%61dmin} is {@code /admin}), dot segments removed
     * ({@code /v1/../admin} is {@code /admin}) and repeated slashes collapsed. Encoded
     * reserved characters such as {@code %2F} stay encoded: they are data, not structure.
     */
    public String path() {
        return UrlPaths.normalize(uri.getRawPath());
    }

    /** The path exactly as it will be sent. */
    public String rawPath() {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    public String query() {
        return uri.getRawQuery() == null ? "" : uri.getRawQuery();
    }

    /** First value of a header, case-insensitively; empty when absent. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return "";
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("method", method);
        map.put("url", uri.toString());
        map.put("scheme", scheme());
        map.put("host", host());
        map.put("port", (long) port());
        map.put("path", path());
        map.put("query", query());
        Map<String, Object> flatHeaders = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (k != null) {
                flatHeaders.put(k.toLowerCase(Locale.ROOT), String.join(",", v));
            }
        });
        map.put("headers", flatHeaders);
        map.put("body", body.text());
        map.put("bodySize", (long) body.size());
        return map;
    }

    @Override
    public String target() {
        return method + " " + uri;
    }
}
