package dev.klyo.policy;

import java.util.Locale;

/**
 * What a rule does when it matches. {@code redact} and {@code log} modify an allow; they never
 * grant one. {@code approve} grants only after a person (an {@code Approver}) says yes before the
 * action runs; where nobody can answer, it is a denial.
 */
public enum Effect {
    ALLOW, DENY, REDACT, LOG, APPROVE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Effect fromKey(String key) {
        for (Effect e : values()) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }
}
