package dev.klyo.redact;

import java.nio.charset.StandardCharsets;

/**
 * One text being searched by a set of detectors, with what they share computed once and only
 * when first asked for: keyword occurrences and runs of digits. Not thread-safe; one per text.
 */
final class Scan {

    private final String text;
    private final Keywords keywords;
    private long[] occurrences;
    private int[] numberRuns;
    private byte[] bytes;

    Scan(String text, Keywords keywords) {
        this.text = text;
        this.keywords = keywords;
    }

    String text() {
        return text;
    }

    Keywords keywords() {
        return keywords;
    }

    /** Keyword occurrences as {@code position << 16 | index into keywords()}. */
    long[] occurrences() {
        if (occurrences == null) {
            occurrences = keywords.size() == 0 ? new long[0] : keywords.occurrences(bytes());
        }
        return occurrences;
    }

    /**
     * The text as one byte per character, copied once: ASCII as it is, anything else as a byte
     * of 0x80 or more, which no keyword or number contains. Array loops are what the JIT makes
     * fastest, and most strings are stored as Latin-1, so the copy is a plain array copy.
     */
    byte[] bytes() {
        if (bytes == null) {
            byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
            if (latin1.length == text.length()) {
                // Characters beyond Latin-1 became '?', harmless for keywords and digits.
                bytes = latin1;
            } else {
                // Surrogate pairs became one '?' each; map character by character to keep positions.
                bytes = new byte[text.length()];
                for (int i = 0; i < bytes.length; i++) {
                    char c = text.charAt(i);
                    bytes[i] = (byte) (c < 128 ? c : 0x80);
                }
            }
        }
        return bytes;
    }

    /**
     * Runs of digits and the separators numbers are written with (space, {@code - . ( ) + /}),
     * in order, {@link #RUN} ints each: start, end, digit count, count of digits not in a group
     * right after a dot (not the decimals of a number), a bit set of the separators inside
     * ({@link #SPACE}, {@link #DASH}...) and the number of dots. A run
     * starts and ends with a digit, except that a leading {@code +} or {@code (} is kept; runs
     * of fewer than four digits are left out unless two capital letters precede them. Card,
     * phone and social security numbers, IPv4 addresses and IBANs live in or next to such runs.
     */
    int[] numberRuns() {
        if (numberRuns == null) {
            numberRuns = findNumberRuns(bytes());
        }
        return numberRuns;
    }

    static final int RUN = 6;
    static final int SPACE = 1;
    static final int DASH = 2;
    static final int DOT = 4;
    static final int PAREN = 8;
    static final int PLUS = 16;
    static final int SLASH = 32;

    /** Marks digits in {@link #CLASS}, apart from the separator bits. */
    private static final int DIGIT = 64;

    /**
     * Per ASCII character: {@link #DIGIT}, a separator bit, or 0. One table load per character
     * instead of comparisons: this pass runs over every character of every body.
     */
    private static final byte[] CLASS = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            CLASS[c] = DIGIT;
        }
        CLASS[' '] = SPACE;
        CLASS['-'] = DASH;
        CLASS['.'] = DOT;
        CLASS['('] = PAREN;
        CLASS[')'] = PAREN;
        CLASS['+'] = PLUS;
        CLASS['/'] = SLASH;
    }

    private static int separator(int c) {
        return c < 0 ? 0 : CLASS[c];
    }

    private static boolean isUpper(byte c) {
        return c >= 'A' && c <= 'Z';
    }

    private static int[] findNumberRuns(byte[] s) {
        int[] out = new int[RUN * 16];
        int count = 0;
        int n = s.length;
        int i = 0;
        while (i < n) {
            int c = s[i];
            if (c < '0' || c > '9') {
                i++;
                continue;
            }
            int start = i;
            int separators = 0;
            if (start > 0 && (s[start - 1] == '+' || s[start - 1] == '(')) {
                start--;
                separators |= separator(s[start]);
            }
            int digits = 0;
            int plainDigits = 0;
            int dots = 0;
            boolean afterDot = start > 0 && s[start - 1] == '.';
            int lastDigit = i;
            int sepsInRow = 0;
            while (i < n) {
                c = s[i];
                int kind = c < 0 ? 0 : CLASS[c];
                if (kind == DIGIT) {
                    digits++;
                    plainDigits += afterDot ? 0 : 1;
                    lastDigit = i;
                    sepsInRow = 0;
                } else {
                    int sep = kind;
                    if (sep == 0 || ++sepsInRow > 2) {
                        break;
                    }
                    separators |= sep;
                    dots += sep == DOT ? 1 : 0;
                    afterDot = sep == DOT;
                }
                i++;
            }
            i = lastDigit + 1;
            // No detector wants fewer than four digits, except an IBAN's check digits after its country.
            if (digits < 4 && !(start >= 2 && isUpper(s[start - 1]) && isUpper(s[start - 2]))) {
                continue;
            }
            if (count + RUN > out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            out[count++] = start;
            out[count++] = lastDigit + 1;
            out[count++] = digits;
            out[count++] = plainDigits;
            out[count++] = separators;
            out[count++] = dots;
        }
        return java.util.Arrays.copyOf(out, count);
    }
}
