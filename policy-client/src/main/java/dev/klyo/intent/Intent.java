package dev.klyo.intent;

import java.util.Locale;

/** How much an action changes the world, ordered: a destructive action is also a write. */
public enum Intent {
    READ, WRITE, DESTRUCTIVE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Intent max(Intent other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
