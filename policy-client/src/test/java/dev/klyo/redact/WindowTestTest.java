package dev.klyo.redact;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The window tests that keep RE2/J off digit runs must be necessary conditions: wherever the
 * detector's expression matches, the test accepts. Checked on random text made of the characters
 * numbers are written with, and on the corpus' own values.
 */
class WindowTestTest {

    private static final String ALPHABET = "0123456789012345678923456789 -.()+ -.x";

    @Test
    void phoneAndSsnTestsAcceptEveryTextTheirExpressionMatches() {
        check("phone-number", Detectors::mayBePhone);
        check("us-ssn", Detectors::mayBeSsn);
        check("payment-card", Detectors::mayBeCard);
    }

    private static void check(String id, Prefilter.WindowTest test) {
        Pattern pattern = Pattern.compile(((PatternDetector) Detectors.builtIn(id)).regex());
        Random random = new Random(7);
        int matched = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder b = new StringBuilder();
            int length = 6 + random.nextInt(30);
            for (int i = 0; i < length; i++) {
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String text = b.toString();
            if (pattern.matcher(text).find()) {
                matched++;
                assertTrue(test.mayMatch(text, 0, text.length()), id + " window test rejects " + text);
            }
        }
        for (String sample : new String[] {"+1 415 555 2671", "(415) 555-2671", "415-555-2671", "415.555.2671",
                "+442079460958", "+44 20 7946 0958", "123-45-6789", "123 45 6789",
                "4539 1488 0343 6467", "4539-1488-0343-6467", "3782 822463 10005", "4539148803436467"}) {
            if (pattern.matcher(sample).find()) {
                matched++;
                assertTrue(test.mayMatch(sample, 0, sample.length()), id + " window test rejects " + sample);
            }
        }
        assertTrue(matched > 100, id + ": too few random matches to mean anything: " + matched);
    }
}
