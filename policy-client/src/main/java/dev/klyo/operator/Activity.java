package dev.klyo.operator;

import dev.klyo.audit.AuditEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one session did, grouped the way a CISO asks about it: files touched, processes run,
 * destinations contacted (with what was sent there), and tools and queries called.
 */
final class Activity {

    /** One file: the operations done on it. */
    static final class FileRow {
        final Counts counts = new Counts();
        final Map<String, Long> operations = new TreeMap<>();
    }

    /** One host the agent reached, by any channel: HTTP, a raw connection, a DNS lookup. */
    static final class Destination {
        final Counts counts = new Counts();
        final Set<String> channels = new TreeSet<>();
        final Map<String, Long> methods = new TreeMap<>();
        final Set<String> paths = new TreeSet<>();
        /** Request body bytes that left (allowed or only observed). */
        long bytesSent;
        /** Request body bytes a denial kept in. */
        long bytesBlocked;
        /** Requests whose body the enforcement point could not see. */
        long unseenBodies;

        void add(AuditEvent e, String channel, String method, String path, long bodySize) {
            counts.add(e);
            channels.add(channel);
            if (method != null) {
                methods.merge(method, 1L, Long::sum);
            }
            if (path != null && paths.size() < MAX_PATHS) {
                paths.add(path);
            }
            if (bodySize < 0) {
                unseenBodies++;
            } else if ("deny".equals(e.effect()) && e.enforced()) {
                bytesBlocked += bodySize;
            } else {
                bytesSent += bodySize;
            }
        }
    }

    /** A tool call or SQL statement (or any kind this report does not group by itself). */
    record Call(String kind, String target) {
    }

    /** The calls of one tool: what the model passed to it is part of where data went. */
    static final class CallRow {
        final Counts counts = new Counts();
        final Set<String> arguments = new TreeSet<>();

        void add(AuditEvent e) {
            counts.add(e);
            Object args = e.attributes().get("arguments");
            if (args != null && arguments.size() < MAX_ARGUMENTS) {
                String text = String.valueOf(args);
                arguments.add(text.length() > MAX_ARGUMENT_CHARS ? text.substring(0, MAX_ARGUMENT_CHARS) + "\u2026" : text);
            }
        }
    }

    static final int MAX_PATHS = 5;
    static final int MAX_ARGUMENTS = 3;
    static final int MAX_ARGUMENT_CHARS = 300;

    final Counts all = new Counts();
    final Set<String> principals = new TreeSet<>();
    final Map<String, FileRow> files = new LinkedHashMap<>();
    final Map<String, Counts> processes = new LinkedHashMap<>();
    final Map<String, Destination> destinations = new LinkedHashMap<>();
    final Map<Call, CallRow> tools = new LinkedHashMap<>();
    long modelExchanges;
    Instant first;
    Instant last;

    void add(AuditEvent e) {
        all.add(e);
        if (e.principal() != null && !e.principal().isEmpty()) {
            principals.add(e.principal());
        }
        if (first == null || e.timestamp().isBefore(first)) {
            first = e.timestamp();
        }
        if (last == null || e.timestamp().isAfter(last)) {
            last = e.timestamp();
        }
        Map<String, Object> a = e.attributes();
        switch (e.kind()) {
            case "file" -> {
                FileRow row = files.computeIfAbsent(text(a, "path", e.target()), k -> new FileRow());
                row.counts.add(e);
                row.operations.merge(text(a, "operation", "?"), 1L, Long::sum);
            }
            case "process" -> processes.computeIfAbsent(text(a, "commandLine", e.target()), k -> new Counts()).add(e);
            case "http" -> destination(text(a, "host", e.target())).add(e, text(a, "scheme", "http"),
                    text(a, "method", "?"), text(a, "path", null), number(a, "bodySize", 0));
            case "network" -> {
                String host = text(a, "host", "");
                destination(host.isEmpty() ? text(a, "address", e.target()) : host)
                        .add(e, text(a, "protocol", "tcp") + ":" + number(a, "port", 0), null, null, 0);
            }
            case "dns" -> destination(text(a, "host", e.target())).add(e, "dns", null, null, 0);
            case "model" -> modelExchanges++;
            default -> tools.computeIfAbsent(new Call(e.kind(), e.target()), k -> new CallRow()).add(e);
        }
    }

    private Destination destination(String host) {
        return destinations.computeIfAbsent(host, k -> new Destination());
    }

    static String text(Map<String, Object> attributes, String key, String fallback) {
        Object v = attributes.get(key);
        return v == null ? fallback : String.valueOf(v);
    }

    static long number(Map<String, Object> attributes, String key, long fallback) {
        return attributes.get(key) instanceof Number n ? n.longValue() : fallback;
    }
}
