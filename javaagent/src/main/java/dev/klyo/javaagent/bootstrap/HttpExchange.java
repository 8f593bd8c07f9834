package dev.klyo.javaagent.bootstrap;

import java.util.List;
import java.util.Map;

/**
 * One outbound HTTP request as a hook holds it just before it is sent: method, URL, headers and
 * the body when the hook could read it. The decider may rewrite URL, headers and body (redaction,
 * credential injection); the hook then sends what this holds instead of what the application
 * built, and only when {@link #changed()} says so, so an untouched request stays the original.
 */
public final class HttpExchange {

    private final String method;
    private String url;
    private Map<String, List<String>> headers;
    private byte[] body;
    private final boolean bodyUnseen;
    private final String contentType;
    private boolean changed;

    /**
     * @param body        the bytes about to be sent, or null for none
     * @param bodyUnseen  a body exists but the hook could not read it without consuming it
     *                    (a streamed publisher, a one-shot body)
     * @param contentType the body's media type, or null
     */
    public HttpExchange(String method, String url, Map<String, List<String>> headers, byte[] body, boolean bodyUnseen,
                        String contentType) {
        this.method = method;
        this.url = url;
        this.headers = headers;
        this.body = body;
        this.bodyUnseen = bodyUnseen;
        this.contentType = contentType;
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The body to send, null for none; as read unless {@link #changed()}. */
    public byte[] body() {
        return body;
    }

    public boolean bodyUnseen() {
        return bodyUnseen;
    }

    public String contentType() {
        return contentType;
    }

    /** The first value of header {@code name}, whatever its case, or null. */
    public static String firstHeader(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    public boolean changed() {
        return changed;
    }

    /** The request to send instead; called by the decider only. */
    public void rewrite(String newUrl, Map<String, List<String>> newHeaders, byte[] newBody) {
        url = newUrl;
        headers = newHeaders;
        body = newBody;
        changed = true;
    }

    /** The first value of a header, names compared ignoring case; null when absent. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
