package dev.klyo.redact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonRedactionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void stringValuesAreRedactedAndTheDocumentStillParses() throws Exception {
        String body = "{\n  \"user\": {\"email\": \"" + Samples.EMAIL + "\", \"name\": \"Maria\"},\n"
                + "  \"payment\": {\"card\": \"" + Samples.CARD + "\", \"iban\": \"" + Samples.IBAN + "\"},\n"
                + "  \"auth\": \"Bearer " + Samples.JWT + "\",\n"
                + "  \"aws\": [\"" + Samples.AWS_ACCESS_KEY + "\", 42, true, null],\n"
                + "  \"note\": \"café 😀 \\\"quoted\\\" \\\\ done\"\n}";
        String redacted = Samples.all().redactJson(body);

        JsonNode tree = JSON.readTree(redacted);
        assertThat(tree.at("/user/email").asText()).isEqualTo("[REDACTED:email]");
        assertThat(tree.at("/user/name").asText()).isEqualTo("Maria");
        assertThat(tree.at("/payment/card").asText()).isEqualTo("[REDACTED:payment-card]");
        assertThat(tree.at("/payment/iban").asText()).isEqualTo("[REDACTED:iban]");
        assertThat(tree.at("/auth").asText()).isEqualTo("Bearer [REDACTED:jwt]");
        assertThat(tree.at("/aws/0").asText()).isEqualTo("[REDACTED:aws-access-key]");
        assertThat(tree.at("/aws/1").asInt()).isEqualTo(42);
        assertThat(tree.at("/note").asText()).isEqualTo("café 😀 \"quoted\" \\ done");
        String expected = body.replace(Samples.EMAIL, "[REDACTED:email]").replace(Samples.CARD, "[REDACTED:payment-card]")
                .replace(Samples.IBAN, "[REDACTED:iban]").replace(Samples.JWT, "[REDACTED:jwt]")
                .replace(Samples.AWS_ACCESS_KEY, "[REDACTED:aws-access-key]");
        assertThat(redacted).isEqualTo(expected);
    }

    @Test
    void keysStayIntactEvenWhenTheyLookSensitive() throws Exception {
        String body = "{\"" + Samples.EMAIL + "\": {\"role\": \"admin\", \"contact\": \"" + Samples.EMAIL + "\"}}";
        String redacted = Samples.all().redactJson(body);
        JsonNode tree = JSON.readTree(redacted);
        assertThat(tree.fieldNames().next()).isEqualTo(Samples.EMAIL);
        assertThat(tree.get(Samples.EMAIL).get("contact").asText()).isEqualTo("[REDACTED:email]");
    }

    @Test
    void aNumberHoldingACardNumberBecomesAStringMarker() throws Exception {
        String redacted = Samples.all().redactJson("{\"pan\": 4539148803436467, \"amount\": 12.5}");
        assertThat(redacted).isEqualTo("{\"pan\": \"[REDACTED:payment-card]\", \"amount\": 12.5}");
        assertThat(JSON.readTree(redacted).get("amount").asDouble()).isEqualTo(12.5);
    }

    @Test
    void escapedValuesAreDecodedBeforeSearching() throws Exception {
        String escapedKey = "\\u0041KIAQ3EGRVUCWJ2X7NPL";
        String escapedHook = Samples.SLACK_WEBHOOK.replace("/", "\\/");
        String pem = Samples.PRIVATE_KEY.replace("\n", "\\n");
        String body = "{\"a\": \"x " + escapedKey + " y\", \"b\": \"" + escapedHook + "\", \"c\": \"" + pem
                + "\", \"d\": \"tab\\there\"}";
        String redacted = Samples.all().redactJson(body);
        JsonNode tree = JSON.readTree(redacted);
        assertThat(tree.get("a").asText()).isEqualTo("x [REDACTED:aws-access-key] y");
        assertThat(tree.get("b").asText()).isEqualTo("[REDACTED:slack-webhook]");
        assertThat(tree.get("c").asText()).isEqualTo("[REDACTED:private-key]");
        assertThat(redacted).endsWith("\"d\": \"tab\\there\"}");
    }

    @Test
    void valuesSplitByEscapesAreFound() throws Exception {
        // An escape inside the keyword, between the groups of a card number, before a phone's plus.
        String body = "{\"a\": \"A\\u004bIAQ3EGRVUCWJ2X7NPL\", \"b\": \"4539\\u00201488 0343 6467\", "
                + "\"c\": \"\\u002b44 20 7946 0958\", \"d\": \"536\\u002d22-1234\", \"e\": \"203.0.113\\u002e42\"}";
        JsonNode tree = JSON.readTree(Samples.all().redactJson(body));
        assertThat(tree.get("a").asText()).isEqualTo("[REDACTED:aws-access-key]");
        assertThat(tree.get("b").asText()).isEqualTo("[REDACTED:payment-card]");
        assertThat(tree.get("c").asText()).isEqualTo("[REDACTED:phone-number]");
        assertThat(tree.get("d").asText()).isEqualTo("[REDACTED:us-ssn]");
        assertThat(tree.get("e").asText()).isEqualTo("[REDACTED:ipv4]");
    }

    @Test
    void valuesFillingTheWholeDocumentOrItsLastStringAreFound() throws Exception {
        assertThat(Samples.all().redactJson("\"" + Samples.AWS_ACCESS_KEY + "\""))
                .isEqualTo("\"[REDACTED:aws-access-key]\"");
        assertThat(Samples.all().redactJson("4539148803436467")).isEqualTo("\"[REDACTED:payment-card]\"");
        assertThat(Samples.all().redactJson("[1, \"" + Samples.SSN + "\"]")).isEqualTo("[1, \"[REDACTED:us-ssn]\"]");
    }

    @Test
    void aFindingNeverSplitsAnEscapeSequence() throws Exception {
        // The e-mail address runs into an escaped quote and a unicode escape in the raw text.
        String body = "{\"to\": \"maria.garcia@empresa.es\\u00e9\", \"x\": \"\\\"" + Samples.SSN + "\\\"\"}";
        String redacted = Samples.all().redactJson(body);
        JsonNode tree = JSON.readTree(redacted);
        assertThat(tree.get("x").asText()).isEqualTo("\"[REDACTED:us-ssn]\"");
        assertThat(tree.get("to").asText()).startsWith("[REDACTED:email]");
    }

    @Test
    void aDocumentWithoutFindingsOrEscapesIsReturnedAsItIs() {
        String body = "{\"id\": \"3f2b8c1e-6d4a-4f0e-9b7c-2a1d5e8f9c0b\", \"n\": [1, 2, 3]}";
        assertThat(Samples.all().redactJson(body)).isSameAs(body);
    }

    @Test
    void malformedJsonIsStillRedactedAsText() {
        String body = "{\"to\": \"ok\", \"open\": \"" + Samples.EMAIL + " never closed";
        assertThat(Samples.all().redactJson(body)).isEqualTo("{\"to\": \"ok\", \"open\": \"[REDACTED:email] never closed");
    }
}
