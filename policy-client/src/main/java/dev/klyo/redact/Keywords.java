package dev.klyo.redact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Case-insensitive search for many ASCII keywords in one pass over a text. A table indexed by
 * the lower-cased pair of characters ending at each position says which keywords could start
 * there, so ordinary text costs one table lookup per character whatever the number of keywords;
 * this prefilter is what keeps every detector's regular expression off most of a body.
 */
final class Keywords {

    static final Keywords NONE = new Keywords(List.of());

    private final String[] words;
    private final int[][] byPair = new int[128 * 128][];

    Keywords(Collection<String> keywords) {
        Map<String, Integer> unique = new LinkedHashMap<>();
        for (String k : keywords) {
            String lower = k.toLowerCase(Locale.ROOT);
            if (lower.length() < 2 || !lower.chars().allMatch(c -> c > 0 && c < 128)) {
                throw new IllegalArgumentException("keyword '" + k + "' must be at least two ASCII characters");
            }
            unique.putIfAbsent(lower, unique.size());
        }
        words = unique.keySet().toArray(String[]::new);
        for (int i = 0; i < words.length; i++) {
            int pair = (words[i].charAt(0) << 7) | words[i].charAt(1);
            int[] old = byPair[pair];
            int[] grown = old == null ? new int[1] : java.util.Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = i;
            byPair[pair] = grown;
        }
    }

    int size() {
        return words.length;
    }

    /** The index of a keyword in this set, or -1. */
    int indexOf(String keyword) {
        String lower = keyword.toLowerCase(Locale.ROOT);
        for (int i = 0; i < words.length; i++) {
            if (words[i].equals(lower)) {
                return i;
            }
        }
        return -1;
    }

    int length(int index) {
        return words[index].length();
    }

    /** Every occurrence, in order of position, as {@code position << 16 | keywordIndex}. */
    long[] occurrences(String text) {
        if (words.length == 0) {
            return new long[0];
        }
        List<Long> out = null;
        int n = text.length();
        int prev = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int lc = c < 128 ? lower(c) : 0;
            int[] candidates = byPair[(prev << 7) | lc];
            prev = lc;
            if (candidates == null) {
                continue;
            }
            int start = i - 1;
            for (int k : candidates) {
                String w = words[k];
                if (text.regionMatches(true, start, w, 0, w.length())) {
                    if (out == null) {
                        out = new ArrayList<>();
                    }
                    out.add(((long) start << 16) | k);
                }
            }
        }
        if (out == null) {
            return new long[0];
        }
        long[] result = new long[out.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i);
        }
        return result;
    }

    private static int lower(char c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
