package dev.klyo.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyException;
import dev.klyo.policy.PolicyLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Custom detectors and allowlists as a policy declares them (the example in docs/detectors.md). */
class PolicyDetectorsTest {

    static final String POLICY = """
            version: 1
            name: detectors-example
            detectors:
              - id: acme-token
                pattern: 'acme_(?P<value>[A-Za-z0-9]{24})'
                keywords: [acme_]
                entropy: 3.0
                allowlist:
                  values: [acme_000000000000000000000000]
                  patterns: ['acme_test[A-Za-z0-9]{20}']
              - id: email
                allowlist:
                  values: [noreply@acme.example]
                  patterns: ['.*@test\\.acme\\.example']
            rules:
              - id: redact-outbound
                effect: redact
                redact: [acme-token, email, aws-access-key]
                match: {http: {hosts: ["*"]}}
            """;

    @Test
    void aPolicyDeclaresDetectorsAndAllowlists() throws Exception {
        Policy policy = new PolicyLoader(name -> null).parse(POLICY, "detectors.yaml");
        Redactor redactor = new Redactor(List.of(policy.detectors().get("acme-token"), policy.detectors().get("email"),
                policy.detectors().get("aws-access-key")));
        String body = "token=acme_Qm3v8Xz1Lk9Tr5Wp2Hn7Bc4Y from alice@acme.example, cc noreply@acme.example,"
                + " bot@test.acme.example, key AKIAQ3EGRVUCWJ2X7NPL, docs AKIAIOSFODNN7EXAMPLE, acme_testQm3v8Xz1Lk9Tr5Wp2Hn";
        assertThat(redactor.redact(body)).isEqualTo("token=acme_[REDACTED:acme-token] from [REDACTED:email],"
                + " cc noreply@acme.example, bot@test.acme.example, key [REDACTED:aws-access-key],"
                + " docs AKIAIOSFODNN7EXAMPLE, acme_testQm3v8Xz1Lk9Tr5Wp2Hn");
    }

    @Test
    void aBacktrackingPatternIsRejectedWithItsLocation() {
        String yaml = """
                version: 1
                detectors:
                  - id: repeated
                    pattern: '(a)\\1'
                """;
        assertThatThrownBy(() -> new PolicyLoader(name -> null).parse(yaml, "bad.yaml"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("bad.yaml:4")
                .hasMessageContaining("detectors[0].pattern");
    }
}
