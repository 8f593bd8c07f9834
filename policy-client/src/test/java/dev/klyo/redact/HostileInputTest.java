package dev.klyo.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Input built to make detectors work hard: a megabyte of near-matches for each of them. The
 * assertions are on results; the timeout only guards against a hang (linear-time matching).
 */
class HostileInputTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(10);
    private static final int MEGABYTE = 1 << 20;

    private static String repeat(String unit) {
        return unit.repeat(MEGABYTE / unit.length() + 1).substring(0, MEGABYTE);
    }

    @Test
    void nearMatchesOfEveryDetectorFindNothing() {
        Redactor redactor = Samples.all();
        List<String> hostile = List.of(
                repeat("AKIA"),                                     // prefixes that never complete
                repeat("a@"),                                       // '@' everywhere, no domain
                repeat("a.b@c"),                                    // domains without a TLD
                repeat("4111 "),                                    // one endless run of digits
                repeat("1."),                                       // dotted numbers, never an address
                repeat("ab:"),                                      // colons between hex digits
                repeat("::"),                                       // nothing but colons
                repeat("sk-"), repeat("eyJ."), repeat("ghp_"),
                repeat("password: \n"),                            // keyword, no value
                repeat("-----BEGIN PRIVATE KEY-----"),              // headers, no key
                repeat("xoxb-1-"));
        for (String text : hostile) {
            List<Finding> found = assertTimeoutPreemptively(HANG_GUARD, () -> redactor.find(text));
            assertThat(found.size()).as(text.substring(0, 30)).isZero();
        }
    }

    @Test
    void aMegabyteOfFindingsIsRedactedWhole() {
        String unit = Samples.EMAIL + " ";
        int count = MEGABYTE / unit.length();
        String text = unit.repeat(count);
        String redacted = assertTimeoutPreemptively(HANG_GUARD, () -> Samples.all().redact(text));
        assertThat(redacted.equals("[REDACTED:email] ".repeat(count))).as("every address replaced, nothing else").isTrue();
    }

    @Test
    void aBacktrackingBombInACustomPatternRunsInLinearTime() {
        // (a+)+$ takes exponential time with a backtracking engine on "aaaa...b"; RE2 does not backtrack.
        PatternDetector bomb = new PatternDetector("bomb", Pattern.compile("(a+)+$"));
        String text = "a".repeat(MEGABYTE) + "b";
        List<Finding> found = assertTimeoutPreemptively(HANG_GUARD, () -> bomb.find(text));
        assertThat(found).isEmpty();
    }

    @Test
    void aMegabyteOfUnclosedJsonStringsStaysBounded() {
        String text = "{\"k\": \"" + repeat("\\u00") ;
        String redacted = assertTimeoutPreemptively(HANG_GUARD, () -> Samples.all().redactJson(text));
        assertThat(redacted).isEqualTo(text);
    }
}
