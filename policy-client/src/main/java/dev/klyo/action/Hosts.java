package dev.klyo.action;

import java.util.Locale;

/** Host name normalisation shared by actions and host matchers. */
public final class Hosts {

    private Hosts() {
    }

    /** Lower case, no trailing dot, IPv6 brackets removed; empty for null. */
    public static String normalize(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }
}
