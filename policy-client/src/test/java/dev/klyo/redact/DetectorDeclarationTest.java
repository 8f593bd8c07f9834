package dev.klyo.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectorDeclarationTest {

    private static Map<String, Detector> builtIns() {
        return new LinkedHashMap<>(Detectors.builtIn());
    }

    @Test
    void documentedExampleKeysAreAllowlisted() {
        Redactor r = Samples.all();
        assertThat(r.find("AKIAIOSFODNN7EXAMPLE")).isEmpty();
        assertThat(r.find("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).isEmpty();
        assertThat(r.find("sk_test_4eC39HqLyjWDarjtT1zdp7dc")).isEmpty();
    }

    @Test
    void aBuiltInTakesMoreAllowlistedValuesAndPatterns() {
        Detector d = new DetectorDeclaration("email", null, null, null, List.of("noreply@acme.example"),
                List.of(".*@test\\.acme\\.example")).build(builtIns());
        assertThat(d.find("noreply@acme.example")).isEmpty();
        assertThat(d.find("bot@test.acme.example")).isEmpty();
        assertThat(d.find("alice@acme.example")).extracting(Finding::detectorId).containsExactly("email");
    }

    @Test
    void aCustomDetectorWithKeywordsEntropyAndAllowlist() {
        Detector d = new DetectorDeclaration("acme-token", "acme_(?P<value>[A-Za-z0-9]{24})", List.of("acme_"), 3.0,
                List.of("000000000000000000000000"), List.of("test[A-Za-z0-9]{20}")).build(builtIns());
        String real = "acme_Qm3v8Xz1Lk9Tr5Wp2Hn7Bc4Y";
        assertThat(d.find("token " + real)).containsExactly(new Finding("acme-token", 11, 35));
        assertThat(d.find("acme_aaaaaaaaaaaaaaaaaaaaaaaa")).as("below the entropy").isEmpty();
        assertThat(d.find("acme_000000000000000000000000")).as("allowlisted value").isEmpty();
        assertThat(d.find("acme_testQm3v8Xz1Lk9Tr5Wp2Hn")).as("allowlisted pattern").isEmpty();
        assertThat(new Redactor(List.of(d)).redact("x=" + real)).isEqualTo("x=acme_[REDACTED:acme-token]");
    }

    @Test
    void keywordsArePrefilterOnly() {
        Detector d = new DetectorDeclaration("order-ref", "ORD-[0-9]{8}", List.of("ord-"), null, null, null)
                .build(builtIns());
        assertThat(d.find("see ord-12345678 and ORD-87654321")).containsExactly(new Finding("order-ref", 21, 33));
    }

    @Test
    void mistakesNameTheKeyAtFault() {
        assertThatThrownBy(() -> new DetectorDeclaration("x", "(a)\\1", null, null, null, null).build(builtIns()))
                .isInstanceOfSatisfying(DetectorDeclaration.Invalid.class, e -> {
                    assertThat(e.key()).isEqualTo("pattern");
                    assertThat(e.getMessage()).contains("bad regular expression");
                });
        assertThatThrownBy(() -> new DetectorDeclaration("email", "x", null, null, null, null).build(builtIns()))
                .isInstanceOfSatisfying(DetectorDeclaration.Invalid.class, e -> assertThat(e.key()).isEqualTo("id"));
        assertThatThrownBy(() -> new DetectorDeclaration("nope", null, null, null, List.of("v"), null).build(builtIns()))
                .isInstanceOfSatisfying(DetectorDeclaration.Invalid.class, e -> assertThat(e.key()).isEqualTo("pattern"));
        assertThatThrownBy(() -> new DetectorDeclaration("k", "x", List.of("a"), null, null, null).build(builtIns()))
                .isInstanceOfSatisfying(DetectorDeclaration.Invalid.class, e -> assertThat(e.key()).isEqualTo("keywords"));
        assertThatThrownBy(() -> new DetectorDeclaration("e", "x", null, 40.0, null, null).build(builtIns()))
                .isInstanceOfSatisfying(DetectorDeclaration.Invalid.class, e -> assertThat(e.key()).isEqualTo("entropy"));
        assertThatThrownBy(() -> new DetectorDeclaration("a", "x", null, null, null, List.of("(")).build(builtIns()))
                .isInstanceOfSatisfying(DetectorDeclaration.Invalid.class, e -> assertThat(e.key()).isEqualTo("allowlist"));
        assertThatThrownBy(() -> new DetectorDeclaration("bad id", "x", null, null, null, null).build(builtIns()))
                .isInstanceOfSatisfying(DetectorDeclaration.Invalid.class, e -> assertThat(e.key()).isEqualTo("id"));
    }

    @Test
    void javaRegexPatternsKeepWorkingThroughRe2() {
        PatternDetector d = new PatternDetector("ticket", java.util.regex.Pattern.compile("ticket-(?<value>[0-9]+)",
                java.util.regex.Pattern.CASE_INSENSITIVE));
        assertThat(d.find("TICKET-42")).containsExactly(new Finding("ticket", 7, 9));
        assertThatThrownBy(() -> new PatternDetector("look", java.util.regex.Pattern.compile("a(?=b)")))
                .isInstanceOf(java.util.regex.PatternSyntaxException.class)
                .hasMessageContaining("linear-time");
    }
}
