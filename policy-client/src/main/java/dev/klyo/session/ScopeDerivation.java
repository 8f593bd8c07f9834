package dev.klyo.session;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives a {@link Scope} from the user's own message, before the agent reads anything else.
 * It is deliberately literal: it picks up identifiers the user wrote (IBAN-shaped accounts,
 * e-mail addresses, URLs and host names, phone numbers) and verbs that ask for changes. It does
 * not understand paraphrase ("pay my landlord" names no account): applications that know the
 * scope should declare it. See docs/semantic-policies.md for the limits.
 */
public final class ScopeDerivation {

    private static final Pattern ACCOUNT = Pattern.compile("\\b" + Destinations.ACCOUNT + "\\b");
    private static final Pattern EMAIL = Pattern.compile("\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}\\b");
    private static final Pattern URL = Pattern.compile("\\bhttps?://[^\\s\"'<>)]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("[a-z]+");
    private static final Set<String> WRITE_VERBS = Set.of("send", "pay", "transfer", "create", "update", "post",
            "write", "book", "schedule", "reply", "forward", "share", "invite", "add", "save", "upload", "submit",
            "change", "set", "move", "rename", "edit", "append", "order", "buy", "email", "message", "notify");
    private static final Set<String> DESTRUCTIVE_VERBS = Set.of("delete", "remove", "drop", "erase", "wipe", "purge",
            "destroy", "truncate", "cancel", "revoke", "terminate", "uninstall");

    private ScopeDerivation() {
    }

    public static Scope fromUserMessage(String message) {
        Set<String> accounts = new LinkedHashSet<>();
        Set<String> recipients = new LinkedHashSet<>();
        Set<String> hosts = new LinkedHashSet<>();
        Set<String> intents = new LinkedHashSet<>(Set.of("read"));
        collect(ACCOUNT, message, accounts, false);
        collect(EMAIL, message, recipients, false);
        collect(Destinations.PHONE, message, recipients, true);
        Matcher url = URL.matcher(message);
        while (url.find()) {
            hosts.add(url.group());
            try {
                String host = URI.create(url.group()).getHost();
                if (host != null) {
                    hosts.add(host);
                }
            } catch (IllegalArgumentException e) {
                // A malformed URL still counts as the literal text the user wrote.
            }
        }
        Matcher word = WORD.matcher(message.toLowerCase(Locale.ROOT));
        while (word.find()) {
            String w = word.group();
            if (DESTRUCTIVE_VERBS.contains(w)) {
                intents.add("destructive");
                intents.add("write");
            } else if (WRITE_VERBS.contains(w)) {
                intents.add("write");
            }
        }
        return new Scope(accounts, recipients, hosts, Set.of(), intents, false);
    }

    private static void collect(Pattern pattern, String text, Set<String> out, boolean phone) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(phone ? Destinations.phone(m.group()) : m.group());
        }
    }
}
