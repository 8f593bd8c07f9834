package dev.klyo.redact;

import java.util.List;

/**
 * Where in a text a detector's expression could match, found without running it. Each built-in
 * detector has one; a detector without keywords searches the whole text.
 */
interface Prefilter {

    /** Adds, in order, the ranges of {@code scan.text()} that may contain a finding. */
    void windows(Scan scan, Windows out);


    /**
     * Where findings must start, in order, or null when this prefilter only gives windows. An
     * expression tried anchored at a few starts costs the length of what it matches; searched
     * for across a window, RE2 runs every state of the expression over every character.
     */
    default int[] starts(Scan scan) {
        return null;
    }

    /** How far past a start a finding may reach (for {@link #starts}). */
    default int reach() {
        return 0;
    }

    /** The keywords this prefilter needs from the shared keyword search (possibly none). */
    default List<String> keywords() {
        return List.of();
    }

    /** The whole text. */
    Prefilter EVERYWHERE = (scan, out) -> out.add(0, scan.text().length());

    /**
     * Around each case-insensitive occurrence of one of {@code keywords}: {@code before} characters
     * before it and {@code after} characters after its end, which must cover the longest finding.
     */
    static Prefilter keywords(List<String> keywords, int before, int after) {
        List<String> words = List.copyOf(keywords);
        Keywords own = new Keywords(words);
        return new Prefilter() {
            @Override
            public void windows(Scan scan, Windows out) {
                Keywords index = scan.keywords();
                boolean[] mine = new boolean[index.size()];
                for (String w : words) {
                    int i = index.indexOf(w);
                    if (i < 0) {
                        // A scan built for other detectors: search this detector's own keywords.
                        windows(new Scan(scan.text(), own), out);
                        return;
                    }
                    mine[i] = true;
                }
                for (long o : scan.occurrences()) {
                    int k = (int) (o & 0xFFFF);
                    if (mine[k]) {
                        int at = (int) (o >>> 16);
                        out.add(at - before, at + index.length(k) + after);
                    }
                }
            }

            @Override
            public List<String> keywords() {
                return words;
            }
        };
    }

    /**
     * Findings start at a case-insensitive occurrence of one of {@code keywords} and end within
     * {@code after} characters after the keyword.
     */
    static Prefilter keywordsAtStart(List<String> keywords, int after) {
        Prefilter windows = keywords(keywords, 1, after);
        int reach = after + keywords.stream().mapToInt(String::length).max().orElse(0);
        return new Prefilter() {
            @Override
            public void windows(Scan scan, Windows out) {
                windows.windows(scan, out);
            }

            @Override
            public int[] starts(Scan scan) {
                Keywords index = scan.keywords();
                boolean[] mine = new boolean[index.size()];
                for (String w : keywords) {
                    int i = index.indexOf(w);
                    if (i < 0) {
                        return startsOf(new Scan(scan.text(), new Keywords(keywords)));
                    }
                    mine[i] = true;
                }
                return startsIn(scan, mine);
            }

            private int[] startsOf(Scan own) {
                boolean[] all = new boolean[own.keywords().size()];
                java.util.Arrays.fill(all, true);
                return startsIn(own, all);
            }

            private int[] startsIn(Scan scan, boolean[] mine) {
                long[] occurrences = scan.occurrences();
                int[] out = new int[occurrences.length];
                int n = 0;
                for (long o : occurrences) {
                    if (mine[(int) (o & 0xFFFF)]) {
                        int at = (int) (o >>> 16);
                        if (n == 0 || out[n - 1] != at) {
                            out[n++] = at;
                        }
                    }
                }
                return java.util.Arrays.copyOf(out, n);
            }

            @Override
            public int reach() {
                return reach;
            }

            @Override
            public List<String> keywords() {
                return windows.keywords();
            }
        };
    }

    /**
     * E-mail addresses start where the run of local-part characters before an {@code @} starts
     * (at most 64 back) and end within {@code reach} characters of it.
     */
    static Prefilter emailLocalParts(int reach) {
        return new Prefilter() {
            @Override
            public void windows(Scan scan, Windows out) {
                character('@', 65, reach).windows(scan, out);
            }

            @Override
            public int[] starts(Scan scan) {
                String text = scan.text();
                int[] out = new int[16];
                int n = 0;
                for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
                    int start = at;
                    while (start > 0 && at - start < 64 && isLocalPartChar(text.charAt(start - 1))) {
                        start--;
                    }
                    if (start == at || (n > 0 && out[n - 1] == start)) {
                        continue;
                    }
                    if (n == out.length) {
                        out = java.util.Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = start;
                }
                return java.util.Arrays.copyOf(out, n);
            }

            @Override
            public int reach() {
                return 64 + reach;
            }
        };
    }

    private static boolean isLocalPartChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "._%+-".indexOf(c) >= 0;
    }

    /** Around each occurrence of one character (the {@code @} of an e-mail address). */
    static Prefilter character(char c, int before, int after) {
        return (scan, out) -> {
            String text = scan.text();
            for (int i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) {
                out.add(i - before, i + 1 + after);
            }
        };
    }

    /**
     * Which runs of digits a detector looks at, given a run's fields from {@link Scan#readRun}.
     * A run may hold several numbers, so a filter states what a run containing a finding must
     * have. Cheap tests here keep the expression off ids, floats and dates.
     */
    @FunctionalInterface
    interface RunFilter {
        boolean test(String text, int start, int end, int digits, int plainDigits, int separators, int dots);
    }

    /**
     * Around each run of digits that {@code filter} accepts, from {@code before} characters
     * before it to {@code after} characters after it, keeping of the merged windows only those
     * that {@code possible} accepts (floats and UUIDs pass the cheap run filters by the thousand,
     * and each window handed to RE2/J costs microseconds whether it matches or not), and only
     * those holding {@code shape}, which every match of the detector's expression contains (see
     * {@link NumberWindows}).
     */
    static Prefilter numbers(RunFilter filter, int before, int after, WindowTest possible, NumberShapes.Shape shape) {
        return new NumberWindows(filter, before, after, possible, shape);
    }

    /**
     * A necessary condition for a detector's expression to match somewhere in
     * {@code text[start, end)}: it may accept windows without a match, never one with a match,
     * so leaving out the windows it rejects changes no finding.
     */
    @FunctionalInterface
    interface WindowTest {
        WindowTest ANY = (text, start, end) -> true;

        boolean mayMatch(String text, int start, int end);
    }

    /**
     * Around each run of hexadecimal digits, colons and dots that could be an IPv6 address: it
     * holds {@code ::} or at least seven colons. Times ({@code 12:30:45}), MAC addresses and the
     * colons of JSON are passed over without running the expression.
     */
    static Prefilter ipv6() {
        return new Prefilter() {
            @Override
            public void windows(Scan scan, Windows out) {
                if (!scan.shapes().mayHoldIpv6()) {
                    return;
                }
                String text = scan.text();
                // The one-byte copy: every JSON key brings a colon, and String.charAt costs more than an array load.
                byte[] b = scan.bytes();
                int n = b.length;
                for (int i = text.indexOf(':'); i >= 0 && i < n; i = text.indexOf(':', i + 1)) {
                    int start = i;
                    while (start > 0 && NumberShapes.isIpv6Char(b[start - 1])) {
                        start--;
                    }
                    int end = i;
                    int colons = 0;
                    boolean doubleColon = false;
                    while (end < n && NumberShapes.isIpv6Char(b[end])) {
                        if (b[end] == ':') {
                            colons++;
                            doubleColon |= end > 0 && b[end - 1] == ':';
                        }
                        end++;
                    }
                    if ((doubleColon && colons >= 2) || colons >= 7) {
                        out.add(start - 1, end + 1);
                    }
                    i = Math.max(i, end - 1);
                }
            }
        };
    }
}
