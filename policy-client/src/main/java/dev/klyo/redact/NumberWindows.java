package dev.klyo.redact;

/**
 * The windows of a number detector: around each run of digits (see {@link Scan#readRun}) that
 * its run filter accepts, from {@code before} characters before the run to {@code after}
 * characters after it, windows that overlap or touch merged into one, and of those only the
 * ones its window test accepts.
 *
 * <p>Only the windows holding a run with the detector's {@link NumberShapes.Shape} are built,
 * each from that run outwards: every match of the detector's expression contains the shape, so
 * a window without one cannot hold a finding. Merging depends only on neighbouring runs, so a
 * window built outwards from one run is the very window a pass over every run would have merged.
 * A JSON body has tens of thousands of digit runs (ids, prices, dates, floats) and usually no
 * shape at all.
 */
final class NumberWindows implements Prefilter {

    private final Prefilter.RunFilter filter;
    private final int before;
    private final int after;
    private final Prefilter.WindowTest possible;
    private final NumberShapes.Shape shape;

    NumberWindows(Prefilter.RunFilter filter, int before, int after, Prefilter.WindowTest possible,
                  NumberShapes.Shape shape) {
        this.filter = filter;
        this.before = before;
        this.after = after;
        this.possible = possible;
        this.shape = shape;
    }

    @Override
    public void windows(Scan scan, Windows out) {
        windowsAround(scan, scan.shapes().positions(shape), out);
    }

    /**
     * The windows holding one of {@code digits} (positions of digits, in order) in a run the
     * filter accepts. {@link #windows} passes the places of the shape; given every digit of the
     * text, this returns every window.
     */
    void windowsAround(Scan scan, int[] digits, Windows out) {
        String text = scan.text();
        int n = text.length();
        int done = 0;
        int[] window = new int[2];
        for (int digit : digits) {
            if (digit < done) {
                // Inside a window already built (or already turned down): its run belongs to that window.
                continue;
            }
            int[] run = scan.runAt(digit);
            if (run == null || !accepts(text, run)) {
                continue;
            }
            window[0] = Math.max(0, run[0] - before);
            window[1] = Math.min(n, run[1] + after);
            growLeft(scan, run[0], window);
            growRight(scan, run[1], window);
            if (possible.mayMatch(text, window[0], window[1])) {
                out.add(window[0], window[1]);
            }
            done = window[1];
        }
    }

    private boolean accepts(String text, int[] run) {
        return filter.test(text, run[0], run[1], run[2], run[3], run[4], run[5]);
    }

    /**
     * Merges into {@code window} the accepted runs after {@code from} whose windows reach it, as
     * {@link Windows#add} would merge them in order; runs the filter refuses add nothing but do
     * not stop the merging.
     */
    private void growRight(Scan scan, int from, int[] window) {
        String text = scan.text();
        int n = text.length();
        int[] run = new int[Scan.RUN];
        int i = from;
        // A run starts at its first digit or the + or ( right before it.
        while (i < n && i - 1 - before <= window[1]) {
            if (!scan.isDigitAt(i)) {
                i++;
                continue;
            }
            i = scan.readRun(i, run);
            if (Math.max(0, run[0] - before) > window[1]) {
                return;
            }
            if (scan.kept(run) && accepts(text, run)) {
                window[1] = Math.max(window[1], Math.min(n, run[1] + after));
            }
        }
    }

    /**
     * Merges into {@code window} the accepted runs before the run starting at {@code from} whose
     * windows reach it: the nearest accepted run before the window merges when its window ends at
     * or after the window's start.
     */
    private void growLeft(Scan scan, int from, int[] window) {
        String text = scan.text();
        int n = text.length();
        int[] run = new int[Scan.RUN];
        // Runs end in order, so once one ends too early to merge, all earlier ones do.
        int i = from - 1;
        while (i >= 0 && Math.min(n, i + 1 + after) >= window[0]) {
            if (!scan.isDigitAt(i)) {
                i--;
                continue;
            }
            int first = scan.firstDigitOfRun(i);
            scan.readRun(first, run);
            if (scan.kept(run) && accepts(text, run)) {
                if (Math.min(n, run[1] + after) < window[0]) {
                    return;
                }
                window[0] = Math.max(0, run[0] - before);
            }
            i = first - 1;
        }
    }
}
