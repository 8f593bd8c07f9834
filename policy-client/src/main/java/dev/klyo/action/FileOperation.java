package dev.klyo.action;

import java.util.Locale;

/** What is done to a file. */
public enum FileOperation {
    READ, WRITE, CREATE, DELETE, LIST, LINK, ATTRIBUTES;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FileOperation fromKey(String key) {
        for (FileOperation op : values()) {
            if (op.key().equals(key)) {
                return op;
            }
        }
        return null;
    }
}
