package dev.klyo.redact;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Case-insensitive search for many ASCII keywords in one pass over a text. Pairs of adjacent
 * characters, folded with {@code | 0x20} (lower case for letters; other characters may collide,
 * which only costs a comparison), are looked up in a 64 KiB table; only on a hit are keywords
 * compared. When every keyword has three characters or more, only the pairs starting at even
 * positions are looked up, four from each eight characters read at once: each keyword is indexed
 * by two overlapping pairs, and one of the two starts at an even position wherever the keyword
 * occurs. Ordinary text thus costs half a table lookup per character whatever the number of
 * keywords: this prefilter is what keeps the detectors' regular expressions off most of a body.
 * Pairs are chosen among those least frequent in English and JSON, so that few ordinary words hit.
 */
final class Keywords {

    static final Keywords NONE = new Keywords(java.util.List.of());

    /** Lower-case ASCII, 0 for anything else (which no keyword contains). */
    private static final char[] LOWER = new char[128];

    /** Rough frequency of each ASCII character in English prose and JSON, per mille; absent means rare. */
    private static final int[] FREQUENCY = new int[128];

    /** Eight characters at once, the first in the lowest byte, whatever the platform's byte order. */
    private static final VarHandle EIGHT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The most frequent letter pairs of English text (a keyword indexed by one would be looked at
     * in most sentences), most frequent first.
     */
    private static final java.util.List<String> COMMON_PAIRS = java.util.List.of("th", "he", "in", "er", "an", "re",
            "on", "at", "en", "nd", "ti", "es", "or", "te", "of", "ed", "is", "it", "al", "ar", "st", "to", "nt", "ng",
            "se", "ha", "as", "ou", "io", "le", "ve", "co", "me", "de", "hi", "ri", "ro", "ic", "ne", "ea", "ra", "ce",
            "li", "ch", "ll", "be", "ma", "si", "om", "ur");

    /** Groups of eight characters noted before they are looked at (see {@link #evenPairs}). */
    private static final int NOTED = 4096;

    /** Distinct values of {@link #slot}; pairs beyond that share candidate lists, which verification sorts out. */
    private static final int SLOTS = 255;

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
    /** 2 when every keyword is at least three characters long, else 1. */
    private final int stride;
    /**
     * Per folded pair, indexed by its first character plus 256 times its second (how two
     * characters read at once as a little-endian number lie): 0, or which list of
     * {@link #candidates} to verify.
     */
    private final byte[] slot = new byte[256 * 256];
    /** Per slot: keyword index and the offset in it of the indexed pair, as {@code index << 16 | offset}. */
    private final int[][] candidates = new int[SLOTS + 1][];

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
        stride = unique.keySet().stream().allMatch(w -> w.length() >= 3) ? 2 : 1;
        int used = 0;
        int i = 0;
        for (String w : unique.keySet()) {
            words[i] = w.toCharArray();
            int at = rarestPairs(w, stride);
            for (int offset = at; offset < at + stride; offset++) {
                int pair = fold(w.charAt(offset)) | (fold(w.charAt(offset + 1)) << 8);
                if (slot[pair] == 0) {
                    slot[pair] = (byte) (used % SLOTS + 1);
                    used++;
                }
                int s = slot[pair] & 0xFF;
                int[] old = candidates[s];
                int[] grown = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
                grown[grown.length - 1] = (i << 16) | offset;
                candidates[s] = grown;
            }
            i++;
        }
    }

    /** Where the {@code count} adjacent pairs least likely to occur in ordinary text start. */
    private static int rarestPairs(String w, int count) {
        int best = 0;
        long bestScore = Long.MAX_VALUE;
        // Offsets are kept in 16 bits; a pair further into an absurdly long keyword is never chosen.
        for (int i = 0; i + count < w.length() && i + count <= 0xFFFF; i++) {
            long score = 0;
            for (int p = i; p < i + count; p++) {
                score += pairScore(w.charAt(p), w.charAt(p + 1));
            }
            if (score < bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    private static long pairScore(char a, char b) {
        int common = COMMON_PAIRS.indexOf("" + a + b);
        // Any common pair scores worse than any other: character frequencies alone rate "re" rarer than "s.".
        long penalty = common < 0 ? 0 : 2_000_000L * (COMMON_PAIRS.size() - common);
        return (long) FREQUENCY[a] * FREQUENCY[b] + FREQUENCY[a] + FREQUENCY[b] + penalty;
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
        Found found = new Found();
        if (stride == 2) {
            evenPairs(text, found);
        } else {
            for (int i = 0; i + 1 < text.length; i++) {
                check(text, i, found);
            }
        }
        return found.sorted();
    }

    /**
     * The pairs starting at even positions, four from each eight characters. The lookups of a
     * group are combined and where any hit, the group is noted without a branch; the few groups
     * noted are then looked at pair by pair. A branch per group would be mispredicted at every
     * ordinary word that shares a pair with a keyword ("description", "sku").
     */
    private void evenPairs(byte[] text, Found found) {
        byte[] table = slot;
        int n = text.length;
        // Headers and tool arguments are short: no more room than groups.
        int[] noted = new int[Math.min(NOTED, n / 8 + 1)];
        int i = 0;
        while (i + 8 <= n) {
            int count = 0;
            int stop = Math.min(n - 8, i + 8 * (noted.length - 1));
            for (; i <= stop; i += 8) {
                long w = (long) EIGHT.get(text, i) | 0x2020202020202020L;
                int any = (table[(int) w & 0xFFFF] | table[(int) (w >>> 16) & 0xFFFF]
                        | table[(int) (w >>> 32) & 0xFFFF] | table[(int) (w >>> 48)]) & 0xFF;
                noted[count] = i;
                count += (any + 0xFF) >>> 8;
            }
            for (int g = 0; g < count; g++) {
                for (int p = noted[g]; p < noted[g] + 8; p += 2) {
                    check(text, p, found);
                }
            }
        }
        for (; i + 1 < n; i += 2) {
            check(text, i, found);
        }
    }

    private void check(byte[] text, int at, Found found) {
        verify(text, at, slot[fold(text[at]) | (fold(text[at + 1]) << 8)], found);
    }

    /** Compares the keywords indexed by the pair at {@code at} with the text around it. */
    private void verify(byte[] text, int at, int slotValue, Found found) {
        if (slotValue == 0) {
            return;
        }
        for (int c : candidates[slotValue & 0xFF]) {
            int k = c >>> 16;
            int start = at - (c & 0xFFFF);
            if (matchesAt(text, start, words[k])) {
                found.add(((long) start << 16) | k);
            }
        }
    }

    /** Occurrences as they are found: out of order, and twice where a keyword indexes one pair at two offsets. */
    private static final class Found {
        private long[] items = new long[16];
        private int count;

        void add(long occurrence) {
            if (count == items.length) {
                items = Arrays.copyOf(items, count * 2);
            }
            items[count++] = occurrence;
        }

        long[] sorted() {
            Arrays.sort(items, 0, count);
            int unique = 0;
            for (int i = 0; i < count; i++) {
                if (unique == 0 || items[unique - 1] != items[i]) {
                    items[unique++] = items[i];
                }
            }
            return Arrays.copyOf(items, unique);
        }
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
