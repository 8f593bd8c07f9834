package dev.klyo.policy;

import java.util.Locale;

/** {@code enforce} blocks what is denied; {@code observe} blocks nothing and records what would have been blocked. */
public enum Mode {
    ENFORCE, OBSERVE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode fromKey(String key) {
        for (Mode m : values()) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        return null;
    }
}
