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
    void aValueAtTheVeryStartOrEndOfTheTextIsFound() {
        Redactor redactor = Samples.all();
        // The keyword search looks at every other pair of characters: try both alignments at both ends.
        for (Map.Entry<String, String> sample : Samples.BY_DETECTOR.entrySet()) {
            String marker = "[REDACTED:" + sample.getKey() + "]";
            for (int before = 0; before < 4; before++) {
                for (int after = 0; after < 4; after++) {
                    String pad = " ".repeat(before);
                    String tail = " ".repeat(after);
                    assertThat(redactor.redact(pad + sample.getValue() + tail)).isEqualTo(pad + marker + tail);
                }
            }
        }
    }

    @Test
    void numbersRightAfterOrBeforeOtherDigitsAreJudgedAsWritten() {
        Redactor redactor = Samples.all();
        // Glued to more digits, a value is part of a longer number and no longer a card, a phone or an SSN.
        assertThat(redactor.redact("7" + Samples.CARD.replace(" ", ""))).isEqualTo("7" + Samples.CARD.replace(" ", ""));
        assertThat(redactor.redact("1" + Samples.SSN)).isEqualTo("1" + Samples.SSN);
        assertThat(redactor.redact(Samples.SSN + "9")).isEqualTo(Samples.SSN + "9");
        // Separated from them by a space or a comma, it is found.
        assertThat(redactor.redact("42 " + Samples.CARD + " 17")).isEqualTo("42 [REDACTED:payment-card] 17");
        assertThat(redactor.redact("12," + Samples.SSN + ",34")).isEqualTo("12,[REDACTED:us-ssn],34");
        assertThat(redactor.redact("7 " + Samples.PHONE)).isEqualTo("7 [REDACTED:phone-number]");
        assertThat(redactor.redact(Samples.IPV4 + "0")).isEqualTo(Samples.IPV4 + "0");
        assertThat(redactor.redact("ip " + Samples.IPV4 + ":8080")).isEqualTo("ip [REDACTED:ipv4]:8080");
        assertThat(redactor.redact("x" + Samples.IBAN + "7")).isEqualTo("x" + Samples.IBAN + "7");
    }

    @Test
    void aValueFarIntoALongBodyIsFound() {
        // Past the first blocks of 64 characters, and straddling one block and the next.
        String filler = "{\"id\": \"3f2b8c1e-6d4a-4f0e-9b7c-2a1d5e8f9c0b\", \"price\": 12.5, \"ratio\": 0.1234567890123456}, ";
        for (int shift = 0; shift < 70; shift++) {
            String head = filler.repeat(40) + "x".repeat(shift) + " ";
            for (Map.Entry<String, String> sample : Samples.BY_DETECTOR.entrySet()) {
                String text = head + sample.getValue() + " " + filler;
                assertThat(Samples.all().redact(text)).isEqualTo(head + "[REDACTED:" + sample.getKey() + "] " + filler);
            }
        }
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
