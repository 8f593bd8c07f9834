package dev.klyo.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The keyword search looks at only some pairs of characters (every other one when all keywords
 * have three characters or more); it must still find every occurrence a comparison at every
 * position finds, wherever it lies: at the very start or end, at odd or even positions,
 * overlapping another, next to characters outside ASCII or Latin-1.
 */
class KeywordsTest {

    private static final String[] NOISE = {" ", "a", "Z", "_", "-", ".", "0", "9", "\"", ":", "é", "😀", "ключ", "\u0000",
            "\u007f", "`", "@", "{", "[", "\\", "SKU", "desk ", "size", "description", "\n"};

    @Test
    void builtInKeywordsAreFoundWhereverTheyOccur() {
        Set<String> words = new LinkedHashSet<>();
        for (Detector d : Detectors.builtIn().values()) {
            words.addAll(((PatternDetector) d).keywords());
        }
        check(new ArrayList<>(words), 11);
    }

    @Test
    void aTwoCharacterKeywordIsFoundAtOddAndEvenPositions() {
        check(List.of("ab", "token", "sk-", "x9"), 12);
    }

    @Test
    void overlappingAndRepeatingKeywordsAreAllFound() {
        check(List.of("secret", "aws_secret", "secret_access_key", "aaa", "aaaa", "abab", "sk-", "sk-ant-"), 13);
    }

    @Test
    void aKeywordFillingTheWholeTextOrTouchingItsEndsIsFound() {
        Keywords keywords = new Keywords(List.of("akia", "pwd"));
        for (String text : List.of("akia", "AKIA", "xakia", "akiax", "xxakia", "akiaxx", "pwd", "xpwd", "pwdx", "p", "",
                "AkIapWd", "pwdakia")) {
            assertThat(keywords.occurrences(new Scan(text, keywords).bytes()))
                    .as(text).containsExactly(bruteForce(List.of("akia", "pwd"), text));
        }
    }

    private static void check(List<String> words, long seed) {
        Keywords keywords = new Keywords(words);
        Random random = new Random(seed);
        int found = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder b = new StringBuilder();
            int pieces = random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                if (random.nextInt(3) == 0) {
                    b.append(randomCase(words.get(random.nextInt(words.size())), random));
                } else {
                    b.append(NOISE[random.nextInt(NOISE.length)]);
                }
            }
            String text = b.toString();
            long[] expected = bruteForce(words, text);
            found += expected.length;
            assertThat(keywords.occurrences(new Scan(text, keywords).bytes())).as(text).containsExactly(expected);
        }
        assertThat(found).as("occurrences in the random texts").isGreaterThan(1000);
    }

    private static String randomCase(String word, Random random) {
        StringBuilder b = new StringBuilder();
        for (char c : word.toCharArray()) {
            b.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return b.toString();
    }

    /** Every occurrence by comparing each keyword at each position, as position << 16 | index, in order. */
    private static long[] bruteForce(List<String> words, String text) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList()));
        List<Long> out = new ArrayList<>();
        for (int at = 0; at < text.length(); at++) {
            for (int k = 0; k < unique.size(); k++) {
                if (text.regionMatches(true, at, unique.get(k), 0, unique.get(k).length())
                        && asciiOnly(text, at, unique.get(k).length())) {
                    out.add(((long) at << 16) | k);
                }
            }
        }
        long[] sorted = out.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /** regionMatches ignores case beyond ASCII too (the Kelvin sign matches k); keywords are ASCII. */
    private static boolean asciiOnly(String text, int at, int length) {
        return text.substring(at, at + length).chars().allMatch(c -> c < 128);
    }
}
