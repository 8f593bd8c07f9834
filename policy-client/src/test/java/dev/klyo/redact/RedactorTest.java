package dev.klyo.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RedactorTest {

    /** Filler that holds no sensitive value but every kind of character a body may carry. */
    private static final String[] FILLER = {"the ", "order ", "{\"a\": [1, 2.5, null]} ", "é ", "😀 ", "\r\n", "\t",
            "2026-11-22 ", "v1.2.3 ", "ключ ", "<p>", "</p>", "\"", "\\", "id=42&x=y ", "::", "@ ", "- ", "日本語 "};

    @Test
    void everythingOutsideFindingsStaysByteIdentical() {
        Redactor redactor = Samples.all();
        Random random = new Random(6);
        List<Map.Entry<String, String>> samples = new ArrayList<>(Samples.BY_DETECTOR.entrySet());
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            StringBuilder expected = new StringBuilder();
            for (int piece = 0; piece < 12; piece++) {
                String filler = FILLER[random.nextInt(FILLER.length)];
                text.append(filler).append(' ');
                expected.append(filler).append(' ');
                if (random.nextInt(3) == 0) {
                    Map.Entry<String, String> sample = samples.get(random.nextInt(samples.size()));
                    text.append(sample.getValue()).append(' ');
                    expected.append("[REDACTED:").append(sample.getKey()).append("] ");
                }
            }
            assertThat(redactor.redact(text.toString())).as(text.toString()).isEqualTo(expected.toString());
        }
    }

    @Test
    void numbersNextToOtherNumbersAreStillFound() {
        assertThat(Samples.all().redact("2026-11-22 203.0.113.42")).isEqualTo("2026-11-22 [REDACTED:ipv4]");
        assertThat(Samples.all().redact("12.5 " + Samples.CARD)).isEqualTo("12.5 [REDACTED:payment-card]");
        assertThat(Samples.all().redact("0.4539148803436467")).as("the decimals of a float").isEqualTo("0.4539148803436467");
    }

    @Test
    void textWithoutFindingsIsReturnedAsItIs() {
        String text = "Nothing to see: 2026-11-22, v1.2.3, order #100234, 😀 and a UUID 3f2b8c1e-6d4a-4f0e-9b7c-2a1d5e8f9c0b.";
        assertThat(Samples.all().redact(text)).isSameAs(text);
    }

    @Test
    void onlyTheRequestedDetectorsApply() {
        Redactor emailsOnly = new Redactor(List.of(Detectors.builtIn("email")));
        String text = "mail " + Samples.EMAIL + " key " + Samples.AWS_ACCESS_KEY;
        assertThat(emailsOnly.redact(text)).isEqualTo("mail [REDACTED:email] key " + Samples.AWS_ACCESS_KEY);
    }

    @Test
    void aSecretInsideACredentialUrlIsNamedForWhatItIs() {
        String text = "https://x-access-token:" + Samples.GITHUB_TOKEN + "@github.com/acme/app.git";
        assertThat(Samples.all().redact(text)).isEqualTo("https://x-access-token:[REDACTED:github-token]@github.com/acme/app.git");
    }

    @Test
    void aGenericAssignmentYieldsToTheSpecificDetector() {
        assertThat(Samples.all().redact("api_key=" + Samples.OPENAI_KEY)).isEqualTo("api_key=[REDACTED:openai-key]");
        assertThat(Samples.all().redact("db_password: 'Wq8#tR2!mZ7v'")).isEqualTo("db_password: '[REDACTED:generic-secret]'");
    }

    @Test
    void bodiesAreRedactedByMediaType() {
        Redactor r = Samples.all();
        assertThat(r.redactBody("application/json; charset=utf-8", "{\"k\": \"" + Samples.EMAIL + "\"}"))
                .isEqualTo("{\"k\": \"[REDACTED:email]\"}");
        assertThat(r.redactBody("application/vnd.api+json", "{\"k\": 4539148803436467}"))
                .isEqualTo("{\"k\": \"[REDACTED:payment-card]\"}");
        assertThat(r.redactBody("application/x-www-form-urlencoded", "to=maria.garcia%40empresa.es"))
                .isEqualTo("to=%5BREDACTED%3Aemail%5D");
        assertThat(r.redactBody("text/plain", "to=maria.garcia%40empresa.es")).isEqualTo("to=maria.garcia%40empresa.es");
        assertThat(r.redactBody(null, "ssn " + Samples.SSN)).isEqualTo("ssn [REDACTED:us-ssn]");
    }
}
