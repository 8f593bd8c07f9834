package dev.klyo.remote;

import java.util.Locale;

/** What a remote decision becomes when the decision point cannot answer in time or answers nonsense. */
public enum FailureMode {
    /** Deny (the default): no decision, no action. */
    CLOSED,
    /** Allow, and say so in the audit event. */
    OPEN,
    /** Decide with the local policy (the last good bundle) instead. */
    LOCAL;

    public static FailureMode fromKey(String key) {
        return switch (key.strip().toLowerCase(Locale.ROOT)) {
            case "closed", "fail-closed", "deny" -> CLOSED;
            case "open", "fail-open", "allow" -> OPEN;
            case "local", "fallback" -> LOCAL;
            default -> throw new IllegalArgumentException("failure mode must be closed, open or local: " + key);
        };
    }
}
