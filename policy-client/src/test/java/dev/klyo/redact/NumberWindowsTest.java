package dev.klyo.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Number detectors look only at the runs of digits holding their shape, and build each window
 * outwards from such a run. Both shortcuts must change no finding: a window built outwards is
 * the one a pass merging every run in order would build, and a window left out for want of the
 * shape holds no match of the detector's expression.
 */
class NumberWindowsTest {

    private static final String ALPHABET = "0123456789012345678901234567890123456789  --..()+/:xAB,é";
    private static final List<String> PIECES = List.of("+44 20 7946 0958", "(415) 555-2671", "415.555.2671",
            "536-22-1234", "536 22 1234", "4539 1488 0343 6467", "4539-1488-0343-6467", "3782 822463 10005",
            "4539148803436467", "203.0.113.42", "DE89370400440532013000", "GB82 WEST 1234 5698 7654 32", "0.1234567890123456",
            "2026-11-22T07:35:00Z", "3f2b8c1e-6d4a-4f0e-9b7c-2a1d5e8f9c0b", "1.2.3.4.5", "+1 (20) (7946) 0958");

    @Test
    void aWindowBuiltOutwardsFromARunIsTheWindowAPassOverEveryRunMerges() {
        Random random = new Random(21);
        int windows = 0;
        for (int round = 0; round < 20_000; round++) {
            String text = randomText(random);
            int before = random.nextInt(5);
            int after = random.nextBoolean() ? random.nextInt(5) : random.nextInt(60);
            int salt = random.nextInt();
            // Refuse some runs at random, so that refused runs lie between accepted ones.
            Prefilter.RunFilter filter = (t, start, end, digits, plain, separators, dots) -> ((start * 31 + salt) & 3) != 0;
            NumberWindows numbers = new NumberWindows(filter, before, after, Prefilter.WindowTest.ANY,
                    NumberShapes.Shape.CARD);
            Scan scan = new Scan(text, Keywords.NONE);
            Windows built = new Windows(text.length());
            numbers.windowsAround(scan, digits(text), built);
            Windows merged = everyRunMerged(scan, filter, before, after);
            assertThat(bounds(built)).as("%s before %d after %d", text, before, after).isEqualTo(bounds(merged));
            windows += merged.size();
        }
        assertThat(windows).isGreaterThan(10_000);
    }

    @Test
    void windowsWithoutTheShapeHoldNoMatch() {
        for (String id : List.of("payment-card", "phone-number", "us-ssn", "ipv4", "iban")) {
            PatternDetector detector = (PatternDetector) Detectors.builtIn(id);
            NumberWindows numbers = (NumberWindows) detector.prefilter();
            Pattern pattern = Pattern.compile(detector.regex());
            Random random = new Random(id.hashCode());
            int matched = 0;
            for (int round = 0; round < 20_000; round++) {
                String text = randomText(random);
                Scan scan = new Scan(text, Keywords.NONE);
                Windows withShape = new Windows(text.length());
                numbers.windows(scan, withShape);
                Windows every = new Windows(text.length());
                numbers.windowsAround(scan, digits(text), every);
                List<String> kept = bounds(withShape);
                List<String> all = bounds(every);
                assertThat(all).as(text).containsAll(kept);
                for (int w = 0; w < every.size(); w++) {
                    boolean matches = pattern.matcher(text.substring(every.start(w), every.end(w))).find();
                    matched += matches ? 1 : 0;
                    if (matches) {
                        assertThat(kept).as("%s: a window with a match in %s", id, text).contains(all.get(w));
                    }
                }
            }
            assertThat(matched).as(id + ": windows with a match in the random texts").isGreaterThan(500);
        }
    }

    @Test
    void ipv6IsLookedForExactlyWhereARunOfItsCharactersHoldsADoubleColonOrSevenColons() {
        Random random = new Random(5);
        String alphabet = "::::0af9F.g \"x-";
        int possible = 0;
        for (int round = 0; round < 50_000; round++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(140);
            for (int i = 0; i < length; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = b.toString();
            boolean expected = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]+").matcher(text).results()
                    .anyMatch(r -> r.group().contains("::") || r.group().chars().filter(c -> c == ':').count() >= 7);
            assertThat(new NumberShapes(new Scan(text, Keywords.NONE).bytes()).mayHoldIpv6()).as(text).isEqualTo(expected);
            possible += expected ? 1 : 0;
        }
        assertThat(possible).isBetween(1000, 49_000);
    }

    /** Pieces of real numbers, digits and separators; long enough to span several 64-character blocks. */
    private static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        int parts = random.nextInt(14);
        for (int p = 0; p < parts; p++) {
            if (random.nextInt(4) == 0) {
                b.append(PIECES.get(random.nextInt(PIECES.size())));
            } else {
                int length = random.nextInt(25);
                for (int i = 0; i < length; i++) {
                    b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
        }
        return b.toString();
    }

    private static int[] digits(String text) {
        return java.util.stream.IntStream.range(0, text.length()).filter(i -> Character.isDigit(text.charAt(i))
                && text.charAt(i) < 128).toArray();
    }

    /** What the windows were before shapes: every run read in order, the accepted ones merged by Windows. */
    private static Windows everyRunMerged(Scan scan, Prefilter.RunFilter filter, int before, int after) {
        String text = scan.text();
        Windows out = new Windows(text.length());
        int[] run = new int[Scan.RUN];
        int i = 0;
        while (i < text.length()) {
            if (!scan.isDigitAt(i)) {
                i++;
                continue;
            }
            i = scan.readRun(i, run);
            if (scan.kept(run) && filter.test(text, run[0], run[1], run[2], run[3], run[4], run[5])) {
                out.add(run[0] - before, run[1] + after);
            }
        }
        return out;
    }

    private static List<String> bounds(Windows windows) {
        List<String> out = new ArrayList<>();
        for (int w = 0; w < windows.size(); w++) {
            out.add("[" + windows.start(w) + ", " + windows.end(w) + ")");
        }
        return out;
    }
}
