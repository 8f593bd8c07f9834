package dev.klyo.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the user's request authorises: the destinations it names (accounts such as IBANs,
 * e-mail recipients, URLs and hosts, phone numbers), other entities, and the kinds of action it
 * asks for ({@code read} always; {@code write} and {@code destructive} only when asked).
 * {@code declared} says whether the application set it or Klyo derived it from the message.
 */
public record Scope(Set<String> accounts, Set<String> recipients, Set<String> hosts, Set<String> entities,
                    Set<String> intents, boolean declared) {

    /** No request seen yet: nothing is in scope but reading. */
    public static final Scope NONE = new Scope(Set.of(), Set.of(), Set.of(), Set.of(), Set.of("read"), false);

    public Scope {
        accounts = normalize(accounts);
        recipients = normalize(recipients);
        hosts = normalize(hosts);
        entities = normalize(entities);
        intents = normalize(intents);
    }

    private static Set<String> normalize(Set<String> values) {
        return values == null ? Set.of() : Set.copyOf(values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty()).toList());
    }

    /** Builder for applications that declare scope instead of deriving it. */
    public static Builder declare() {
        return new Builder();
    }

    /** Whether a destination value (account, recipient, host or URL) is one the request named, compared exactly. */
    public boolean covers(String destination) {
        String d = destination.trim().toLowerCase(Locale.ROOT);
        return accounts.contains(d) || recipients.contains(d) || hosts.contains(d) || entities.contains(d);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accounts", List.copyOf(accounts));
        m.put("recipients", List.copyOf(recipients));
        m.put("hosts", List.copyOf(hosts));
        m.put("entities", List.copyOf(entities));
        m.put("intents", List.copyOf(intents));
        m.put("declared", declared);
        return m;
    }

    public static final class Builder {
        private final java.util.LinkedHashSet<String> accounts = new java.util.LinkedHashSet<>();
        private final java.util.LinkedHashSet<String> recipients = new java.util.LinkedHashSet<>();
        private final java.util.LinkedHashSet<String> hosts = new java.util.LinkedHashSet<>();
        private final java.util.LinkedHashSet<String> entities = new java.util.LinkedHashSet<>();
        private final java.util.LinkedHashSet<String> intents = new java.util.LinkedHashSet<>(Set.of("read"));

        public Builder accounts(String... values) {
            accounts.addAll(List.of(values));
            return this;
        }

        public Builder recipients(String... values) {
            recipients.addAll(List.of(values));
            return this;
        }

        public Builder hosts(String... values) {
            hosts.addAll(List.of(values));
            return this;
        }

        public Builder entities(String... values) {
            entities.addAll(List.of(values));
            return this;
        }

        /** Allows {@code write} and/or {@code destructive} actions ({@code read} is always allowed). */
        public Builder intents(String... values) {
            intents.addAll(List.of(values));
            return this;
        }

        public Scope build() {
            return new Scope(accounts, recipients, hosts, entities, intents, true);
        }
    }
}
