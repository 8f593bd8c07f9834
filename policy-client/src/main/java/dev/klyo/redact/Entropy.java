package dev.klyo.redact;

/** Shannon entropy in bits per character: how random a candidate secret looks. */
final class Entropy {

    private Entropy() {
    }

    static double shannon(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return 0;
        }
        java.util.Map<Character, Integer> wide = null;
        int[] ascii = new int[128];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                ascii[c]++;
            } else {
                if (wide == null) {
                    wide = new java.util.HashMap<>();
                }
                wide.merge(c, 1, Integer::sum);
            }
        }
        double bits = 0;
        for (int count : ascii) {
            bits += term(count, n);
        }
        if (wide != null) {
            for (int count : wide.values()) {
                bits += term(count, n);
            }
        }
        return bits;
    }

    private static double term(int count, int n) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / n;
        return -p * Math.log(p) / Math.log(2);
    }
}
