package dev.klyo.match;

import java.util.ArrayList;
import java.util.List;

/** Ports and port ranges ({@code 443}, {@code "8000-8999"}); empty means any port. */
public final class PortSet {

    public static final PortSet ANY = new PortSet(new int[0], new int[0]);

    private final int[] from;
    private final int[] to;

    private PortSet(int[] from, int[] to) {
        this.from = from;
        this.to = to;
    }

    /** Parses entries such as {@code 443} or {@code 8000-8999}; throws naming the bad entry. */
    public static PortSet parse(List<String> entries) {
        List<int[]> ranges = new ArrayList<>();
        for (String entry : entries) {
            String e = entry.trim();
            int dash = e.indexOf('-');
            int lo = port(dash < 0 ? e : e.substring(0, dash), entry);
            int hi = dash < 0 ? lo : port(e.substring(dash + 1), entry);
            if (hi < lo) {
                throw new IllegalArgumentException("port range '" + entry + "' ends before it starts");
            }
            ranges.add(new int[] {lo, hi});
        }
        int[] f = new int[ranges.size()];
        int[] t = new int[ranges.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ranges.get(i)[0];
            t[i] = ranges.get(i)[1];
        }
        return new PortSet(f, t);
    }

    private static int port(String text, String entry) {
        String s = text.trim();
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + entry + "' is not a port or port range");
        }
        int p = Integer.parseInt(s);
        if (p > 65535) {
            throw new IllegalArgumentException("port " + p + " is above 65535");
        }
        return p;
    }

    public boolean isAny() {
        return from.length == 0;
    }

    public boolean contains(int port) {
        if (from.length == 0) {
            return true;
        }
        for (int i = 0; i < from.length; i++) {
            if (port >= from[i] && port <= to[i]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < from.length; i++) {
            out.append(i == 0 ? "" : ", ").append(from[i]);
            if (to[i] != from[i]) {
                out.append('-').append(to[i]);
            }
        }
        return out.append(']').toString();
    }
}
