package dev.klyo.action;

import java.util.Locale;

/** The kinds of thing an agent can do, as named in policies ({@code match: {http: ...}}). */
public enum ActionKind {
    HTTP, NETWORK, DNS, FILE, PROCESS, SQL, TOOL, MODEL;

    /** The key used for this kind in policy files and audit events. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActionKind fromKey(String key) {
        for (ActionKind kind : values()) {
            if (kind.key().equals(key)) {
                return kind;
            }
        }
        return null;
    }
}
