package dev.klyo.session;

import dev.klyo.action.Action;
import dev.klyo.action.DnsLookup;
import dev.klyo.action.HttpRequest;
import dev.klyo.action.NetworkConnect;
import dev.klyo.action.ProcessStart;
import dev.klyo.action.SqlStatement;
import dev.klyo.action.ToolCall;
import dev.klyo.engine.ToolArguments;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Facts about an action relative to its session, for tool-chain rules: {@code targets} (the
 * destinations it would reach: accounts, recipients, hosts), {@code inScope} (every target is one
 * the session's scope names, compared exactly; true when there are none) and
 * {@code carriesSensitive} (it would send a sensitive value the session has read). Computed from
 * the session's state, so the cost does not depend on how long the session has run.
 */
public final class SessionFacts {

    private static final Pattern ACCOUNT = Pattern.compile(Destinations.ACCOUNT);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");
    private static final Set<String> DESTINATION_KEYS = Set.of("recipient", "recipients", "to", "cc", "bcc", "email",
            "account", "iban", "payee", "destination", "url", "host", "channel", "user", "phone", "number");

    private SessionFacts() {
    }

    public static Map<String, Object> of(Action action, Map<String, Object> session) {
        List<String> targets = targets(action);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("targets", targets);
        facts.put("inScope", inScope(targets, session.get("scope")));
        facts.put("carriesSensitive", carriesSensitive(outgoingText(action), session.get("sensitiveValues")));
        return facts;
    }

    static List<String> targets(Action action) {
        Set<String> out = new LinkedHashSet<>();
        if (action instanceof ToolCall t) {
            ToolArguments.parse(t.arguments()).forEach((key, value) -> collect(key, value, out));
        } else if (action instanceof HttpRequest r) {
            out.add(r.host());
        } else if (action instanceof NetworkConnect c) {
            out.add(c.host().isEmpty() ? c.address() : c.host());
        } else if (action instanceof DnsLookup d) {
            out.add(d.host());
        }
        out.remove("");
        return List.copyOf(out);
    }

    private static void collect(String key, Object value, Set<String> out) {
        if (value instanceof String s) {
            String v = s.trim();
            boolean destinationKey = DESTINATION_KEYS.contains(key.toLowerCase(Locale.ROOT));
            if (v.startsWith("http://") || v.startsWith("https://")) {
                out.add(v);
                try {
                    String host = URI.create(v).getHost();
                    if (host != null) {
                        out.add(host);
                    }
                } catch (IllegalArgumentException e) {
                    // Not a URL after all: the literal text stays a target.
                }
            } else if (destinationKey || ACCOUNT.matcher(v).matches() || EMAIL.matcher(v).matches()
                    || Destinations.PHONE.matcher(v).matches()) {
                out.add(Destinations.PHONE.matcher(v).matches() ? Destinations.phone(v) : v);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(String.valueOf(k), v, out));
        } else if (value instanceof Collection<?> list) {
            for (Object v : list) {
                collect(key, v, out);
            }
        }
    }

    private static boolean inScope(List<String> targets, Object scope) {
        if (targets.isEmpty()) {
            return true;
        }
        if (!(scope instanceof Map<?, ?> s)) {
            return false;
        }
        Set<String> named = new LinkedHashSet<>();
        for (String field : List.of("accounts", "recipients", "hosts", "entities")) {
            if (s.get(field) instanceof Collection<?> values) {
                values.forEach(v -> named.add(String.valueOf(v).toLowerCase(Locale.ROOT)));
            }
        }
        for (String t : targets) {
            if (!named.contains(t.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private static boolean carriesSensitive(String text, Object values) {
        if (text.isEmpty() || !(values instanceof Collection<?> sensitive)) {
            return false;
        }
        for (Object v : sensitive) {
            if (text.contains(String.valueOf(v))) {
                return true;
            }
        }
        return false;
    }

    private static String outgoingText(Action action) {
        if (action instanceof ToolCall t) {
            return t.arguments();
        }
        if (action instanceof HttpRequest r) {
            List<String> parts = new ArrayList<>();
            parts.add(r.uri().toString());
            r.headers().values().forEach(parts::addAll);
            parts.add(r.body().text());
            return String.join("\n", parts);
        }
        if (action instanceof ProcessStart p) {
            return p.commandLine();
        }
        if (action instanceof SqlStatement s) {
            return s.sql();
        }
        return "";
    }
}
