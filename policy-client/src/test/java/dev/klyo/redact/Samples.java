package dev.klyo.redact;

import java.util.Map;

/** One value per built-in detector, in the formats the detectors document; none is a real credential. */
final class Samples {

    static final String AWS_ACCESS_KEY = "AKIAQ3EGRVUCWJ2X7NPL";
    static final String GITHUB_TOKEN = "ghp_R7xq2LmN9vB4kT1pZ8sW3yH6cJ0dF5gA2eQu";
    static final String SLACK_WEBHOOK = "https://hooks.slack.com/services/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";
    static final String OPENAI_KEY = "sk-proj-Qm3v8Xz1Lk9Tr5Wp2Hn7Bc4Yd6Fg0Js8Ke1Mu3Nv5Ow7Pa9Rb2Sc4Td6Ue8Vf0A";
    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsInNjb3BlIjoiYWRtaW4ifQ"
            + ".k3Xb9Qz2Lm7Tr4Wp1Hn8Bc5Yd0Fg6Js3Ke";
    static final String EMAIL = "maria.garcia@empresa.es";
    static final String CARD = "4539 1488 0343 6467";
    static final String IBAN = "DE89370400440532013000";
    static final String SSN = "536-22-1234";
    static final String PHONE = "+44 20 7946 0958";
    static final String IPV4 = "203.0.113.42";
    static final String PRIVATE_KEY = "-----BEGIN RSA PRIVATE KEY-----\n"
            + "MIIEpAIBAAKCAQEAu3kZ7x9Qm2Lp8Tr4Wn1Hb5Yc0Fd6Jg3Ks8Me1Nu5Ov7Pa9Rb2S\n"
            + "c4Td6Ue8Vf0Wg2Xh4Yi6Zj8Ak0Bl2Cm4Dn6Eo8Fp0Gq2Hr4Is6Jt8Ku0Lv2Mw4Nx6\n"
            + "-----END RSA PRIVATE KEY-----";

    /** Detector id for each sample above. */
    static final Map<String, String> BY_DETECTOR = Map.ofEntries(
            Map.entry("aws-access-key", AWS_ACCESS_KEY), Map.entry("github-token", GITHUB_TOKEN),
            Map.entry("slack-webhook", SLACK_WEBHOOK), Map.entry("openai-key", OPENAI_KEY), Map.entry("jwt", JWT),
            Map.entry("email", EMAIL), Map.entry("payment-card", CARD), Map.entry("iban", IBAN), Map.entry("us-ssn", SSN),
            Map.entry("phone-number", PHONE), Map.entry("ipv4", IPV4), Map.entry("private-key", PRIVATE_KEY));

    static Redactor all() {
        return new Redactor(Detectors.builtIn().values());
    }

    private Samples() {
    }
}
