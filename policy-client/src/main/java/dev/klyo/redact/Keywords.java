package dev.klyo.redact;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Case-insensitive search for many ASCII keywords in one pass over a text. Each keyword is
 * indexed by its least common pair of adjacent characters (by the frequency of characters in
 * English text and JSON), folded with {@code | 0x20} (lower case for letters; other characters
 * may collide, which only costs a comparison); a bit set of those pairs, small enough to stay in
 * the CPU's first-level cache, is tested once per character, and only on a hit are the keywords
 * compared. Ordinary
 * text thus costs a table lookup per character whatever the number of keywords: this prefilter
 * is what keeps the detectors' regular expressions off most of a body.
 */
final class Keywords {

    static final Keywords NONE = new Keywords(java.util.List.of());

    /** Lower-case ASCII, 0 for anything else (which no keyword contains). */
    private static final char[] LOWER = new char[128];

    /** Rough frequency of each ASCII character in English prose and JSON, per mille; absent means rare. */
    private static final int[] FREQUENCY = new int[128];

    static {
        for (char c = 1; c < 128; c++) {
            LOWER[c] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
        }
        String byFrequency = " etaoinshrdlc\"umwfgyp,.:bv-k_01x2j3q45z6789/";
        for (int i = 0; i < byFrequency.length(); i++) {
            FREQUENCY[byFrequency.charAt(i)] = 1000 - 20 * i;
        }
    }

    private final char[][] words;
    /** Where in each keyword its indexing pair starts. */
    private final int[] pairAt;
    private final long[] pairBits = new long[256 * 256 / 64];
    private final int[][] byPair = new int[256 * 256][];

    Keywords(Collection<String> keywords) {
        Map<String, Integer> unique = new LinkedHashMap<>();
        for (String k : keywords) {
            String lower = k.toLowerCase(Locale.ROOT);
            if (lower.length() < 2 || !lower.chars().allMatch(c -> c > 0 && c < 128)) {
                throw new IllegalArgumentException("keyword '" + k + "' must be at least two ASCII characters");
            }
            unique.putIfAbsent(lower, unique.size());
        }
        words = new char[unique.size()][];
        pairAt = new int[unique.size()];
        int i = 0;
        for (String w : unique.keySet()) {
            words[i] = w.toCharArray();
            pairAt[i] = rarestPair(w);
            int pair = (fold(w.charAt(pairAt[i])) << 8) | fold(w.charAt(pairAt[i] + 1));
            pairBits[pair >>> 6] |= 1L << pair;
            int[] old = byPair[pair];
            int[] grown = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = i;
            byPair[pair] = grown;
            i++;
        }
    }

    private static int rarestPair(String w) {
        int best = 0;
        long bestScore = Long.MAX_VALUE;
        for (int i = 0; i + 1 < w.length(); i++) {
            long score = (long) FREQUENCY[w.charAt(i)] * FREQUENCY[w.charAt(i + 1)]
                    + FREQUENCY[w.charAt(i)] + FREQUENCY[w.charAt(i + 1)];
            if (score < bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    int size() {
        return words.length;
    }

    /** The index of a keyword in this set, or -1. */
    int indexOf(String keyword) {
        char[] lower = keyword.toLowerCase(Locale.ROOT).toCharArray();
        for (int i = 0; i < words.length; i++) {
            if (Arrays.equals(words[i], lower)) {
                return i;
            }
        }
        return -1;
    }

    int length(int index) {
        return words[index].length;
    }

    /** Every occurrence in {@code text}, in order of position, as {@code position << 16 | keywordIndex}. */
    long[] occurrences(byte[] text) {
        if (words.length == 0) {
            return new long[0];
        }
        long[] out = new long[16];
        int count = 0;
        int n = text.length;
        int prev = 0;
        for (int i = 0; i < n; i++) {
            int folded = fold(text[i]);
            int pair = (prev << 8) | folded;
            prev = folded;
            if ((pairBits[pair >>> 6] & (1L << pair)) == 0) {
                continue;
            }
            for (int k : byPair[pair]) {
                int start = i - 1 - pairAt[k];
                if (matchesAt(text, start, words[k])) {
                    if (count == out.length) {
                        out = Arrays.copyOf(out, count * 2);
                    }
                    out[count++] = ((long) start << 16) | k;
                }
            }
        }
        out = Arrays.copyOf(out, count);
        // Keywords indexed at different offsets are found out of order; the windows need order.
        Arrays.sort(out);
        return out;
    }

    private static int fold(int c) {
        return (c | 0x20) & 0xFF;
    }

    private static boolean matchesAt(byte[] text, int start, char[] word) {
        if (start < 0 || start + word.length > text.length) {
            return false;
        }
        for (int j = 0; j < word.length; j++) {
            byte c = text[start + j];
            if (c < 0 || LOWER[c] != word[j]) {
                return false;
            }
        }
        return true;
    }
}
