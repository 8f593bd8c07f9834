package dev.klyo.redact;

import java.nio.charset.StandardCharsets;

/**
 * One text being searched by a set of detectors, with what they share computed once and only
 * when first asked for: keyword occurrences, the shapes of numbers and runs of digits. Not
 * thread-safe; one per text.
 */
final class Scan {

    private final String text;
    private final Keywords keywords;
    private long[] occurrences;
    private NumberShapes shapes;
    private byte[] bytes;
    /** The run {@link #runAt} read last, and its first digit. */
    private final int[] lastRun = new int[RUN];
    private int lastRunFirstDigit = -1;

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

    /** Where the number formats could be (see {@link NumberShapes}). */
    NumberShapes shapes() {
        if (shapes == null) {
            shapes = new NumberShapes(bytes());
        }
        return shapes;
    }

    /**
     * The run of digits holding the digit at {@code position}, as its {@link #RUN} fields, or
     * null when that run is one left out (see {@link #readRun}). Asked in order of position,
     * the runs of a text are each read once. The array is this scan's own, overwritten by the
     * next call: thousands of floats are asked about in a JSON body.
     */
    int[] runAt(int position) {
        if (lastRunFirstDigit < 0 || position < lastRunFirstDigit || position >= lastRun[1]) {
            lastRunFirstDigit = firstDigitOfRun(position);
            readRun(lastRunFirstDigit, lastRun);
        }
        return kept(lastRun) ? lastRun : null;
    }

    /**
     * The first digit of the run holding the digit at {@code position}, found by looking only
     * around it: whether two digits share a run depends on nothing but the characters between them.
     */
    int firstDigitOfRun(int position) {
        byte[] s = bytes();
        int first = position;
        while (true) {
            while (first > 0 && isDigit(s[first - 1])) {
                first--;
            }
            // One or two separators between digits keep a run going (see readRun).
            if (first >= 2 && isSeparator(s[first - 1]) && isDigit(s[first - 2])) {
                first -= 2;
            } else if (first >= 3 && isSeparator(s[first - 1]) && isSeparator(s[first - 2]) && isDigit(s[first - 3])) {
                first -= 3;
            } else {
                return first;
            }
        }
    }

    /** Whether the character at {@code position} is an ASCII digit. */
    boolean isDigitAt(int position) {
        return isDigit(bytes()[position]);
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

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSeparator(byte c) {
        int kind = separator(c);
        return kind != 0 && kind != DIGIT;
    }

    /**
     * Reads into {@code out} the run of digits whose first digit is at {@code first}: a run of
     * digits and the separators numbers are written with (space, {@code - . ( ) + /}), which
     * starts and ends with a digit except that a leading {@code +} or {@code (} is kept, and goes
     * through single or double separators, stopping at any other character or at a third
     * separator in a row. {@link #RUN} ints: start, end, digit count, count of digits not in a
     * group right after a dot (not the decimals of a number), a bit set of the separators inside
     * ({@link #SPACE}, {@link #DASH}...) and the number of dots. Card, phone and social security
     * numbers, IPv4 addresses and IBANs live in or next to such runs. Returns the run's end.
     */
    int readRun(int first, int[] out) {
        byte[] s = bytes();
        int n = s.length;
        int i = first;
        int start = first;
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
            int c = s[i];
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
        out[0] = start;
        out[1] = lastDigit + 1;
        out[2] = digits;
        out[3] = plainDigits;
        out[4] = separators;
        out[5] = dots;
        return lastDigit + 1;
    }

    /**
     * Whether detectors look at a run read by {@link #readRun}: no detector wants fewer than four
     * digits, except an IBAN's check digits after its country.
     */
    boolean kept(int[] run) {
        byte[] s = bytes();
        int start = run[0];
        return run[2] >= 4 || start >= 2 && isUpper(s[start - 1]) && isUpper(s[start - 2]);
    }
}
