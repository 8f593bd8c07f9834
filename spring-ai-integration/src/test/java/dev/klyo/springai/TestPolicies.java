package dev.klyo.springai;

import dev.klyo.Klyo;
import dev.klyo.audit.AuditSink;
import dev.klyo.policy.Mode;
import dev.klyo.policy.Policy;
import dev.klyo.policy.PolicyLoader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

final class TestPolicies {

    private TestPolicies() {
    }

    static Policy testPolicy() {
        try (InputStream in = TestPolicies.class.getResourceAsStream("/klyo-test-policy.yaml")) {
            return new PolicyLoader().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "klyo-test-policy.yaml");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Klyo klyo(AuditSink sink) {
        return Klyo.builder().policy(testPolicy()).audit(sink).build();
    }

    static Klyo klyo(AuditSink sink, Mode mode) {
        return Klyo.builder().policy(testPolicy()).mode(mode).audit(sink).build();
    }
}
