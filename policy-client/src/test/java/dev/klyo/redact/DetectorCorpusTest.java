package dev.klyo.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the built-in detectors on a labelled corpus of true positives and
 * realistic look-alikes (UUIDs, git SHAs, base64 images, versions, dates, prose, documented
 * example keys). A finding counts only with the expected detector id and the exact span.
 */
class DetectorCorpusTest {

    private record Span(String detector, int start, int end) {
    }

    private static final class Score {
        int truePositives;
        int falsePositives;
        int falseNegatives;

        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }
    }

    private static final Map<String, Score> SCORES = new TreeMap<>();
    private static final Score TOTAL = new Score();
    private static final List<String> MISTAKES = new ArrayList<>();
    private static int cases;
    private static int negativeCases;

    @BeforeAll
    static void score() throws IOException {
        Redactor redactor = new Redactor(Detectors.builtIn().values());
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                DetectorCorpusTest.class.getResourceAsStream("/detector-corpus/corpus.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode c = json.readTree(line);
                String text = c.get("text").asText();
                Set<Span> expected = new HashSet<>();
                for (JsonNode e : c.get("expect")) {
                    String value = e.get("value").asText();
                    int at = text.indexOf(value);
                    assertThat(at).as("expected value occurs in the text: %s", line).isGreaterThanOrEqualTo(0);
                    expected.add(new Span(e.get("detector").asText(), at, at + value.length()));
                }
                cases++;
                if (expected.isEmpty()) {
                    negativeCases++;
                }
                Set<Span> actual = new HashSet<>();
                for (Finding f : redactor.find(text)) {
                    actual.add(new Span(f.detectorId(), f.start(), f.end()));
                }
                for (Span s : actual) {
                    Score score = SCORES.computeIfAbsent(s.detector(), k -> new Score());
                    if (expected.contains(s)) {
                        score.truePositives++;
                        TOTAL.truePositives++;
                    } else {
                        score.falsePositives++;
                        TOTAL.falsePositives++;
                        MISTAKES.add("FP " + s.detector() + " '" + text.substring(s.start(), s.end()) + "' in: " + text);
                    }
                }
                for (Span s : expected) {
                    if (!actual.contains(s)) {
                        SCORES.computeIfAbsent(s.detector(), k -> new Score()).falseNegatives++;
                        TOTAL.falseNegatives++;
                        MISTAKES.add("FN " + s.detector() + " '" + text.substring(s.start(), s.end()) + "' in: " + text);
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder(String.format("%n%-16s %4s %4s %4s %9s %7s%n", "detector", "TP", "FP",
                "FN", "precision", "recall"));
        SCORES.forEach((id, s) -> report.append(row(id, s)));
        report.append(row("all", TOTAL));
        report.append(String.format("%d cases, %d without any sensitive value%n", cases, negativeCases));
        MISTAKES.forEach(m -> report.append(m).append('\n'));
        System.out.println(report);
    }

    private static String row(String id, Score s) {
        return String.format("%-16s %4d %4d %4d %9.3f %7.3f%n", id, s.truePositives, s.falsePositives,
                s.falseNegatives, s.precision(), s.recall());
    }

    @Test
    void corpusIsLargeAndBalanced() {
        assertThat(cases).isGreaterThanOrEqualTo(200);
        assertThat(negativeCases).isGreaterThanOrEqualTo(100);
        assertThat(TOTAL.truePositives + TOTAL.falseNegatives).isGreaterThanOrEqualTo(100);
    }

    @Test
    void everyBuiltInDetectorIsExercised() {
        for (String id : Detectors.ids()) {
            Score s = SCORES.get(id);
            assertThat(s).as(id).isNotNull();
            assertThat(s.truePositives).as(id).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void overallPrecisionAndRecall() {
        assertThat(TOTAL.precision()).as("precision").isGreaterThanOrEqualTo(0.95);
        assertThat(TOTAL.recall()).as("recall").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void perDetectorPrecisionAndRecall() {
        SCORES.forEach((id, s) -> {
            assertThat(s.precision()).as(id + " precision").isGreaterThanOrEqualTo(0.85);
            assertThat(s.recall()).as(id + " recall").isGreaterThanOrEqualTo(0.85);
        });
    }
}
