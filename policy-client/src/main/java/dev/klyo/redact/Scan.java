package dev.klyo.redact;

/**
 * One text being searched by a set of detectors, with what they share computed once and only
 * when first asked for: keyword occurrences and runs of digits. Not thread-safe; one per text.
 */
final class Scan {

    private final String text;
    private final Keywords keywords;
    private long[] occurrences;
    private int[] numberRuns;

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
            occurrences = keywords.occurrences(text);
        }
        return occurrences;
    }

    /**
     * Runs of digits and the separators numbers are written with (space, {@code - . ( ) + /}),
     * as {@code start, end, digitCount} triples in order; a run starts and ends with a digit
     * except that a leading {@code +} or {@code (} is kept. Card numbers, phone numbers, social
     * security numbers, IPv4 addresses and IBANs all live in or next to such runs.
     */
    int[] numberRuns() {
        if (numberRuns == null) {
            numberRuns = findNumberRuns(text);
        }
        return numberRuns;
    }

    private static int[] findNumberRuns(String s) {
        int[] out = new int[48];
        int count = 0;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                i++;
                continue;
            }
            int start = i;
            if (start > 0 && (s.charAt(start - 1) == '+' || s.charAt(start - 1) == '(')) {
                start--;
            }
            int digits = 0;
            int lastDigit = i;
            while (i < n) {
                c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits++;
                    lastDigit = i;
                } else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '+')
                        || i - lastDigit > 2) {
                    break;
                }
                i++;
            }
            if (count + 3 > out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            out[count++] = start;
            out[count++] = lastDigit + 1;
            out[count++] = digits;
            i = lastDigit + 1;
        }
        return java.util.Arrays.copyOf(out, count);
    }
}
